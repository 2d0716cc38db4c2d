package dev.gofetch.cli;

import dev.gofetch.env.GoEnv;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/// What a command runs with: the process environment, its directory and its output streams.
/// @param interactive stderr is a terminal, so progress lines may be drawn
record Context(Map<String, String> environment, Path dir, PrintStream out, PrintStream err, boolean debug,
        boolean interactive) {

    /// Go's settings for this command; their warnings (unknown lines in the env file and the like)
    /// go to stderr once. A setting the go command would refuse throws {@link dev.gofetch.env.GoEnvException}.
    GoEnv goEnv() {
        GoEnv env = GoEnv.load(environment);
        for (String w : env.warnings()) {
            warn(w);
        }
        return env;
    }

    void warn(String message) {
        err.println(message.startsWith("go: ") ? "gofetch: " + message.substring(4) : message);
    }
}

package dev.gofetch.cli;

import dev.gofetch.env.GoEnv;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/// What a command runs with: the process environment, its directory and its output streams.
record Context(Map<String, String> environment, Path dir, PrintStream out, PrintStream err, boolean debug) {

    GoEnv goEnv() throws CommandException {
        try {
            return GoEnv.load(environment);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    void warn(String message) {
        err.println(message.startsWith("go: ") ? "gofetch: " + message.substring(4) : message);
    }
}

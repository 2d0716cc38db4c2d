package dev.gofetch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/// The command-line interface. Runs in-process with an explicit environment and working directory,
/// so tests can drive it exactly as a user's shell would without spawning a JVM.
public final class Cli {
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;

    public Cli(Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err) {
        this.environment = Objects.requireNonNull(environment);
        this.workingDirectory = Objects.requireNonNull(workingDirectory);
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    /// Runs one command and returns the process exit status.
    public int run(String[] args) {
        err.println("gofetch: unknown command \"" + args[0] + "\"");
        return 2;
    }
}

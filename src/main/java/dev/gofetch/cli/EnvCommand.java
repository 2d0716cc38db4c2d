package dev.gofetch.cli;

import dev.gofetch.env.GoEnv;
import java.io.PrintStream;
import java.util.List;

/// Placeholder until the env helper's implementation lands.
final class EnvCommand {
    private EnvCommand() {}

    static int run(List<String> args, GoEnv env, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("TODO");
    }
}

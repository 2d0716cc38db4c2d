package dev.gofetch.cli;

import dev.gofetch.env.GoEnv;
import dev.gofetch.vcs.Diagnosis;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/// After an error printed in the go command's words, a `hint:` line naming the failure and its fix
/// (private modules: credentials, GOPRIVATE, unknown revisions). stderr only, so stdout stays what
/// the go command prints; each hint once per run.
final class Hints {
    private final PrintStream err;
    private final GoEnv env;
    private final Set<String> printed = new HashSet<>();

    Hints(PrintStream err, GoEnv env) {
        this.err = err;
        this.env = env;
    }

    void after(String errorMessage) {
        if (env == null) {
            return;
        }
        Diagnosis.of(errorMessage, env).ifPresent(d -> {
            String line = "hint: " + d.hint();
            synchronized (printed) {
                if (printed.add(line)) {
                    err.println(line);
                }
            }
        });
    }
}

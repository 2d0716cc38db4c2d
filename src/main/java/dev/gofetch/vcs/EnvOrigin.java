package dev.gofetch.vcs;

import dev.gofetch.env.GoEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/// Where a Go setting comes from, so a fix can say where to change it: the process environment
/// (which `go env -w` cannot override), a line of the user's Go env file, or nowhere yet.
record EnvOrigin(String name, String value, Where where, Path file, int line) {
    enum Where { ENVIRONMENT, ENV_FILE, GOROOT_ENV_FILE, UNSET }

    static EnvOrigin of(GoEnv env, String name) {
        String process = env.processEnvironment().getOrDefault(name, "");
        String value = env.get(name);
        if (!process.isEmpty()) {
            return new EnvOrigin(name, value, Where.ENVIRONMENT, null, 0);
        }
        Optional<EnvOrigin> inFile = env.envFile().flatMap(f -> lineOf(name, f))
                .map(l -> new EnvOrigin(name, value, Where.ENV_FILE, env.envFile().get(), l));
        if (inFile.isPresent()) {
            return inFile.get();
        }
        Optional<EnvOrigin> inGoroot = env.gorootEnvFile().flatMap(f -> lineOf(name, f))
                .map(l -> new EnvOrigin(name, value, Where.GOROOT_ENV_FILE, env.gorootEnvFile().get(), l));
        return inGoroot.orElse(new EnvOrigin(name, value, Where.UNSET, null, 0));
    }

    /// The 1-based line that sets name (the last one wins, as the go command reads the file).
    private static Optional<Integer> lineOf(String name, Path file) {
        List<String> lines;
        try {
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(name + "=")) {
                found = i + 1;
            }
        }
        return found == 0 ? Optional.empty() : Optional.of(found);
    }

    /// Whether the user set this variable themselves (environment or `go env -w`).
    boolean isSet() {
        return where == Where.ENVIRONMENT || where == Where.ENV_FILE;
    }

    /// How to give the variable a new value, and where the old one is.
    String howToSet(String newValue, GoEnv env) {
        String quoted = "'" + newValue + "'";
        return switch (where) {
            case ENVIRONMENT -> "export " + name + "=" + quoted + " where your shell or CI sets it (" + name
                    + " is set in the environment, which `go env -w` does not override)";
            case ENV_FILE -> "go env -w " + name + "=" + quoted + " (currently set in " + file + " line " + line + ")";
            case GOROOT_ENV_FILE -> "go env -w " + name + "=" + quoted + " (currently the default from " + file
                    + " line " + line + ")";
            case UNSET -> env.envFile().isPresent()
                    ? "go env -w " + name + "=" + quoted + " (" + name + " is not set yet; this writes it to "
                            + env.envFile().get() + ")"
                    : "export " + name + "=" + quoted + " (GOENV=off, so `go env -w` cannot store it)";
        };
    }
}

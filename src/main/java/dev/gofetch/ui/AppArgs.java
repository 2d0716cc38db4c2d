package dev.gofetch.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/// The app's command line: `gofetch gui -C DIR`, `gofetch gui DIR`, or the same without `gui`.
final class AppArgs {
    private AppArgs() {}

    /// The project to open, resolved against cwd, if the arguments name one.
    static Optional<Path> projectDir(List<String> args, Path cwd) {
        List<String> rest = !args.isEmpty() && args.get(0).equals("gui") ? args.subList(1, args.size()) : args;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if ((a.equals("-C") || a.equals("--C")) && i + 1 < rest.size()) {
                return Optional.of(cwd.resolve(rest.get(i + 1)).normalize());
            }
            if (a.startsWith("-C=") || a.startsWith("--C=")) {
                return Optional.of(cwd.resolve(a.substring(a.indexOf('=') + 1)).normalize());
            }
            if (!a.startsWith("-")) {
                return Optional.of(cwd.resolve(a).normalize());
            }
        }
        return Optional.empty();
    }
}

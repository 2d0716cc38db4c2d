package dev.gofetch;

import dev.gofetch.cli.Cli;
import java.nio.file.Path;

/// Entry point of `gofetch.jar`: with no arguments (or `gui`) the desktop app, otherwise the CLI.
/// The CLI path never loads a JavaFX class, so it runs on machines without a display.
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("gui")) {
            // Loaded by name so that the CLI never touches JavaFX classes.
            Class.forName("dev.gofetch.ui.GofetchApp")
                    .getMethod("launchApp", String[].class)
                    .invoke(null, (Object) args);
            return;
        }
        int status = new Cli(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err,
                System.console() != null).run(args);
        System.out.flush();
        System.exit(status);
    }
}

package dev.gofetch.cli;

import dev.gofetch.env.GoEnvException;
import dev.gofetch.proxy.Version;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/// The command-line interface. Runs in-process with an explicit environment and working directory,
/// so tests can drive it exactly as a user's shell would without spawning a JVM.
public final class Cli {
    static final String USAGE = """
            gofetch is a download manager for Go modules.

            Usage:

            \tgofetch [-C dir] [-debug] <command> [arguments]

            The commands are:

            \tlist        list the build list, like 'go list -m all'
            \tgraph       print the module requirement graph, like 'go mod graph'
            \tenv         print or set Go's module settings, like 'go env'
            \tbundle      create, verify or import an offline bundle of modules
            \tserve       serve a bundle or module cache as a GOPROXY over HTTP
            \tversion     print gofetch's version
            \tgui         open the desktop app (the default with no command)

            Errors are printed as 'gofetch: <module>@<version>: <what happened>' with exit status 1.
            """;

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);

    /// Ends long-running commands (`lab`) started by {@link #run}.
    public void stop() {
        stop.countDown();
    }

    public Cli(Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err) {
        this(environment, workingDirectory, out, err, false);
    }

    /// @param interactive whether stderr is a terminal (progress lines are drawn only then)
    public Cli(Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err,
            boolean interactive) {
        this.interactive = interactive;
        this.environment = Objects.requireNonNull(environment);
        this.workingDirectory = Objects.requireNonNull(workingDirectory);
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    private dev.gofetch.env.GoEnv loadEnvQuietly() {
        try {
            return dev.gofetch.env.GoEnv.load(environment);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /// Runs one command and returns the process exit status.
    public int run(String[] argv) {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean debug = false;
        Path dir = workingDirectory;
        try {
            // Global flags may come before or right after the command name, like the go command's -C.
            while (!args.isEmpty() && args.get(0).startsWith("-")) {
                String a = args.remove(0);
                if (a.equals("-debug") || a.equals("--debug")) {
                    debug = true;
                } else if (a.equals("-C") || a.equals("--C")) {
                    if (args.isEmpty()) {
                        throw new UsageException("flag needs an argument: -C", "usage: gofetch -C dir <command>");
                    }
                    dir = dir.resolve(args.remove(0));
                } else if (a.startsWith("-C=") || a.startsWith("--C=")) {
                    dir = dir.resolve(a.substring(a.indexOf('=') + 1));
                } else if (a.equals("-h") || a.equals("-help") || a.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                } else {
                    throw new UsageException("flag provided but not defined: " + a, "usage: gofetch <command> [arguments]");
                }
            }
            if (args.isEmpty()) {
                err.print(USAGE);
                return 2;
            }
            String name = args.remove(0);
            if (!args.isEmpty() && (args.get(0).equals("-C") || args.get(0).startsWith("-C="))) {
                String a = args.remove(0);
                String d = a.equals("-C") ? (args.isEmpty() ? "" : args.remove(0)) : a.substring(3);
                dir = dir.resolve(d);
            }
            if (!Files.isDirectory(dir)) {
                throw new CommandException("chdir " + dir + ": no such file or directory");
            }
            Context ctx = new Context(environment, dir, out, err, debug, interactive);
            return switch (name) {
                case "list" -> new ListCommand().run(args, ctx);
                case "graph" -> new GraphCommand().run(args, ctx);
                case "download" -> new DownloadCommand().run(args, ctx);
                case "verify" -> new VerifyCommand().run(args, ctx);
                case "clean" -> new CleanCommand().run(args, ctx);
                case "lab" -> new LabCommand().run(args, ctx, stop);
                case "env" -> EnvCommand.run(args, ctx.goEnv(), out, err);
                case "bundle" -> new BundleCommand().run(args, ctx);
                case "serve" -> new ServeCommand().run(args, ctx);
                case "version" -> {
                    out.println("gofetch " + Version.current());
                    yield 0;
                }
                case "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command \"" + name + "\"",
                        "Run 'gofetch help' for usage.");
            };
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("gofetch: " + e.getMessage());
            }
            err.println(e.usage());
            return 2;
        } catch (GoEnvException e) {
            err.println("gofetch: " + e.getMessage());
            return 2;
        } catch (CommandException e) {
            err.println("gofetch: " + e.getMessage());
            new Hints(err, loadEnvQuietly()).after(e.getMessage());
            if (debug && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.status();
        } catch (RuntimeException e) {
            err.println("gofetch: internal error: " + e);
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("(run with -debug for details)");
            }
            return 1;
        }
    }

}

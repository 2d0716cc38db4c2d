package dev.gofetch.cli;

import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.engine.Downloads;
import dev.gofetch.engine.ModuleDownloader;
import dev.gofetch.engine.Project;
import dev.gofetch.engine.Session;
import dev.gofetch.engine.ZipTransfer;
import dev.gofetch.module.GoSum;
import dev.gofetch.module.RevInfo;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.Resolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/// `gofetch download [-json] [-x] [all | path@version ...]`: what `go mod download` does, with the
/// same module set, JSON objects and exit status, many modules at once and progress on a terminal.
final class DownloadCommand {
    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("download").bool("json", "").bool("x", "")
                .string("p", "N modules in flight").string("trace", "FILE for a JSON-lines request timeline")
                .string("connections", "N per zip (default 4)")
                .parse(args);
        int parallelism = Parallelism.parse(flags);
        boolean json = flags.isSet("json");
        java.util.function.Consumer<String> trace = flags.isSet("x") ? line -> {
            synchronized (ctx.err()) {
                ctx.err().println(line);
            }
        } : line -> { };
        dev.gofetch.transfer.JsonTraceWriter traceFile = null;
        if (flags.has("trace")) {
            try {
                traceFile = dev.gofetch.transfer.JsonTraceWriter.toFile(ctx.dir().resolve(flags.get("trace", "")));
            } catch (IOException e) {
                throw new CommandException("-trace: " + e.getMessage(), e);
            }
        }
        dev.gofetch.transfer.TransferOptions options = dev.gofetch.transfer.TransferOptions.defaults();
        if (flags.has("connections")) {
            try {
                int n = Integer.parseInt(flags.get("connections", ""));
                if (n < 1 || n > 64) {
                    throw new NumberFormatException();
                }
                options = options.withMaxConnectionsPerFile(n);
            } catch (NumberFormatException e) {
                throw new UsageException("invalid value \"" + flags.get("connections", "")
                        + "\" for flag -connections: must be a number from 1 to 64", flags.usage());
            }
        }
        try (Session session = Session.open(ctx.goEnv(), parallelism, trace).transferListener(traceFile)
                        .transferOptions(options);
                java.io.Closeable closeTrace = traceFile == null ? () -> { } : traceFile) {
            Path root = Session.findModuleRootOrNull(ctx.dir());
            Project project = root == null ? null : Project.open(session, root, Resolver.Command.DOWNLOAD, ctx.dir());
            Downloads.Plan plan = Downloads.plan(session, project, flags.args(), ctx::warn);
            List<Downloads.Target> targets = plan.targets();
            ProgressLine progress = ctx.interactive() && !json
                    ? new ProgressLine(ctx.err(), targets.size(), System::nanoTime) : null;
            ModuleDownloader downloader = project != null
                    ? project.downloader(progress != null ? progress : DownloadListener.NONE)
                    : new ModuleDownloader(session.cache(), session.proxy(), session.sumsOutsideModule(),
                            session.env().goFlags().modCacheRw(), progress != null ? progress : DownloadListener.NONE,
                            session.zipTransfer());
            List<DownloadResult> results;
            Thread keepOnExit = keepProgressOnExit(session.zipTransfer(), ctx, progress);
            try {
                results = Downloads.run(downloader, targets, parallelism);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(keepOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run
                }
                if (progress != null) {
                    progress.clear();
                }
            }
            int status = 0;
            Hints hints = new Hints(ctx.err(), session.env());
            for (DownloadResult r : results) {
                if (r.failed()) {
                    status = 1;
                }
                if (json) {
                    ctx.out().println(toJson(r));
                } else if (r.failed()) {
                    printError(ctx, r.error());
                }
                if (r.failed()) {
                    hints.after(r.error());
                }
            }
            // As the go command: explicit arguments update go.sum, unless (without -json) a module failed,
            // which ends the run first.
            if (project != null && !flags.args().isEmpty() && (json || status == 0)) {
                writeGoSum(project, root);
            }
            if (plan.graphError() != null && (json || status == 0)) {
                // As the go command: reported last, and only when no module error already ended the run.
                printError(ctx, plan.graphError().getMessage());
                hints.after(plan.graphError().getMessage());
                status = 1;
            }
            return status;
        } catch (ProxyConfigException | ResolveException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (ModuleDownloader.SecurityException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("-trace: " + e.getMessage(), e);
        }
    }

    /// On Ctrl-C (SIGINT) or SIGTERM while zips are downloading: pause them all (closing their
    /// connections), write their journals, and say how much is kept, so that the next run continues
    /// where this one stopped instead of starting the files again.
    private static Thread keepProgressOnExit(ZipTransfer zips, Context ctx, ProgressLine progress) {
        Thread hook = new Thread(() -> {
            zips.pauseAll();
            zips.engine().saveJournals();
            if (zips.activeHandles().isEmpty()) {
                return;
            }
            long kept = zips.keptBytes();
            synchronized (ctx.err()) {
                if (progress != null) {
                    progress.clear();
                }
                ctx.err().println(String.format(java.util.Locale.ROOT,
                        "interrupted; %.1f MiB kept, run again to resume", kept / (1024.0 * 1024.0)));
                ctx.err().flush();
            }
        }, "gofetch-keep-progress");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /// Like Go's log.Print: a message that already ends in a newline gets no second one.
    private static void printError(Context ctx, String message) {
        ctx.err().println("gofetch: " + (message.endsWith("\n") ? message.substring(0, message.length() - 1) : message));
    }

    /// Adds the hashes this run verified to go.sum (explicit arguments only, as the go command does).
    private static void writeGoSum(Project project, Path root) throws CommandException {
        if (project.sums().added().isEmpty()) {
            return;
        }
        GoSum merged = project.sums().withAdded();
        try {
            dev.gofetch.cache.ModCache.writeAtomically(root.resolve("go.sum"), merged.format());
        } catch (IOException e) {
            throw new CommandException("writing go.sum: " + e.getMessage(), e);
        }
    }

    static String toJson(DownloadResult r) {
        GoJsonWriter w = new GoJsonWriter()
                .field("Path", r.path())
                .field("Version", r.version())
                .field("Query", r.query())
                .field("Error", r.error())
                .field("Info", r.info())
                .field("GoMod", r.goMod())
                .field("Zip", r.zip())
                .field("Dir", r.dir())
                .field("Sum", r.sum())
                .field("GoModSum", r.goModSum());
        RevInfo.Origin o = r.origin();
        if (o != null) {
            w.object("Origin", ow -> ow.field("VCS", o.vcs()).field("URL", o.url()).field("Subdir", o.subdir())
                    .field("Hash", o.hash()).field("TagPrefix", o.tagPrefix()).field("TagSum", o.tagSum())
                    .field("Ref", o.ref()).field("RepoSum", o.repoSum()));
        }
        return w.finish();
    }
}

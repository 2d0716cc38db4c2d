package dev.gofetch.cli;

import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.ModuleDownloader;
import dev.gofetch.engine.Project;
import dev.gofetch.engine.Session;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.resolve.MainModule;
import dev.gofetch.resolve.ModuleGraph;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import java.nio.file.Path;
import java.util.List;

/// `gofetch list [all]`: the build list exactly as `go list -m all` prints it.
final class ListCommand {
    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("list").string("p", "N network requests in flight").parse(args);
        if (!flags.args().isEmpty() && !(flags.args().size() == 1 && flags.args().get(0).equals("all"))) {
            throw new UsageException("gofetch list prints the whole build list; use 'all' or no argument",
                    flags.usage() + " [all]");
        }
        int parallelism = Parallelism.parse(flags);
        try (Session session = Session.open(ctx.goEnv(), parallelism)) {
            Path root = Session.findModuleRoot(ctx.dir());
            Project project = Project.open(session, root, Resolver.Command.LIST, ctx.dir());
            Resolver.Result result = project.resolvePartial(ctx::warn, ResolveListener.NONE);
            // Like `go list -m`, look up each listed module's .info; a module that cannot be found is an
            // error even when the graph loaded.
            List<String> errors = infoErrors(session, project, result.graph());
            errors.forEach(e -> ctx.err().println("gofetch: " + e));
            if (result.error() != null) {
                ctx.err().println("gofetch: " + result.error().getMessage());
            }
            if (!errors.isEmpty() || result.error() != null) {
                return 1;
            }
            ctx.out().print(format(result.graph(), project.main()));
            return 0;
        } catch (ProxyConfigException | ResolveException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    private static List<String> infoErrors(Session session, Project project, ModuleGraph graph) {
        ModuleDownloader d = project.downloader(DownloadListener.NONE);
        List<java.util.concurrent.CompletableFuture<String>> checks = new java.util.ArrayList<>();
        for (ModuleVersion m : graph.buildList()) {
            if (m.version().isEmpty() || m.path().equals("go") || m.path().equals("toolchain")) {
                continue;
            }
            ModuleVersion target = project.main().replacement(m);
            if (target == null) {
                target = m;
            } else if (target.version().isEmpty()) {
                continue;
            }
            ModuleVersion t = target;
            checks.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    d.stat(t);
                    return null;
                } catch (java.io.IOException | RuntimeException e) {
                    return e.getMessage();
                }
            }, session.executor()));
        }
        List<String> errors = new java.util.ArrayList<>();
        for (var c : checks) {
            String e = c.join();
            if (e != null) {
                errors.add(e);
            }
        }
        return errors;
    }

    static String format(ModuleGraph graph, MainModule main) {
        StringBuilder b = new StringBuilder();
        for (ModuleVersion m : graph.buildList()) {
            if (m.path().equals("go") || m.path().equals("toolchain")) {
                continue;
            }
            b.append(m.path());
            if (!m.version().isEmpty()) {
                b.append(' ').append(m.version());
                ModuleVersion r = main.replacement(m);
                if (r != null) {
                    b.append(" => ").append(r.path());
                    if (!r.version().isEmpty()) {
                        b.append(' ').append(r.version());
                    }
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}

package dev.gofetch.cli;

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
            Project project = Project.open(session, root, Resolver.Command.LIST);
            Resolver.Result result = project.resolve(ctx::warn, ResolveListener.NONE);
            ctx.out().print(format(result.graph(), project.main()));
            return 0;
        } catch (ProxyConfigException | ResolveException e) {
            throw new CommandException(e.getMessage(), e);
        }
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

package dev.gofetch.cli;

import dev.gofetch.engine.Project;
import dev.gofetch.engine.Session;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import java.nio.file.Path;
import java.util.List;

/// `gofetch graph`: the module requirement graph exactly as `go mod graph` prints it.
final class GraphCommand {
    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("graph").string("p", "N network requests in flight").parse(args);
        if (!flags.args().isEmpty()) {
            throw new CommandException("'gofetch graph' accepts no arguments");
        }
        int parallelism = Parallelism.parse(flags);
        try (Session session = Session.open(ctx.goEnv(), parallelism)) {
            Path root = Session.findModuleRoot(ctx.dir());
            Project project = Project.open(session, root, Resolver.Command.GRAPH, ctx.dir());
            Resolver.Result result = project.resolve(ctx::warn, ResolveListener.NONE);
            ctx.out().print(result.graph().formatGraph());
            return 0;
        } catch (ProxyConfigException | ResolveException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}

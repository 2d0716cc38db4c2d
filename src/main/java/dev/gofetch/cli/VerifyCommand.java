package dev.gofetch.cli;

import dev.gofetch.engine.CacheVerifier;
import dev.gofetch.engine.Project;
import dev.gofetch.engine.Session;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import java.nio.file.Path;
import java.util.List;

/// `gofetch verify`: the same checks and messages as `go mod verify`.
final class VerifyCommand {
    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("verify").string("p", "N checks at once").parse(args);
        if (!flags.args().isEmpty()) {
            throw new CommandException("verify takes no arguments");
        }
        try (Session session = Session.open(ctx.goEnv(), Parallelism.parse(flags))) {
            Path root = Session.findModuleRoot(ctx.dir());
            Project project = Project.open(session, root, Resolver.Command.DOWNLOAD, ctx.dir());
            Resolver.Result result = project.resolve(ctx::warn, ResolveListener.NONE);
            List<String> problems = new CacheVerifier(session.cache())
                    .verify(result.graph().buildList(), session.executor());
            if (problems.isEmpty()) {
                ctx.out().println("all modules verified");
                return 0;
            }
            problems.forEach(p -> ctx.err().println("gofetch: " + p));
            return 1;
        } catch (ProxyConfigException | ResolveException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}

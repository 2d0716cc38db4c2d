package dev.gofetch.cli;

import dev.gofetch.cache.CacheCleaner;
import dev.gofetch.cache.ModCache;
import dev.gofetch.env.GoEnv;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/// `gofetch clean -all` (like `go clean -modcache`) or `gofetch clean path[@version]...` for single
/// modules; copes with the read-only trees and never touches anything outside GOMODCACHE.
final class CleanCommand {
    int run(List<String> args, Context ctx) throws UsageException, CommandException {
        Flags flags = new Flags("clean").bool("all", "").parse(args);
        GoEnv env = ctx.goEnv();
        if (flags.isSet("all") == !flags.args().isEmpty()) {
            throw new UsageException("give either -all or module paths", flags.usage() + " [path[@version]...]");
        }
        String home = env.processEnvironment().getOrDefault("HOME", "");
        try {
            if (flags.isSet("all")) {
                String gomodcache = env.get("GOMODCACHE");
                CacheCleaner.cleanModCache(gomodcache, home.isEmpty() ? null : Path.of(home));
                return 0;
            }
            ModCache cache = new ModCache(env.modCache());
            CacheCleaner.checkCleanable(cache.root().toString(), home.isEmpty() ? null : Path.of(home));
            CacheCleaner cleaner = new CacheCleaner(cache);
            for (String arg : flags.args()) {
                int at = arg.indexOf('@');
                String path = at < 0 ? arg : arg.substring(0, at);
                ModulePath.checkPath(path);
                long freed = at < 0 ? cleaner.removeModule(path)
                        : cleaner.removeVersion(new ModuleVersion(path, arg.substring(at + 1)));
                ctx.err().println("gofetch: removed " + arg + " (" + ProgressLine.human(freed) + ")");
            }
            return 0;
        } catch (CacheCleaner.RefusedException | InvalidModuleException e) {
            throw new CommandException(e.getMessage().replaceFirst("^go: ", ""), e);
        } catch (IOException e) {
            throw new CommandException("cleaning the module cache: " + e.getMessage(), e);
        }
    }
}

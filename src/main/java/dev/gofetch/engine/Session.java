package dev.gofetch.engine;

import dev.gofetch.env.GoEnv;
import dev.gofetch.module.ModulePath;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.proxy.Transport;
import dev.gofetch.resolve.GoModSource;
import dev.gofetch.resolve.MainModule;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/// One piece of work against Go's settings: the mirrors, the module cache and a thread pool for
/// network work. The CLI opens one per command; the app keeps one per open project.
public final class Session implements AutoCloseable {
    /// The go version assumed for a missing `go` line when no Go installation says otherwise.
    static final String FALLBACK_LOCAL_GO_VERSION = "1.26.0";
    public static final int DEFAULT_PARALLELISM = 16;

    private final GoEnv env;
    private final ModuleProxy proxy;
    private final ExecutorService executor;

    private Session(GoEnv env, ModuleProxy proxy, ExecutorService executor) {
        this.env = env;
        this.proxy = proxy;
        this.executor = executor;
    }

    /// @param parallelism how many network requests may be in flight at once
    public static Session open(GoEnv env, int parallelism) throws ProxyConfigException {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        ProxyList list = ProxyList.parse(env.get("GOPROXY"), env.get("GONOPROXY"));
        ModuleProxy proxy = new ModuleProxy(list, env.get("GONOPROXY"), Transport.createDefault());
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "gofetch-net-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new Session(env, proxy, executor);
    }

    public GoEnv env() {
        return env;
    }

    public ModuleProxy proxy() {
        return proxy;
    }

    public ExecutorService executor() {
        return executor;
    }

    /// Finds the main module: the nearest directory at or above dir holding a go.mod.
    public static Path findModuleRoot(Path dir) throws ResolveException {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("go.mod"))) {
                return d;
            }
        }
        throw new ResolveException("go.mod file not found in current directory or any parent directory; "
                + "see 'go help modules'");
    }

    /// go.mod files come from the module cache when present there, otherwise from the mirrors.
    public GoModSource goModSource() {
        return (path, version) -> {
            Path cached = cachedGoMod(path, version);
            if (cached != null) {
                try {
                    return Files.readAllBytes(cached);
                } catch (IOException ignored) {
                    // unreadable cache entry: fetch it again
                }
            }
            return proxy.goMod(path, version).value();
        };
    }

    private Path cachedGoMod(String path, String version) {
        try {
            Path p = env.modCache().resolve("cache/download").resolve(ModulePath.escapePath(path))
                    .resolve("@v").resolve(ModulePath.escapeVersion(version) + ".mod");
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /// Loads the module graph of the main module in moduleDir as the given go command would.
    public Resolver.Result resolve(Path moduleDir, Resolver.Command command, Consumer<String> warnings)
            throws ResolveException {
        return resolve(moduleDir, command, warnings, ResolveListener.NONE);
    }

    public Resolver.Result resolve(Path moduleDir, Resolver.Command command, Consumer<String> warnings,
            ResolveListener listener) throws ResolveException {
        MainModule main = MainModule.load(moduleDir);
        String mod = env.goFlags().mod();
        boolean explicit = !mod.isEmpty() && command == Resolver.Command.LIST;
        Resolver.BuildMod buildMod = command != Resolver.Command.LIST || mod.equals("mod")
                ? Resolver.BuildMod.MOD : Resolver.BuildMod.READONLY;
        Resolver.Options options = new Resolver.Options(buildMod, explicit, command, localGoVersion());
        return new Resolver(main, goModSource(), executor, options, warnings).listener(listener).loadModGraph();
    }

    /// `gover.Local()` of the Go installation gofetch works beside, from `$GOROOT/VERSION`.
    public String localGoVersion() {
        String goroot = env.get("GOROOT");
        if (!goroot.isEmpty()) {
            try {
                List<String> lines = Files.readAllLines(Path.of(goroot, "VERSION"));
                if (!lines.isEmpty() && lines.get(0).startsWith("go")) {
                    return lines.get(0).substring(2).trim();
                }
            } catch (IOException | RuntimeException ignored) {
                // no readable VERSION file: use the fallback
            }
        }
        return FALLBACK_LOCAL_GO_VERSION;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }


}

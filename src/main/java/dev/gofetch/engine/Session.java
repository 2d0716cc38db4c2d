package dev.gofetch.engine;

import dev.gofetch.cache.ModCache;
import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.proxy.Transport;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.sumdb.ChecksumDatabase;
import dev.gofetch.verify.SumChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/// One piece of work against Go's settings: the mirrors, the module cache and a thread pool for
/// network work. The CLI opens one per command; the app keeps one per open project.
public final class Session implements AutoCloseable {
    /// The go version assumed for a missing `go` line when no Go installation says otherwise.
    static final String FALLBACK_LOCAL_GO_VERSION = "1.26.0";
    public static final int DEFAULT_PARALLELISM = 16;

    private final GoEnv env;
    private final ProxyList proxyList;
    private final Transport transport;
    private final ModuleProxy proxy;
    private final dev.gofetch.env.NetworkSettings network;
    private final ExecutorService executor;
    private final int parallelism;
    private ChecksumDatabase checksumDatabase; // guarded by this, made on first use
    private volatile dev.gofetch.transfer.TransferListener transferListener;
    private volatile dev.gofetch.transfer.TransferOptions transferOptions = dev.gofetch.transfer.TransferOptions.defaults();
    private ZipTransfer zipTransfer;

    private Session(GoEnv env, ProxyList proxyList, Transport transport, ModuleProxy proxy,
            dev.gofetch.env.NetworkSettings network, ExecutorService executor, int parallelism) {
        this.env = env;
        this.network = network;
        this.proxyList = proxyList;
        this.transport = transport;
        this.proxy = proxy;
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /// @param parallelism how many network requests may be in flight at once
    public static Session open(GoEnv env, int parallelism) throws ProxyConfigException {
        return open(env, parallelism, line -> { });
    }

    /// @param trace receives `# get URL` lines for every HTTP request (`-x`)
    public static Session open(GoEnv env, int parallelism, java.util.function.Consumer<String> trace)
            throws ProxyConfigException {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        ProxyList list = ProxyList.parse(env.get("GOPROXY"), env.get("GONOPROXY"));
        dev.gofetch.env.NetworkSettings network = dev.gofetch.env.NetworkSettings.fromEnv(env);
        Transport transport = Transport.createDefault(network).trace(trace);
        ModuleProxy proxy = new ModuleProxy(list, env.get("GONOPROXY"), transport);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "gofetch-net-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new Session(env, list, transport, proxy, network, executor, parallelism);
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

    public int parallelism() {
        return parallelism;
    }

    /// The checksum database (GOSUMDB) as the go command would consult it; one per session, so the
    /// GOPROXY list is probed for it at most once. Nothing is read or fetched until a first lookup.
    /// @throws dev.gofetch.env.GoEnvException when GOMODCACHE is unusable
    public synchronized ChecksumDatabase checksumDatabase() {
        if (checksumDatabase == null) {
            checksumDatabase = ChecksumDatabase.fromEnv(env, proxyList, transport);
        }
        return checksumDatabase;
    }

    /// The hash checks for work outside any module: no go.sum, but the checksum database.
    public SumChecker sumsOutsideModule() {
        return SumChecker.outsideModule(checksumDatabase());
    }

    /// Also receives every transfer event (for `-trace FILE` and the app); set before the first zip.
    public Session transferListener(dev.gofetch.transfer.TransferListener l) {
        this.transferListener = l;
        return this;
    }

    /// Transfer settings (connections per file and the like); set before the first zip.
    public Session transferOptions(dev.gofetch.transfer.TransferOptions options) {
        this.transferOptions = java.util.Objects.requireNonNull(options);
        return this;
    }

    /// The ranged, resumable zip engine shared by every download of this session (one connection
    /// budget for all of them), made on first use.
    public synchronized ZipTransfer zipTransfer() {
        if (zipTransfer == null) {
            var engine = dev.gofetch.transfer.Downloader.builder().options(transferOptions).health(loadHealth())
                    .credentials(new NetworkCredentials(network));
            if (!network.proxies().isEmpty()) {
                engine.proxy(network.proxies().selector());
            }
            network.tls().ifPresent(engine::sslContext);
            zipTransfer = new ZipTransfer(proxy, engine, transferListener);
        }
        return zipTransfer;
    }

    /// Switches the mirrors (GOPROXY, GONOPROXY) of this session for requests started from now on;
    /// requests under way finish where they are. The checksum database keeps the settings it opened with.
    /// @throws ProxyConfigException with the go command's message for a malformed GOPROXY
    public void reroute(String goproxy, String gonoproxy) throws ProxyConfigException {
        proxy.reroute(ProxyList.parse(goproxy, gonoproxy), gonoproxy);
    }

    /// What each mirror did in this session so far (empty before the first zip).
    public synchronized java.util.Map<String, dev.gofetch.transfer.MirrorHealth.Stats> mirrorHealth() {
        return zipTransfer == null ? java.util.Map.of() : zipTransfer.engine().health().snapshot();
    }

    /// Where mirror health is remembered between runs: `$XDG_CACHE_HOME/gofetch` or `~/.cache/gofetch`.
    Path healthFile() {
        java.util.Map<String, String> pe = env.processEnvironment();
        String xdg = pe.getOrDefault("XDG_CACHE_HOME", "");
        String home = pe.getOrDefault("HOME", "");
        if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "gofetch", "mirror-health.json");
        }
        return home.isEmpty() ? null : Path.of(home, ".cache", "gofetch", "mirror-health.json");
    }

    private dev.gofetch.transfer.MirrorHealth loadHealth() {
        Path f = healthFile();
        if (f != null && Files.isRegularFile(f)) {
            try {
                return dev.gofetch.transfer.MirrorHealth.load(f);
            } catch (IOException | RuntimeException e) {
                // A damaged file only loses what was learnt about mirrors: start afresh.
            }
        }
        return new dev.gofetch.transfer.MirrorHealth();
    }

    /// The module cache (GOMODCACHE). @throws dev.gofetch.env.GoEnvException when GOMODCACHE is unusable
    public ModCache cache() {
        return new ModCache(env.modCache());
    }

    /// Finds the main module: the nearest directory at or above dir holding a go.mod.
    public static Path findModuleRoot(Path dir) throws ResolveException {
        Path root = findModuleRootOrNull(dir);
        if (root == null) {
            throw new ResolveException("go.mod file not found in current directory or any parent directory; "
                    + "see 'go help modules'");
        }
        return root;
    }

    public static Path findModuleRootOrNull(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("go.mod"))) {
                return d;
            }
        }
        return null;
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

    /// Loads the module graph of the main module in moduleDir as the given go command would
    /// (shorthand for {@link Project#open} and {@link Project#resolve}).
    public dev.gofetch.resolve.Resolver.Result resolve(Path moduleDir, dev.gofetch.resolve.Resolver.Command command,
            java.util.function.Consumer<String> warnings, dev.gofetch.resolve.ResolveListener listener)
            throws ResolveException {
        return Project.open(this, moduleDir, command).resolve(warnings, listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (zipTransfer != null) {
                Path f = healthFile();
                if (f != null) {
                    try {
                        Files.createDirectories(f.getParent());
                        zipTransfer.engine().health().save(f);
                    } catch (IOException | RuntimeException e) {
                        // Remembering mirror health is a convenience; never fail a command for it.
                    }
                }
                zipTransfer.close();
            }
        }
        executor.shutdownNow();
    }
}

package dev.gofetch.transfer;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/// The engine every file download goes through: ranged, resumable, mirror-aware downloads over the
/// JDK HTTP client (HTTP/2 where an https server offers it, HTTP/1.1 on http).
///
/// ```java
/// try (Downloader d = Downloader.builder().listener(trace).build()) {
///     DownloadResult r = d.download(DownloadRequest.of(dest, Candidate.of(url)));
/// }
/// ```
public final class Downloader implements AutoCloseable {
    private final TransferOptions options;
    private final ConnectionBudget budget;
    private final MirrorHealth health;
    private final SafeListeners listeners;
    private final Credentials credentials;
    private final Ticker ticker;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final ExecutorService io;
    private final ExecutorService httpExecutor;
    /// One client per connection lane: HTTP/2 multiplexes every request to a host over one TCP
    /// connection per client, so the ranges of one file use different clients to get separate TCP
    /// connections (servers throttle per connection). Built on first use.
    private final HttpClient[] lanes;
    private final javax.net.ssl.SSLContext sslContext;
    private final java.net.ProxySelector proxy;
    private final RandomGenerator random;
    private final ScheduledFuture<?> ticking;
    private final Map<Path, DownloadTask> active = new ConcurrentHashMap<>();
    private final AtomicInteger downloadIds = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong();

    private Downloader(Builder b) {
        this.options = b.options;
        this.budget = b.budget != null ? b.budget : ConnectionBudget.defaults();
        this.health = b.health != null ? b.health : new MirrorHealth();
        this.listeners = new SafeListeners(b.listeners);
        this.credentials = b.credentials;
        this.ticker = b.ticker;
        this.random = b.random;
        this.ownScheduler = b.scheduler == null;
        this.scheduler = ownScheduler
                ? Executors.newSingleThreadScheduledExecutor(daemon("gofetch-transfer-timer"))
                : b.scheduler;
        this.io = Executors.newCachedThreadPool(daemon("gofetch-transfer-io"));
        this.httpExecutor = Executors.newCachedThreadPool(daemon("gofetch-http"));
        this.sslContext = b.sslContext;
        this.proxy = b.proxy;
        this.lanes = new HttpClient[Math.min(options.maxConnectionsPerFile(), 16)];
        long tick = options.tickInterval().toNanos();
        this.ticking = scheduler.scheduleAtFixedRate(this::tickAll, tick, tick, TimeUnit.NANOSECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private TransferOptions options = TransferOptions.defaults();
        private ConnectionBudget budget;
        private MirrorHealth health;
        private final List<TransferListener> listeners = new ArrayList<>();
        private Credentials credentials = Credentials.NONE;
        private Ticker ticker = Ticker.system();
        private ScheduledExecutorService scheduler;
        private RandomGenerator random = RandomGenerator.getDefault();
        private javax.net.ssl.SSLContext sslContext;
        private java.net.ProxySelector proxy;

        private Builder() {}

        /// Which proxy each request goes through (default: none). A selector that throws fails the
        /// request rather than letting it go direct.
        public Builder proxy(java.net.ProxySelector selector) {
            this.proxy = Objects.requireNonNull(selector);
            return this;
        }

        /// TLS settings, for example a company CA (default: the JDK's trust store).
        public Builder sslContext(javax.net.ssl.SSLContext context) {
            this.sslContext = Objects.requireNonNull(context);
            return this;
        }

        public Builder options(TransferOptions o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        /// Share one budget between downloaders to bound connections across all of them.
        public Builder budget(ConnectionBudget b) {
            this.budget = Objects.requireNonNull(b);
            return this;
        }

        public Builder health(MirrorHealth h) {
            this.health = Objects.requireNonNull(h);
            return this;
        }

        /// Adds a listener (may be called several times).
        public Builder listener(TransferListener l) {
            this.listeners.add(Objects.requireNonNull(l));
            return this;
        }

        public Builder credentials(Credentials c) {
            this.credentials = Objects.requireNonNull(c);
            return this;
        }

        /// Time source for timeouts, speeds and events (stall checks run on the scheduler's ticks).
        public Builder ticker(Ticker t) {
            this.ticker = Objects.requireNonNull(t);
            return this;
        }

        /// Runs the watchdog ticks and retry timers; not shut down by {@link Downloader#close()}.
        public Builder scheduler(ScheduledExecutorService s) {
            this.scheduler = Objects.requireNonNull(s);
            return this;
        }

        /// Jitter source for retry delays.
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public Downloader build() {
            return new Downloader(this);
        }
    }

    /// Starts a download. At most one download per destination runs at a time in this downloader.
    public DownloadHandle start(DownloadRequest request) {
        Path key = request.dest().toAbsolutePath().normalize();
        DownloadTask task = new DownloadTask(this, downloadIds.incrementAndGet(), request);
        if (active.putIfAbsent(key, task) != null) {
            throw new IllegalStateException("already downloading " + request.dest());
        }
        task.start();
        return task;
    }

    /// Downloads and waits.
    public DownloadResult download(DownloadRequest request) throws DownloadException, InterruptedException {
        DownloadHandle h = start(request);
        try {
            return h.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DownloadException de) {
                throw de;
            }
            if (e.getCause() instanceof CancellationException ce) {
                throw ce;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            h.cancel(false);
            throw e;
        }
    }

    /// Writes the journal of every download in flight now, so that a process about to exit (after
    /// pausing them) leaves everything received so far for the next run.
    public void saveJournals() {
        for (DownloadTask t : new ArrayList<>(active.values())) {
            try {
                t.saveJournal();
            } catch (java.io.IOException e) {
                System.getLogger(Downloader.class.getName()).log(System.Logger.Level.WARNING,
                        "could not save the journal of " + t.dest(), e);
            }
        }
    }

    public MirrorHealth health() {
        return health;
    }

    public ConnectionBudget budget() {
        return budget;
    }

    /// Cancels running downloads (keeping their journals for a later run) and stops the engine's threads.
    @Override
    public void close() {
        for (DownloadTask t : new ArrayList<>(active.values())) {
            t.cancel(false);
        }
        for (DownloadTask t : new ArrayList<>(active.values())) {
            try {
                t.result().handle((r, e) -> null).get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // shutting down regardless
            }
        }
        ticking.cancel(false);
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
        io.shutdown();
        httpExecutor.shutdownNow();
    }

    // ---- for DownloadTask

    TransferOptions options() {
        return options;
    }

    SafeListeners listeners() {
        return listeners;
    }

    Credentials credentials() {
        return credentials;
    }

    Ticker ticker() {
        return ticker;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /// Disk work off the network threads; after {@link #close()} it runs on the caller.
    java.util.concurrent.Executor io() {
        return r -> {
            try {
                io.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                r.run();
            }
        };
    }

    /// The client for a file's lane-th concurrent connection.
    HttpClient client(int lane) {
        int i = Math.floorMod(lane, lanes.length);
        synchronized (lanes) {
            if (lanes[i] == null) {
                HttpClient.Builder http = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(options.connectTimeout())
                        .executor(httpExecutor);
                if (sslContext != null) {
                    http.sslContext(sslContext);
                }
                if (proxy != null) {
                    http.proxy(proxy);
                }
                lanes[i] = http.build();
            }
            return lanes[i];
        }
    }

    int laneCount() {
        return lanes.length;
    }

    RandomGenerator random() {
        return random;
    }

    long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    void finished(DownloadTask task) {
        active.remove(task.dest().toAbsolutePath().normalize(), task);
    }

    private void tickAll() {
        for (DownloadTask t : active.values()) {
            try {
                t.tick();
            } catch (RuntimeException e) {
                System.getLogger(Downloader.class.getName()).log(System.Logger.Level.ERROR, "watchdog failed", e);
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

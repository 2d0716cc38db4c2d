package dev.gofetch.lab;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/// A loopback GOPROXY server over a directory tree (a {@link ProxyTree}, or any static tree), with
/// {@link Faults} injected on demand. Serves GET and HEAD: `%21` and `!` alike, 404 with a
/// `text/plain` body for missing files, Content-Length, ETag, Last-Modified, a single byte range
/// (`bytes=a-b`, `a-`, `-n` → 206 with Content-Range; unsatisfiable → 416 with `bytes */len`) and
/// If-Range. Every exchange is logged (method, target, range, status, body bytes actually sent,
/// connection id) for assertions.
///
/// Why a small HTTP/1.1 server on `ServerSocket` rather than `com.sun.net.httpserver`: the faults
/// live on the wire. A per-connection rate cap, a TCP RST after N bytes (SO_LINGER 0, then close),
/// a body shorter than its Content-Length followed by a close, and a connection that is accepted
/// but never answered all need the socket itself, which HttpServer hides. Files are streamed in
/// 64 KiB slices, never buffered whole.
///
/// Threads: one acceptor, one pooled thread per open connection (bounded by `maxConnections`;
/// beyond it new connections are closed at once), keep-alive with an idle timeout and a bounded
/// number of requests per connection. {@link #close()} closes every socket and joins every thread.
public final class LabServer implements AutoCloseable {
    private static final int MAX_REQUESTS_PER_CONNECTION = 10_000;
    private static final int CHUNK = 64 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /// One request and what the server did with it.
    ///
    /// @param connection the id of the TCP connection (1, 2, … in accept order)
    /// @param target     the request target as sent (`%21` stays `%21`)
    /// @param path       the decoded path, or null if it was malformed
    /// @param range      the Range header, or null
    /// @param status     the status sent, or 0 if the request was never answered (`dead`)
    /// @param bodyBytes  body bytes actually written to the socket
    public record Exchange(long connection, String method, String target, String path, String range, int status,
                           long bodyBytes) {}

    private final Source source;
    private final InetAddress bindAddress;
    private final int maxConnections;
    private final int idleTimeoutMillis;
    private final int logCapacity;
    private final String name;
    private final Object listenLock = new Object();
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final Deque<Exchange> log = new ArrayDeque<>();
    private final int port;
    private ServerSocket serverSocket; // guarded by listenLock; null while refusing
    private volatile FaultState state;
    private volatile boolean closed;

    private LabServer(Builder b) throws IOException {
        this.source = b.source;
        this.bindAddress = b.bindAddress;
        this.maxConnections = b.maxConnections;
        this.idleTimeoutMillis = (int) b.idleTimeout.toMillis();
        this.logCapacity = b.logCapacity;
        this.state = new FaultState(Faults.NONE);
        this.serverSocket = bind(bindAddress, b.port);
        this.port = serverSocket.getLocalPort();
        this.name = "lab-server-" + INSTANCES.incrementAndGet() + "-" + port;
        AtomicInteger threadIds = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-conn-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            workers.removeIf(w -> w.getState() == Thread.State.TERMINATED);
            workers.add(t);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        this.acceptor.setDaemon(true);
        faults(b.faults);
        this.acceptor.start();
    }

    public static Builder builder(Path root) {
        return new Builder(Objects.requireNonNull(root), directory(root));
    }

    /// A server over any source of files (a bundle archive, say) instead of a directory.
    public static Builder builder(Source source) {
        return new Builder(null, Objects.requireNonNull(source));
    }

    /// What a server serves: the file at each request path.
    @FunctionalInterface
    public interface Source {
        /// The file at a decoded request path such as `/example.com/m/@v/list`, or null (404).
        /// Paths with `.` or `..` elements never get here.
        Blob open(String path) throws IOException;
    }

    /// The bytes of one served file; read with positional reads, closed after each response.
    public interface Blob extends java.io.Closeable {
        long length();

        /// The modification time, for Last-Modified and the ETag.
        Instant modified();

        /// Reads into dst from the given position of the file; -1 past its end.
        int read(ByteBuffer dst, long position) throws IOException;
    }

    /// Serves the regular files under root.
    public static Source directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return path -> {
            Path p = base.resolve(path.substring(1)).normalize();
            if (!p.startsWith(base) || !Files.isRegularFile(p)) {
                return null;
            }
            FileChannel channel = FileChannel.open(p, StandardOpenOption.READ);
            Instant modified = Files.getLastModifiedTime(p).toInstant();
            return new Blob() {
                @Override
                public long length() {
                    try {
                        return channel.size();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public Instant modified() {
                    return modified;
                }

                @Override
                public int read(ByteBuffer dst, long position) throws IOException {
                    return channel.read(dst, position);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        };
    }

    /// Serves `root` on an ephemeral loopback port without faults.
    public static LabServer start(Path root) throws IOException {
        return builder(root).start();
    }

    public static final class Builder {
        private final Path root;
        private final Source source;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int logCapacity = 100_000;
        private Faults faults = Faults.NONE;

        private Builder(Path root, Source source) {
            this.root = root;
            this.source = source;
        }

        /// 0 (the default) picks a free port.
        public Builder port(int v) { port = v; return this; }
        /// The address to listen on (default: loopback).
        public Builder bindAddress(InetAddress v) { bindAddress = Objects.requireNonNull(v); return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        /// How many exchanges the log keeps (oldest dropped first); 0 keeps none.
        public Builder logCapacity(int v) { logCapacity = v; return this; }
        public Builder faults(Faults v) { faults = Objects.requireNonNull(v); return this; }

        public LabServer start() throws IOException {
            if (root != null && !Files.isDirectory(root)) {
                throw new IOException("not a directory: " + root);
            }
            return new LabServer(this);
        }
    }

    /// `http://127.0.0.1:<port>/`, usable as GOPROXY (for a server bound to another address, that
    /// address instead).
    public URI baseUri() {
        String host = bindAddress.isAnyLocalAddress() || bindAddress.isLoopbackAddress() ? "127.0.0.1"
                : bindAddress instanceof java.net.Inet6Address ? "[" + bindAddress.getHostAddress() + "]"
                : bindAddress.getHostAddress();
        return URI.create("http://" + host + ":" + port + "/");
    }

    public int port() {
        return port;
    }

    public Faults faults() {
        return state.faults;
    }

    /// Replaces the faults, effective for the next request (a response under way keeps its own).
    /// Counters for first-N faults and the per-path random sequences start over.
    public void faults(Faults faults) {
        Objects.requireNonNull(faults);
        synchronized (listenLock) {
            if (closed) {
                return;
            }
            state = new FaultState(faults);
            if (faults.refuse() && serverSocket != null) {
                closeQuietly(serverSocket);
                serverSocket = null;
                for (Socket s : openSockets) {
                    reset(s);
                }
            } else if (!faults.refuse() && serverSocket == null) {
                try {
                    serverSocket = bind(bindAddress, port);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot listen on port " + port + " again", e);
                }
                listenLock.notifyAll();
            }
        }
    }

    /// A snapshot of the exchange log, oldest first.
    public List<Exchange> exchanges() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /// Waits until the log holds at least `count` exchanges (an exchange is logged once its response
    /// is finished, possibly just after the client has read it), then returns the log.
    public List<Exchange> awaitExchanges(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (log.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(log, left);
            }
            return new ArrayList<>(log);
        }
    }

    /// Body bytes written to clients since the server started, counted as they are written (a response
    /// still under way counts what it has sent so far; the exchange log only shows finished ones).
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    public void clearExchanges() {
        synchronized (log) {
            log.clear();
        }
    }

    /// Stops listening, closes every connection and waits for all server threads to end.
    @Override
    public void close() {
        synchronized (listenLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (serverSocket != null) {
                closeQuietly(serverSocket);
            }
            listenLock.notifyAll();
        }
        for (Socket s : openSockets) {
            closeQuietly(s);
        }
        pool.shutdownNow();
        acceptor.interrupt();
        try {
            acceptor.join(5000);
            pool.awaitTermination(5, TimeUnit.SECONDS);
            // a terminated pool's workers may still be on their way out: wait until they are gone
            for (Thread t : workers) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- accepting ----

    private static ServerSocket bind(InetAddress address, int port) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(address, port), 256);
        return ss;
    }

    private void acceptLoop() {
        while (!closed) {
            ServerSocket ss;
            synchronized (listenLock) {
                while (!closed && serverSocket == null) {
                    try {
                        listenLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                ss = serverSocket;
            }
            if (ss == null) {
                return;
            }
            Socket socket;
            try {
                socket = ss.accept();
            } catch (IOException e) {
                if (!closed && !ss.isClosed()) {
                    pause(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            long id = connectionIds.incrementAndGet();
            openSockets.add(socket);
            try {
                pool.execute(() -> serve(socket, id));
            } catch (RejectedExecutionException full) {
                openSockets.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- one connection ----

    private void serve(Socket socket, long connection) {
        try {
            if (closed) {
                return;
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(idleTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = socket.getOutputStream();
            Throttle throttle = new Throttle();
            for (int n = 0; n < MAX_REQUESTS_PER_CONNECTION && !closed; n++) {
                HttpRequest request;
                try {
                    request = HttpRequest.read(in);
                } catch (SocketTimeoutException idle) {
                    return;
                } catch (HttpRequest.BadRequest bad) {
                    Response r = new Response(socket, out, throttle, state.faults, connection, null);
                    r.text(400, "bad request: " + bad.getMessage() + "\n", false);
                    return;
                }
                if (request == null) {
                    return;
                }
                if (!handle(socket, in, out, throttle, connection, request)) {
                    return;
                }
            }
        } catch (IOException clientGoneOrReset) {
            // the connection ends here; the exchange was logged with the bytes that made it out
        } finally {
            openSockets.remove(socket);
            closeQuietly(socket);
        }
    }

    /// Answers one request; returns whether the connection stays open for another.
    private boolean handle(Socket socket, InputStream in, OutputStream out, Throttle throttle, long connection,
                           HttpRequest request) throws IOException {
        FaultState st = state;
        Faults f = st.faults;
        String path = request.decodedPath();
        Response r = new Response(socket, out, throttle, f, connection, request);
        if (f.dead()) {
            hang(socket, in);
            r.log(0, 0);
            return false;
        }
        if (!f.latency().isZero()) {
            Throttle.sleepNanos(f.latency().toNanos());
        }
        boolean keepAlive = request.keepAlive();
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            r.headers.put("Allow", "GET, HEAD");
            return r.text(405, "method not allowed\n", keepAlive);
        }
        if (path == null) {
            return r.text(400, "bad request: malformed path\n", keepAlive);
        }

        long nth = st.drawsMatter ? st.count(path) : 0;
        SplittableRandom rnd = st.random(path, nth);
        double serverError = rnd.nextDouble();
        double truncate = rnd.nextDouble();
        double truncateAt = rnd.nextDouble();
        double wrong = rnd.nextDouble();
        double wrongAt = rnd.nextDouble();

        Integer fixed = matchPrefix(f.statusByPrefix(), path);
        if (fixed != null) {
            return r.text(fixed, "lab: status " + fixed + " for " + path + "\n", keepAlive);
        }
        if (startsWithAny(path, f.redirectLoopPrefixes())) {
            r.headers.put("Location", request.target());
            return r.text(302, "lab: redirect loop\n", keepAlive);
        }
        if (startsWithAny(path, f.htmlPrefixes())) {
            return r.send(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in to continue.</p></body></html>\n"
                            .getBytes(StandardCharsets.UTF_8), keepAlive);
        }
        if (nth < f.serverErrorFirst() || serverError < f.serverErrorRate()) {
            return r.text(503, "lab: injected 503\n", keepAlive);
        }

        Blob file = resolve(path);
        if (file == null) {
            return r.text(404, "not found: " + path + "\n", keepAlive);
        }
        try (file) {
            return serveExisting(r, file, path, request, head, keepAlive, st, truncate, truncateAt, wrong, wrongAt);
        }
    }

    private boolean serveExisting(Response r, Blob file, String path, HttpRequest request, boolean head,
                                  boolean keepAlive, FaultState st, double truncate,
                                  double truncateAt, double wrong, double wrongAt) throws IOException {
        Faults f = st.faults;
        boolean isInfo = path.endsWith(".info") || path.endsWith("/@latest");
        if (isInfo && startsWithAny(path, f.badJsonPrefixes())) {
            return r.send(200, "application/json", "{\"Version\":\"v1.0.0\",\"Time\":".getBytes(StandardCharsets.UTF_8), keepAlive);
        }
        return serveFile(r, file, path, request, head, keepAlive, st, truncate < f.truncateRate() ? truncateAt : -1,
                wrong < f.wrongBytesRate() ? wrongAt : -1);
    }

    private boolean serveFile(Response r, Blob channel, String path, HttpRequest request, boolean head,
                              boolean keepAlive, FaultState st, double truncateAt, double wrongAt) throws IOException {
        Faults f = st.faults;
        long length = channel.length();
        Instant modified = channel.modified().truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + Long.toHexString(length) + "-" + Long.toHexString(modified.getEpochSecond())
                + (f.changingEtag() ? "-" + st.etags.incrementAndGet() : "") + "\"";
        String lastModified = HTTP_DATE.format(modified);
        r.headers.put("ETag", etag);
        r.headers.put("Last-Modified", lastModified);
        if (!f.ignoreRange()) {
            r.headers.put("Accept-Ranges", "bytes");
        }
        String contentType = contentType(path.substring(path.lastIndexOf('/') + 1));

        long first = 0;
        long count = length;
        int status = 200;
        String rangeHeader = request.header("range");
        if (rangeHeader != null && !f.ignoreRange() && ifRangeHolds(request.header("if-range"), etag, modified)) {
            ByteRange range = ByteRange.parse(rangeHeader, length);
            if (range == ByteRange.UNSATISFIABLE) {
                r.headers.put("Content-Range", "bytes */" + length);
                return r.send(416, "text/plain; charset=utf-8", new byte[0], keepAlive);
            }
            if (range != null) {
                status = 206;
                first = range.first();
                count = range.length();
                r.headers.put("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
            }
        }
        r.headers.put("Content-Type", contentType);
        r.headers.put("Content-Length", Long.toString(count));
        long limit = count;
        boolean endConnection = !keepAlive;
        if (!head && truncateAt >= 0 && count > 0) {
            limit = (long) (truncateAt * count);
            endConnection = true;
        }
        boolean reset = false;
        if (!head && f.resetAfterBytes() > 0 && limit > f.resetAfterBytes()) {
            limit = f.resetAfterBytes();
            reset = true;
        }
        long flip = wrongAt >= 0 && length > 0 ? (long) (wrongAt * length) : -1;
        if (endConnection) {
            r.headers.put("Connection", "close");
        }
        r.head(status);
        long sent = 0;
        try {
            if (!head) {
                ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                long position = first;
                while (sent < limit) {
                    buf.clear().limit((int) Math.min(CHUNK, limit - sent));
                    int n = channel.read(buf, position);
                    if (n < 0) {
                        break; // the file shrank under us; the client sees a short body
                    }
                    byte[] bytes = buf.array();
                    if (flip >= position && flip < position + n) {
                        bytes[(int) (flip - position)] ^= (byte) 0xFF;
                    }
                    r.body(bytes, 0, n);
                    position += n;
                    sent += n;
                }
            }
            r.out.flush();
        } finally {
            r.log(status, sent);
        }
        if (reset) {
            reset(r.socket);
            return false;
        }
        if (endConnection) {
            r.socket.shutdownOutput();
            return false;
        }
        return true;
    }

    /// An If-Range that does not match means "send the whole file" (RFC 9110 §13.1.5).
    private static boolean ifRangeHolds(String ifRange, String etag, Instant modified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"")) {
            return v.equals(etag);
        }
        if (v.startsWith("W/")) {
            return false;
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().equals(modified);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /// Blocks without answering until the client gives up, the faults change or the server closes.
    private void hang(Socket socket, InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        while (!closed && state.faults.dead()) {
            try {
                if (in.read(sink) < 0) {
                    return;
                }
            } catch (SocketTimeoutException stillThere) {
                // keep hanging
            }
        }
    }

    private Blob resolve(String path) throws IOException {
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        return source.open(path);
    }

    private static String contentType(String fileName) {
        if (fileName.endsWith(".info") || fileName.equals("@latest")) {
            return "application/json";
        }
        if (fileName.endsWith(".mod") || fileName.equals("list")) {
            return "text/plain; charset=utf-8";
        }
        if (fileName.endsWith(".zip")) {
            return "application/zip";
        }
        return "application/octet-stream";
    }

    private static Integer matchPrefix(Map<String, Integer> byPrefix, String path) {
        String best = null;
        for (String p : byPrefix.keySet()) {
            if (path.startsWith(p) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? null : byPrefix.get(best);
    }

    private static boolean startsWithAny(String path, List<String> prefixes) {
        for (String p : prefixes) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private void record(Exchange e) {
        if (logCapacity == 0) {
            return;
        }
        synchronized (log) {
            if (log.size() >= logCapacity) {
                log.removeFirst();
            }
            log.addLast(e);
            log.notifyAll();
        }
    }

    /// RST instead of FIN: SO_LINGER with a zero timeout, then close.
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing left to do
        }
    }

    /// Faults plus the counters that make their random choices reproducible.
    private static final class FaultState {
        final Faults faults;
        final Map<String, AtomicLong> perPath = new ConcurrentHashMap<>();
        final AtomicLong etags = new AtomicLong();

        /// Whether any fault depends on the per-path count or random draws; if not, nothing is
        /// counted, so the per-path map stays empty however many paths are requested.
        final boolean drawsMatter;

        FaultState(Faults faults) {
            this.faults = faults;
            this.drawsMatter = faults.serverErrorFirst() > 0 || faults.serverErrorRate() > 0
                    || faults.truncateRate() > 0 || faults.wrongBytesRate() > 0;
        }

        /// 0 for the first request of `path` since these faults were set, then 1, 2, …
        long count(String path) {
            return perPath.computeIfAbsent(path, k -> new AtomicLong()).getAndIncrement();
        }

        SplittableRandom random(String path, long nth) {
            long h = faults.seed() * 0x9E3779B97F4A7C15L;
            h ^= path.hashCode() * 0xC2B2AE3D27D4EB4FL;
            h ^= nth * 0x165667B19E3779F9L;
            return new SplittableRandom(h);
        }
    }

    /// Builds and writes one response through the connection's throttle, and logs it.
    private final class Response {
        final Socket socket;
        final OutputStream out;
        final Throttle throttle;
        final Faults faults;
        final long connection;
        final HttpRequest request;
        final Map<String, String> headers = new LinkedHashMap<>();

        Response(Socket socket, OutputStream out, Throttle throttle, Faults faults, long connection, HttpRequest request) {
            this.socket = socket;
            this.out = out;
            this.throttle = throttle;
            this.faults = faults;
            this.connection = connection;
            this.request = request;
        }

        boolean text(int status, String body, boolean keepAlive) throws IOException {
            return send(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), keepAlive);
        }

        boolean send(int status, String contentType, byte[] body, boolean keepAlive) throws IOException {
            boolean head = request != null && request.method().equals("HEAD");
            headers.put("Content-Type", contentType);
            headers.put("Content-Length", Integer.toString(body.length));
            if (!keepAlive) {
                headers.put("Connection", "close");
            }
            long sent = 0;
            try {
                head(status);
                if (!head) {
                    body(body, 0, body.length);
                    sent = body.length;
                }
                out.flush();
            } finally {
                log(status, sent);
            }
            if (!keepAlive) {
                socket.shutdownOutput();
            }
            return keepAlive;
        }

        void head(int status) throws IOException {
            StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            b.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
            b.append("Server: gofetch-lab\r\n");
            headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
            b.append("\r\n");
            byte[] bytes = b.toString().getBytes(StandardCharsets.ISO_8859_1);
            throttle.write(out, bytes, 0, bytes.length, faults.bytesPerSecond());
        }

        void body(byte[] b, int off, int len) throws IOException {
            throttle.write(out, b, off, len, faults.bytesPerSecond(), bodyBytesSent);
        }

        void log(int status, long bodyBytes) {
            if (request == null) {
                record(new Exchange(connection, "", "", null, null, status, bodyBytes));
            } else {
                record(new Exchange(connection, request.method(), request.target(), request.decodedPath(),
                        request.header("range"), status, bodyBytes));
            }
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}

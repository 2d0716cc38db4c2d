package dev.gofetch.transfer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A tiny HTTP/1.1 file server on loopback whose every answer can be bent by a test: rate caps,
/// latency, resets, truncation, stalls, ignored ranges, changing ETags, wrong Content-Range, error
/// statuses. It logs each request and how many body bytes it actually sent.
final class TestServer implements AutoCloseable {

    /// One request as the server saw it, and what it sent back.
    static final class Exchange {
        final int seq;
        final int connection;
        final String path;
        final Map<String, String> headers;
        volatile int status;
        volatile long planned;
        final AtomicLong sent = new AtomicLong();
        volatile boolean complete;
        /// Set once the server stopped sending for this request (done, failed, or cut by the client).
        volatile boolean ended;

        Exchange(int seq, int connection, String path, Map<String, String> headers) {
            this.seq = seq;
            this.connection = connection;
            this.path = path;
            this.headers = headers;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "#" + seq + " c" + connection + " " + path + " range=" + header("range") + " -> " + status + " "
                    + sent.get() + "/" + planned + (complete ? "" : " (incomplete)");
        }
    }

    /// The answer about to be sent; a {@link Fault} may change any of it.
    static final class Plan {
        int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] source = new byte[0];
        long offset;
        long length;
        /// Send the Content-Length header (else the body ends when the connection closes).
        boolean contentLength = true;
        long resetAfter = -1;
        long closeAfter = -1;
        long stallAfter = -1;
        long corruptAt = -1;
        long delayMillis;
        long bytesPerSecond;
    }

    @FunctionalInterface
    interface Fault {
        void apply(Exchange request, Plan plan);
    }

    private record File(byte[] content, String etag) {}

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final List<Exchange> log = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    volatile Fault fault = (r, p) -> {};
    volatile long bytesPerSecondPerConnection;
    volatile long latencyMillis;
    /// SO_SNDBUF for new connections (0: the system's, autotuned); bounds what a cut range overshoots.
    volatile int sendBufferBytes;

    TestServer() throws IOException {
        this("127.0.0.1");
    }

    TestServer(String bindHost) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName(bindHost));
        pool.execute(this::acceptLoop);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    TestServer file(String path, byte[] content) {
        return file(path, content, "\"v1-" + content.length + "\"");
    }

    TestServer file(String path, byte[] content, String etag) {
        files.put(path, new File(content, etag));
        return this;
    }

    TestServer redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Exchange> log() {
        return List.copyOf(log);
    }

    void clearLog() {
        log.clear();
    }

    /// Most requests the server was answering at the same time.
    int maxConcurrentRequests() {
        return maxInProgress.get();
    }

    /// Open client connections (idle keep-alive ones included).
    int openConnections() {
        return sockets.size();
    }

    long bytesServed() {
        return log.stream().mapToLong(e -> e.sent.get()).sum();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                int id = connections.incrementAndGet();
                pool.execute(() -> serve(s, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int connId) {
        long connStart = System.nanoTime();
        long[] connSent = {connStart};
        try (s) {
            s.setTcpNoDelay(true);
            if (sendBufferBytes > 0) {
                s.setSendBufferSize(sendBufferBytes);
            }
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
                String[] parts = requestLine.split(" ");
                String path = parts.length > 1 ? parts[1] : "/";
                Exchange ex = new Exchange(seq.incrementAndGet(), connId, path, headers);
                log.add(ex);
                Plan plan = defaultPlan(ex);
                plan.bytesPerSecond = bytesPerSecondPerConnection;
                plan.delayMillis = latencyMillis;
                fault.apply(ex, plan);
                ex.status = plan.status;
                ex.planned = plan.length;
                maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                try {
                    if (!send(s, out, ex, plan, connStart, connSent)) {
                        return;
                    }
                } finally {
                    ex.ended = true;
                    inProgress.decrementAndGet();
                }
            }
        } catch (IOException | InterruptedException e) {
            // client went away
        } finally {
            sockets.remove(s);
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private Plan defaultPlan(Exchange ex) {
        Plan p = new Plan();
        String location = redirects.get(ex.path);
        if (location != null) {
            p.status = 302;
            p.headers.put("Location", location);
            return p;
        }
        String pathOnly = ex.path.contains("?") ? ex.path.substring(0, ex.path.indexOf('?')) : ex.path;
        File f = files.get(pathOnly);
        if (f == null) {
            p.status = 404;
            p.headers.put("Content-Type", "text/plain; charset=utf-8");
            p.source = ("not found: " + pathOnly + "\n").getBytes(StandardCharsets.UTF_8);
            p.length = p.source.length;
            return p;
        }
        p.source = f.content();
        p.headers.put("ETag", f.etag());
        p.headers.put("Accept-Ranges", "bytes");
        long total = f.content().length;
        String range = ex.header("range");
        String ifRange = ex.header("if-range");
        boolean rangeApplies = range != null && (ifRange == null || ifRange.equals(f.etag()));
        if (rangeApplies) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                long first;
                long last;
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    first = Math.max(0, total - suffix);
                    last = total - 1;
                } else {
                    first = Long.parseLong(m.group(1));
                    last = m.group(2).isEmpty() ? total - 1 : Math.min(total - 1, Long.parseLong(m.group(2)));
                }
                if (first >= total) {
                    p.status = 416;
                    p.headers.put("Content-Range", "bytes */" + total);
                    return p;
                }
                p.status = 206;
                p.headers.put("Content-Range", "bytes " + first + "-" + last + "/" + total);
                p.offset = first;
                p.length = last - first + 1;
                return p;
            }
        }
        p.status = 200;
        p.length = total;
        return p;
    }

    /// Applies a fault that makes the server ignore Range (answer 200 with the whole file).
    static void ignoreRange(Plan p) {
        if (p.status == 206) {
            p.status = 200;
            p.headers.remove("Content-Range");
            p.offset = 0;
            p.length = p.source.length;
        }
    }

    private boolean send(Socket s, OutputStream out, Exchange ex, Plan p, long connStart, long[] connSent)
            throws IOException, InterruptedException {
        if (p.delayMillis > 0) {
            Thread.sleep(p.delayMillis);
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(p.status).append(' ').append(reason(p.status))
                .append("\r\n");
        for (Map.Entry<String, String> h : p.headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (p.contentLength) {
            head.append("Content-Length: ").append(p.length).append("\r\n");
        } else {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        long pos = 0;
        int chunk = 16 * 1024;
        if (p.bytesPerSecond > 0) {
            chunk = (int) Math.max(1024, Math.min(chunk, p.bytesPerSecond / 50));
        }
        while (pos < p.length) {
            long limit = p.length;
            for (long stop : new long[] {p.resetAfter, p.closeAfter, p.stallAfter}) {
                if (stop >= 0) {
                    limit = Math.min(limit, stop);
                }
            }
            if (pos >= limit) {
                break;
            }
            int n = (int) Math.min(chunk, limit - pos);
            byte[] buf = new byte[n];
            System.arraycopy(p.source, (int) (p.offset + pos), buf, 0, n);
            if (p.corruptAt >= pos && p.corruptAt < pos + n) {
                buf[(int) (p.corruptAt - pos)] ^= 0x5a;
            }
            if (p.bytesPerSecond > 0) {
                // pace the connection: an idle connection does not save up a burst
                long nowNs = System.nanoTime();
                connSent[0] = Math.max(connSent[0], nowNs);
                long wait = connSent[0] - nowNs;
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                connSent[0] += n * 1_000_000_000L / p.bytesPerSecond;
            }
            out.write(buf);
            out.flush();
            pos += n;
            ex.sent.addAndGet(n);
        }
        if (pos >= p.length) {
            ex.complete = true;
            return p.contentLength;
        }
        if (p.resetAfter >= 0 && pos >= p.resetAfter) {
            s.setSoLinger(true, 0);
            return false;
        }
        if (p.stallAfter >= 0 && pos >= p.stallAfter) {
            // hold the connection open without sending until the client gives up
            while (!s.isClosed() && s.getInputStream().read() >= 0) {
                // discard
            }
            return false;
        }
        return false;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 302 -> "Found";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 416 -> "Range Not Satisfiable";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : new ArrayList<>(sockets)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        pool.shutdownNow();
    }
}

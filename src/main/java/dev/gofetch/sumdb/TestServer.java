package dev.gofetch.sumdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gofetch.module.GoSum;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.verify.Hash1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/// A checksum database server on loopback that the go command accepts (what x/mod's `sumdb.TestServer`
/// plus `sumdb.Server` are): `/lookup/<path>@<version>`, `/latest` and `/tile/...`, signed with its own
/// key. Records come from a {@link GoSumSource} and join the log on their first lookup (or earlier, with
/// {@link #add}), so the tree grows as clients ask, as a real database's does.
///
/// It also answers as a GOPROXY that proxies the database: `/sumdb/<name>/supported` and
/// `/sumdb/<name>/...`, with every other request forwarded to an upstream GOPROXY when one is set.
///
/// For demonstrations and tests it can misbehave on purpose: serve a record that is not the logged one,
/// rewrite history (a forked log), sign badly or with another key, corrupt tiles, or refuse to proxy.
/// Every request is logged. Thread-safe.
public final class TestServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every small answer
        // waits out the client's delayed ACK (~40 ms). Read once, when the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Pattern MOD_VER = Pattern.compile("^[^@]+@v[0-9]+\\.[0-9]+\\.[0-9]+(-[^@]*)?(\\+incompatible)?$");

    /// Where a database's records come from: the record text (go.sum lines) of a module version,
    /// or null when the database does not know it.
    @FunctionalInterface
    public interface GoSumSource {
        byte[] recordText(String path, String version) throws IOException;
    }

    /// One request: method, decoded path, status sent.
    public record Request(String method, String path, int status) {}

    private final String name;
    private final GoSumSource source;
    private final URI upstream;
    private final HttpServer http;
    private final ExecutorService executor;
    private final HttpClient upstreamClient;
    private final List<Request> requests = new ArrayList<>();

    // The log, guarded by this.
    private final List<byte[]> records = new ArrayList<>();
    private final List<Hash> hashes = new ArrayList<>();
    private final Map<String, Long> ids = new HashMap<>();

    // Misbehaviour, guarded by this.
    private NoteSigner signer;
    private final Map<String, byte[]> alteredLookups = new HashMap<>();
    private boolean corruptSignatures;
    private boolean corruptTiles;
    private boolean supported = true;

    // The last signature made (Ed25519 in the JDK is slow enough to matter), guarded by this.
    private Tree lastSignedTree;
    private NoteSigner lastSigner;
    private byte[] lastSigned;

    private TestServer(Builder b) throws IOException {
        this.name = b.name;
        this.source = b.source;
        this.upstream = b.upstream;
        this.signer = NoteSigner.parse(b.signerKey != null ? b.signerKey : NoteSigner.generate(b.name).signerKey());
        if (!signer.name().equals(name)) {
            throw new IllegalArgumentException("signer key is for " + signer.name() + ", not " + name);
        }
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sumdb-test-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.upstreamClient = upstream == null ? null
                : HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
    }

    /// @param name the database name, a host with an optional path (`sum.lab.test`, `localhost.localdev/sumdb`)
    public static Builder builder(String name, GoSumSource source) {
        return new Builder(name, source);
    }

    public static final class Builder {
        private final String name;
        private final GoSumSource source;
        private String signerKey;
        private URI upstream;
        private int port;

        private Builder(String name, GoSumSource source) {
            this.name = Objects.requireNonNull(name);
            this.source = Objects.requireNonNull(source);
        }

        /// The key to sign with (`PRIVATE+KEY+<name>+...`); by default a fresh one.
        public Builder signerKey(String v) { signerKey = v; return this; }

        /// The GOPROXY that requests other than the database's are forwarded to.
        public Builder upstream(URI v) { upstream = v; return this; }

        /// 0 (the default) picks a free port.
        public Builder port(int v) { port = v; return this; }

        public TestServer start() throws IOException {
            return new TestServer(this);
        }
    }

    // ---- record sources ----

    /// Records from go.sum text: for each module version, its `h1:` zip line then its go.mod line.
    public static GoSumSource goSumLines(String goSum) {
        GoSum sum = GoSum.parse("go.sum", goSum.getBytes(StandardCharsets.UTF_8));
        return (path, version) -> {
            StringBuilder text = new StringBuilder();
            for (String v : List.of(version, version + "/go.mod")) {
                for (String h : sum.hashes(new ModuleVersion(path, v))) {
                    if (h.startsWith("h1:")) {
                        text.append(path).append(' ').append(v).append(' ').append(h).append('\n');
                    }
                }
            }
            return text.length() == 0 ? null : text.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /// Records computed from the files of a GOPROXY directory tree (`<escaped path>/@v/<version>.zip`, `.mod`).
    public static GoSumSource proxyDir(Path root) {
        return (path, version) -> {
            Path dir;
            String escVersion;
            try {
                dir = root.resolve(ModulePath.escapePath(path)).resolve("@v");
                escVersion = ModulePath.escapeVersion(version);
            } catch (InvalidModuleException e) {
                return null;
            }
            Path zip = dir.resolve(escVersion + ".zip");
            Path mod = dir.resolve(escVersion + ".mod");
            StringBuilder text = new StringBuilder();
            if (Files.isRegularFile(zip)) {
                text.append(path).append(' ').append(version).append(' ').append(Hash1.hashZip(zip)).append('\n');
            }
            if (Files.isRegularFile(mod)) {
                text.append(path).append(' ').append(version).append("/go.mod ")
                        .append(Hash1.hashGoMod(Files.readAllBytes(mod))).append('\n');
            }
            return text.length() == 0 ? null : text.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    // ---- what clients need to know ----

    public String name() {
        return name;
    }

    /// The verifier key of the key signing now.
    public synchronized String verifierKey() {
        return signer.verifierKey();
    }

    /// `http://127.0.0.1:<port>`.
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /// The GOSUMDB value that reaches this server directly: `<verifier key> <base URL>`.
    public String gosumdb() {
        return verifierKey() + " " + baseUri();
    }

    // ---- the log ----

    /// Adds the module version's record now, if the source knows it and it is not in the log yet.
    /// @return its record id
    /// @throws java.nio.file.NoSuchFileException when the source does not know it
    public long add(String path, String version) throws IOException {
        String key = path + "@" + version;
        synchronized (this) {
            Long id = ids.get(key);
            if (id != null) {
                return id;
            }
        }
        byte[] text = source.recordText(path, version);
        if (text == null) {
            throw new java.nio.file.NoSuchFileException("not found: " + key);
        }
        if (!LogRecord.isValidText(text)) {
            throw new IOException("malformed record data for " + key);
        }
        synchronized (this) {
            Long id = ids.get(key);
            if (id != null) {
                return id;
            }
            long newId = records.size();
            records.add(text);
            ids.put(key, newId);
            hashes.addAll(Tlog.storedHashesForRecordHash(newId, Tlog.recordHash(text), this::readHashes));
            return newId;
        }
    }

    /// The logged record text of path@version, or null when it is not in the log.
    public synchronized byte[] recordText(String path, String version) {
        Long id = ids.get(path + "@" + version);
        return id == null ? null : records.get((int) (long) id).clone();
    }

    /// The number of records in the log.
    public synchronized long size() {
        return records.size();
    }

    /// The signed tree head now served.
    public synchronized byte[] signedTree() throws IOException {
        long n = records.size();
        Tree tree = new Tree(n, Tlog.treeHash(n, this::readHashes));
        if (!tree.equals(lastSignedTree) || signer != lastSigner) {
            lastSigned = Note.sign(Note.unsigned(new String(tree.format(), StandardCharsets.UTF_8)), signer);
            lastSignedTree = tree;
            lastSigner = signer;
        }
        byte[] msg = lastSigned.clone();
        if (corruptSignatures) {
            // Change one byte of the signature proper, leaving the key hash prefix alone.
            String s = new String(msg, StandardCharsets.UTF_8);
            int sp = s.lastIndexOf(' ');
            byte[] sig = java.util.Base64.getDecoder().decode(s.substring(sp + 1).strip());
            sig[10] ^= 1;
            msg = (s.substring(0, sp + 1) + Base64s.encode(sig) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return msg;
    }

    private synchronized List<Hash> readHashes(long[] indexes) {
        List<Hash> out = new ArrayList<>(indexes.length);
        for (long i : indexes) {
            out.add(hashes.get((int) i));
        }
        return out;
    }

    // ---- misbehaviour ----

    /// Lookups of path@version answer with this record text instead of the logged one; the tree and
    /// tiles stay honest, so the record's inclusion proof fails.
    public synchronized void alterLookup(String path, String version, String text) {
        alteredLookups.put(path + "@" + version, text.getBytes(StandardCharsets.UTF_8));
    }

    /// Rewrites history: the logged record of path@version (added now if needed) becomes text, and every
    /// hash is recomputed. Trees signed from now on contradict those signed before — a forked log.
    public void rewriteRecord(String path, String version, String text) throws IOException {
        long id = add(path, version);
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (!LogRecord.isValidText(data)) {
            throw new IllegalArgumentException("malformed record data");
        }
        synchronized (this) {
            records.set((int) id, data);
            hashes.clear();
            for (int i = 0; i < records.size(); i++) {
                hashes.addAll(Tlog.storedHashesForRecordHash(i, Tlog.recordHash(records.get(i)), this::readHashes));
            }
        }
    }

    /// Signs from now on with this key (`PRIVATE+KEY+...`, for the same name).
    public synchronized void signerKey(String skey) throws SumdbException {
        NoteSigner s = NoteSigner.parse(skey);
        if (!s.name().equals(name)) {
            throw new IllegalArgumentException("signer key is for " + s.name() + ", not " + name);
        }
        signer = s;
    }

    /// Whether signatures are served damaged (right key hash, wrong bytes).
    public synchronized void corruptSignatures(boolean v) {
        corruptSignatures = v;
    }

    /// Whether hash tiles are served with a byte changed.
    public synchronized void corruptTiles(boolean v) {
        corruptTiles = v;
    }

    /// Whether `/sumdb/<name>/supported` answers 200 (else 404, and proxied database paths are 404 too).
    public synchronized void supported(boolean v) {
        supported = v;
    }

    // ---- the request log ----

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    // ---- HTTP ----

    private record Answer(int status, String contentType, byte[] body) {
        static Answer text(int status, String text) {
            return new Answer(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path;
        Answer answer;
        try {
            path = percentDecode(ex.getRequestURI().getRawPath());
        } catch (IllegalArgumentException e) {
            path = ex.getRequestURI().getRawPath();
        }
        try (ex) {
            try {
                answer = route(ex.getRequestMethod(), path, ex.getRequestURI());
            } catch (RuntimeException | IOException e) {
                answer = Answer.text(500, String.valueOf(e.getMessage()));
            }
            synchronized (requests) {
                requests.add(new Request(ex.getRequestMethod(), path, answer.status));
            }
            if (answer.contentType != null) {
                ex.getResponseHeaders().set("Content-Type", answer.contentType);
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(answer.status, head ? -1 : answer.body.length == 0 ? -1 : answer.body.length);
            if (!head && answer.body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer.body);
                }
            }
        }
    }

    private Answer route(String method, String path, URI uri) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Answer.text(405, "method not allowed");
        }
        String proxied = "/sumdb/" + name + "/";
        if (path.startsWith(proxied)) {
            boolean on;
            synchronized (this) {
                on = supported;
            }
            if (!on) {
                return Answer.text(404, "404 page not found");
            }
            String rest = path.substring(proxied.length() - 1);
            if (rest.equals("/supported")) {
                return new Answer(200, null, new byte[0]);
            }
            return database(rest);
        }
        if (path.equals("/latest") || path.startsWith("/lookup/") || path.startsWith("/tile/")) {
            return database(path);
        }
        if (upstream != null) {
            return forward(uri);
        }
        return Answer.text(404, "404 page not found");
    }

    private Answer database(String path) throws IOException {
        if (path.equals("/latest")) {
            return new Answer(200, "text/plain; charset=UTF-8", signedTree());
        }
        if (path.startsWith("/lookup/")) {
            return lookup(path.substring("/lookup/".length()));
        }
        if (path.startsWith("/tile/")) {
            return tile(path.substring(1));
        }
        return Answer.text(404, "404 page not found");
    }

    private Answer lookup(String mod) throws IOException {
        if (!MOD_VER.matcher(mod).matches()) {
            return Answer.text(400, "invalid module@version syntax");
        }
        int at = mod.indexOf('@');
        String path;
        String version;
        try {
            path = ModulePath.unescapePath(mod.substring(0, at));
            version = ModulePath.unescapeVersion(mod.substring(at + 1));
        } catch (InvalidModuleException e) {
            return Answer.text(500, e.getMessage());
        }
        long id;
        try {
            id = add(path, version);
        } catch (java.nio.file.NoSuchFileException e) {
            return Answer.text(404, e.getMessage());
        }
        byte[] text;
        byte[] signed;
        synchronized (this) {
            text = alteredLookups.getOrDefault(path + "@" + version, records.get((int) id));
            signed = signedTree();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new LogRecord(id, text).format());
        out.writeBytes(signed);
        return new Answer(200, "text/plain; charset=UTF-8", out.toByteArray());
    }

    private Answer tile(String tilePath) throws IOException {
        Tile t;
        try {
            t = Tile.parse(tilePath);
        } catch (SumdbException e) {
            return Answer.text(400, "invalid tile syntax");
        }
        synchronized (this) {
            long size = records.size();
            long start = t.n() << t.h();
            if (t.l() == -1) {
                if (start + t.w() > size) {
                    return Answer.text(404, "tile not found: " + tilePath);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < t.w(); i++) {
                    out.writeBytes(records.get((int) (start + i)));
                    out.write('\n');
                }
                return new Answer(200, "text/plain; charset=UTF-8", out.toByteArray());
            }
            long levelWidth = t.l() * t.h() >= 63 ? 0 : size >> (t.l() * t.h());
            if (start + t.w() > levelWidth) {
                return Answer.text(404, "tile not found: " + tilePath);
            }
            byte[] data = Tile.readTileData(t, this::readHashes);
            if (corruptTiles) {
                data[data.length - 1] ^= 1;
            }
            return new Answer(200, "application/octet-stream", data);
        }
    }

    private Answer forward(URI uri) throws IOException {
        String target = upstream.toString().replaceAll("/+$", "") + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try {
            HttpResponse<InputStream> res = upstreamClient.send(HttpRequest.newBuilder(URI.create(target)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = res.body()) {
                body = in.readAllBytes();
            }
            return new Answer(res.statusCode(), res.headers().firstValue("Content-Type").orElse(null), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("bad escape");
                }
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}

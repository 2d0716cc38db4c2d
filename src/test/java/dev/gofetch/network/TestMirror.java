package dev.gofetch.network;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/// A loopback GOPROXY (http or https) serving a static tree, recording each request's host, path and
/// Authorization; paths can be set to redirect elsewhere.
final class TestMirror implements AutoCloseable {
    /// One request: the Host header, the path, the user name of a Basic Authorization (or ""), the
    /// Authorization header and the method.
    record Hit(String host, String path, String user, String authorization, String method) {}

    static final String MODULE = "example.com/hello";
    static final String VERSION = "v1.0.0";

    private final HttpServer server;
    private final Path root;
    private final String scheme;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private volatile String requiredAuthorization;

    private TestMirror(HttpServer server, Path root, String scheme) {
        this.server = server;
        this.root = root;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-mirror");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    static TestMirror http(Path root) throws IOException {
        return new TestMirror(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                root, "http");
    }

    static TestMirror https(Path root, TestTls tls) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        return new TestMirror(s, root, "https");
    }

    int port() {
        return server.getAddress().getPort();
    }

    /// The base URL under a made-up host name (reachable only through [RecordingProxy]).
    String url(String host) {
        return scheme + "://" + host + ":" + port();
    }

    /// Requests for path are answered with a 302 to location.
    TestMirror redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    /// Requests without exactly this Authorization header get a 401 with a Basic challenge.
    TestMirror requireAuthorization(String authorization) {
        requiredAuthorization = authorization;
        return this;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /// Writes one module version (info, mod, zip, list) under root, in GOPROXY layout.
    static Path writeModuleTree(Path root) throws IOException {
        Path v = Files.createDirectories(root.resolve(MODULE).resolve("@v"));
        Files.writeString(v.resolve("list"), VERSION + "\n");
        Files.writeString(v.resolve(VERSION + ".info"), "{\"Version\":\"" + VERSION + "\",\"Time\":\"2024-01-02T03:04:05Z\"}\n");
        Files.writeString(v.resolve(VERSION + ".mod"), "module " + MODULE + "\n\ngo 1.21\n");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(v.resolve(VERSION + ".zip")))) {
            for (Map.Entry<String, String> f : Map.of("go.mod", "module " + MODULE + "\n\ngo 1.21\n",
                    "hello.go", "package hello\n\nfunc Hello() string { return \"hello\" }\n").entrySet()) {
                zip.putNextEntry(new ZipEntry(MODULE + "@" + VERSION + "/" + f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return root;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
            String user = "";
            if (auth.startsWith("Basic ")) {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                user = pair.substring(0, Math.max(pair.indexOf(':'), 0));
            }
            hits.add(new Hit(ex.getRequestHeaders().getFirst("Host"), path, user, auth, ex.getRequestMethod()));
            try (InputStream body = ex.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            String required = requiredAuthorization;
            if (required != null && !required.equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test mirror\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String location = redirects.get(path);
            if (location != null) {
                ex.getResponseHeaders().add("Location", location);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                byte[] msg = "not found\n".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                ex.sendResponseHeaders(404, msg.length);
                ex.getResponseBody().write(msg);
                return;
            }
            byte[] data = Files.readAllBytes(file);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, data.length);
            ex.getResponseBody().write(data);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /// A self-signed certificate for the made-up names the tests use, made once per test run with
    /// keytool; `pem` is what SSL_CERT_FILE points at.
    record TestTls(Path keystore, Path pem, SSLContext client) {
        private static TestTls instance;

        static synchronized TestTls get() {
            if (instance == null) {
                try {
                    instance = create(Files.createTempDirectory("gofetch-net-tls"));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return instance;
        }

        private static TestTls create(Path dir) throws IOException, InterruptedException {
            dir.toFile().deleteOnExit();
            Path ks = dir.resolve("ks.p12");
            Path pem = dir.resolve("cert.pem");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=mirror.test", "-ext",
                    "SAN=dns:mirror.test,dns:sub.mirror.test,dns:other.test,dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                    "-storepass", "changeit", "-keypass", "changeit");
            ks.toFile().deleteOnExit();
            java.security.cert.X509Certificate cert;
            try (InputStream in = Files.newInputStream(ks)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, "changeit".toCharArray());
                cert = (java.security.cert.X509Certificate) store.getCertificate("test");
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            pem.toFile().deleteOnExit();
            return new TestTls(ks, pem, dev.gofetch.env.TlsTrust.contextTrusting(List.of(cert)));
        }

        SSLContext serverContext() {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, "changeit".toCharArray());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, "changeit".toCharArray());
                SSLContext server = SSLContext.getInstance("TLS");
                server.init(kmf.getKeyManagers(), null, null);
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void run(String... cmd) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + ": " + out);
            }
        }
    }
}

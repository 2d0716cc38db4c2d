package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gofetch.env.GoEnv;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.proxy.Transport;
import dev.gofetch.testing.GoTool;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/// The same lookups through gofetch and through `go mod download -json` with GOPROXY=direct, the
/// go command's Error text compared with ours.
///
/// The go command cannot be pointed at a port for go-get discovery (a module path cannot carry
/// one), so discovery against a served page needs a server on port 443 (and 80) of a loopback
/// address: module paths like `127.41.7.9/x` are valid and are discovered at
/// `https://127.41.7.9/x?go-get=1`. Binding those ports needs root (or CAP_NET_BIND_SERVICE); without
/// it those tests are skipped and only the unit vectors of DiscoveryTest (taken from the go sources'
/// behaviour) cover discovery. The go command trusts the test certificate through SSL_CERT_FILE.
class DiscoveryDifferentialTest {
    @TempDir
    static Path scratch;

    static String secureIp;
    static String plainIp;
    static HttpsServer https;
    static HttpServer plain;
    static SSLContext trusting;
    static Path certPem;
    static final Map<String, String[]> pages = new ConcurrentHashMap<>();
    static Path proxyRoot;

    @BeforeAll
    static void start() throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        secureIp = "127." + r.nextInt(2, 250) + "." + r.nextInt(2, 250) + "." + r.nextInt(2, 250);
        plainIp = "127." + r.nextInt(2, 250) + "." + r.nextInt(2, 250) + "." + r.nextInt(2, 250);
        if (!canBind(secureIp, 443) || !canBind(plainIp, 80)) {
            return;
        }
        Path ks = scratch.resolve("ks.p12");
        certPem = scratch.resolve("cert.pem");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(keytool.toString(), "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + secureIp, "-ext", "SAN=ip:" + secureIp + ",ip:" + plainIp, "-validity", "2",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "test", "-keystore", ks.toString(),
                "-storepass", "changeit", "-file", certPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        ProxyTree tree = new ProxyTree(scratch.resolve("proxy"));
        proxyRoot = tree.root();
        for (String ip : new String[] {secureIp, plainIp}) {
            tree.add(ip + "/m", "v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), "module " + ip + "/m\n",
                    Map.of("m.go", "package m\n"));
        }
        https = HttpsServer.create(new InetSocketAddress(secureIp, 443), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server));
        https.createContext("/", DiscoveryDifferentialTest::serve);
        https.start();
        plain = HttpServer.create(new InetSocketAddress(plainIp, 80), 0);
        plain.createContext("/", DiscoveryDifferentialTest::serve);
        plain.start();
    }

    @AfterAll
    static void stop() {
        if (https != null) {
            https.stop(0);
        }
        if (plain != null) {
            plain.stop(0);
        }
    }

    private static boolean canBind(String ip, int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor()).isZero();
    }

    private static void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] body;
        int status;
        String type = "text/html; charset=utf-8";
        if (path.startsWith("/proxy/")) {
            Path file = proxyRoot.resolve(path.substring("/proxy/".length()));
            if (Files.isRegularFile(file)) {
                status = 200;
                body = Files.readAllBytes(file);
            } else {
                status = 404;
                body = "not found".getBytes(StandardCharsets.UTF_8);
                type = "text/plain; charset=utf-8";
            }
        } else {
            String[] page = pages.getOrDefault(ex.getLocalAddress().getAddress().getHostAddress() + path,
                    new String[] {"404", "<html><body>nothing here</body></html>"});
            status = Integer.parseInt(page[0]);
            body = page[1].getBytes(StandardCharsets.ISO_8859_1);
        }
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = GoTool.pinnedEnv(scratch, "direct");
        if (certPem != null) {
            env.put("SSL_CERT_FILE", certPem.toString());
        }
        env.putAll(extra);
        return env;
    }

    /// The go command's error for `go mod download path@v1.0.0`, without the `path@v1.0.0: ` prefix,
    /// or "" when it succeeded; plus its -x trace.
    private static String[] goError(String path, Map<String, String> extra) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("work"));
        Map<String, String> env = env(extra);
        // a fresh module cache each time, so that nothing is answered from an earlier run
        env.put("GOMODCACHE", Files.createTempDirectory(scratch, "modcache").toString());
        GoTool.Result r = GoTool.run(dir, env, "mod", "download", "-x", "-json", path + "@v1.0.0");
        Matcher m = Pattern.compile("\"Error\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(r.stdout());
        if (!m.find()) {
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            return new String[] {"", r.stderr()};
        }
        String err = m.group(1).replace("\\\"", "\"").replace("\\t", "\t").replace("\\n", "\n")
                .replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&").replace("\\\\", "\\");
        String prefix = path + "@v1.0.0: ";
        assertThat(err).startsWith(prefix);
        return new String[] {err.substring(prefix.length()), r.stderr()};
    }

    private static String ourError(String path, Map<String, String> extra, Transport transport) {
        GoEnv goEnv = GoEnv.load(env(extra));
        try {
            RepoRoot rr = RepoLookup.forEnv(goEnv, transport).lookup(path);
            return "found " + rr;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static Transport trustingTransport() {
        return new Transport(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).sslContext(trusting)
                .connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(10));
    }

    private static Map<String, String> settings(String spec) {
        Map<String, String> m = new HashMap<>();
        if (!spec.isBlank()) {
            for (String kv : spec.split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    // ---- without a served page: known shapes, VCS-qualified paths, GOVCS, unresolvable hosts ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "github.com/foo | ''",
        "github.com/foo/bar.git | ''",
        "github.com/foo/bar | GOVCS=bad",
        "github.com/foo/bar | GOVCS=github.com:hg",
        "example.invalid/repo.svn | ''",
        "example.invalid/repo.git | GOPRIVATE=example.invalid GOVCS=private:hg",
        "example.invalid/repo.git | ''",
        "example.invalid/repo.git | GOINSECURE=example.invalid",
        "example.net/x | ''",
        "bitbucket.org/a/b.hg/c | ''",
        "git.apache.org/x/y | ''",
    })
    void lookupsThatNeedNoServerFailAsTheGoCommandFails(String path, String spec) throws IOException {
        Map<String, String> extra = settings(spec);
        String go = goError(path, extra)[0];
        assertThat(go).isNotEmpty();
        assertThat(ourError(path, extra, Transport.createDefault())).isEqualTo(go);
    }

    @Test
    void anUnresolvableHostFailsAsTheGoCommandFails() throws IOException {
        for (Map<String, String> extra : java.util.List.of(Map.of("GOPRIVATE", "example.invalid"),
                Map.of("GOINSECURE", "example.invalid"))) {
            // Go names the resolver it asked (`lookup h on 10.0.0.53:53`); Java does not know it.
            String go = goError("example.invalid/x", extra)[0].replaceAll(" on [0-9.:\\[\\]a-f]+:53", "");
            assertThat(ourError("example.invalid/x", extra, Transport.createDefault())).isEqualTo(go);
        }
    }

    // ---- go-get discovery against pages served on loopback ports 443 and 80 ----

    private static void assumeServers() {
        assumeThat(https).as("needs permission to bind port 443 of a loopback address").isNotNull();
    }

    /// Pages at https://IP/a/b (IP stands for the server's address): status and html.
    static Stream<Arguments> badPages() {
        return Stream.of(
                Arguments.of(200, "<html><head><title>x</title></head>"),
                Arguments.of(404, "<html><body>gone</body>"),
                Arguments.of(200, "<meta name=go-import content='IP/a/b git https://x'><meta name=go-import content='IP/a/b hg https://y'>"),
                Arguments.of(200, "<meta name=go-import content='other.example/a git https://x'><meta name=go-import content='IP/a/bc git https://x'>"),
                Arguments.of(200, "<meta name=go-import content='IP/a/b git git.example/b'>"),
                Arguments.of(200, "<meta name=go-import content='IP/a/b git file:///srv/b'>"),
                Arguments.of(200, "<meta name=go-import content='IP/a/b cvs https://x'>"),
                Arguments.of(200, "<meta name=go-import content='IP/a/b svn https://svn.example/b'>"),
                Arguments.of(200, "<meta name=go-import content='IP/a/b git https://x -sub'>"),
                Arguments.of(200, "<html>\n<script>if (a < b) go()</script><meta name=go-import content='IP/a/b git https://x'>"),
                Arguments.of(200, "<?xml version='1.0' encoding='latin1'?><meta name=go-import content='IP/a/b git https://x'>"),
                Arguments.of(200, "<title>caf\u00e9</title>"),
                // a tag for the prefix IP/a, which IP/a's own page (not served: 404) does not confirm
                Arguments.of(200, "<meta name=go-import content='IP/a git https://x'>"));
    }

    @ParameterizedTest
    @MethodSource("badPages")
    void badDiscoveryPagesFailAsTheGoCommandFails(int status, String html) throws IOException {
        assumeServers();
        pages.put(secureIp + "/a/b", new String[] {String.valueOf(status), html.replace("IP", secureIp)});
        String path = secureIp + "/a/b";
        String go = goError(path, Map.of())[0];
        assertThat(go).isNotEmpty();
        assertThat(ourError(path, Map.of(), trustingTransport())).isEqualTo(go);
    }

    @Test
    void prefixPagesThatDisagreeFailAsTheGoCommandFails() throws IOException {
        assumeServers();
        pages.put(secureIp + "/p/q", new String[] {"200", "<meta name=go-import content='" + secureIp + "/p git https://a'>"});
        pages.put(secureIp + "/p", new String[] {"200", "<meta name=go-import content='" + secureIp + "/p git https://b'>"});
        String go = goError(secureIp + "/p/q", Map.of())[0];
        assertThat(go).contains("disagree");
        assertThat(ourError(secureIp + "/p/q", Map.of(), trustingTransport())).isEqualTo(go);
    }

    @Test
    void aModTagInA404PageLeadsToTheSameGoproxyServer() throws IOException {
        assumeServers();
        String path = secureIp + "/m";
        pages.put(path, new String[] {"404", "<meta name=go-import content='" + path + " git https://git.invalid/m'>"
                + "<meta name=go-import content='" + path + " mod https://" + secureIp + "/proxy'>"});
        String[] go = goError(path, Map.of());
        assertThat(go[0]).isEmpty();
        String ours = ourError(path, Map.of(), trustingTransport());
        assertThat(ours).isEqualTo("found " + new RepoRoot(path, "mod", "https://" + secureIp + "/proxy"));
        assertThat(go[1]).contains("# get https://" + secureIp + "/proxy/" + path + "/@v/v1.0.0.info");
    }

    @Test
    void goinsecureFallsBackToPlainHttpLikeTheGoCommand() throws IOException {
        assumeServers();
        String path = plainIp + "/m";
        pages.put(path, new String[] {"200", "<meta name=go-import content='" + path + " mod http://" + plainIp + "/proxy'>"});
        Map<String, String> insecure = Map.of("GOINSECURE", plainIp);
        assertThat(goError(path, insecure)[0]).isEmpty();
        assertThat(ourError(path, insecure, trustingTransport()))
                .isEqualTo("found " + new RepoRoot(path, "mod", "http://" + plainIp + "/proxy"));
        // without GOINSECURE, https only: nothing listens on port 443 of that address
        String go = goError(path, Map.of())[0];
        assertThat(go).contains("connection refused");
        assertThat(ourError(path, Map.of(), trustingTransport())).isEqualTo(go);
    }

    @Test
    void goinsecureSkipsCertificateChecks() throws IOException {
        assumeServers();
        String path = secureIp + "/m";
        pages.put(path, new String[] {"200", "<meta name=go-import content='" + path + " mod https://" + secureIp + "/proxy'>"});
        // a transport that does not know the test certificate
        Transport strict = Transport.createDefault();
        assertThat(ourError(path, Map.of(), strict)).startsWith("unrecognized import path \"" + path + "\": https fetch: ");
        assertThat(ourError(path, Map.of("GOINSECURE", secureIp), strict))
                .isEqualTo("found " + new RepoRoot(path, "mod", "https://" + secureIp + "/proxy"));
    }
}

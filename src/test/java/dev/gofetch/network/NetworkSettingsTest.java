package dev.gofetch.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.env.GoAuth;
import dev.gofetch.env.HttpProxyConfig;
import dev.gofetch.env.Netrc;
import dev.gofetch.env.NetworkSettings;
import dev.gofetch.proxy.FetchException;
import dev.gofetch.proxy.Transport;
import dev.gofetch.transfer.Candidate;
import dev.gofetch.transfer.DownloadRequest;
import dev.gofetch.transfer.Downloader;
import dev.gofetch.transfer.JsonTraceWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The GOPROXY client and the transfer engine with the user's proxies and netrc credentials, against
/// loopback mirrors under made-up host names that only the recording proxy can reach.
class NetworkSettingsTest {
    static final String LIST = "/" + TestMirror.MODULE + "/@v/list";
    static final String ZIP = "/" + TestMirror.MODULE + "/@v/" + TestMirror.VERSION + ".zip";

    static RecordingProxy proxy;
    static TestMirror secure;
    static TestMirror other;
    static TestMirror plain;
    static TestMirror.TestTls tls;

    @BeforeAll
    static void start(@TempDir Path root) throws Exception {
        TestMirror.writeModuleTree(root);
        tls = TestMirror.TestTls.get();
        proxy = new RecordingProxy();
        secure = TestMirror.https(root, tls);
        other = TestMirror.https(root, tls);
        plain = TestMirror.http(root);
        secure.redirect("/away" + LIST, other.url("other.test") + LIST);
        secure.redirect("/sub" + LIST, secure.url("sub.mirror.test") + LIST);
        secure.redirect("/away" + ZIP, other.url("other.test") + ZIP);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        secure.close();
        other.close();
        plain.close();
    }

    @BeforeEach
    void clear() {
        proxy.clear();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /// alice is mirror.test on the https port (the go command matches host:port, not the host alone),
    /// bob the host without port, carol the other host, dave the plain http mirror.
    static Netrc netrc() {
        return Netrc.parse("machine mirror.test:" + secure.port() + " login alice password s3cret-alice\n"
                + "machine mirror.test login bob password s3cret-bob\n"
                + "machine other.test:" + other.port() + " login carol password s3cret-carol\n"
                + "machine mirror.test:" + plain.port() + " login dave password s3cret-dave\n");
    }

    static NetworkSettings settings(String proxyUrl, GoAuth auth) {
        return new NetworkSettings(HttpProxyConfig.of(proxyUrl, proxyUrl, ""), auth, Optional.of(tls.client()));
    }

    static List<TestMirror.Hit> hitsSince(TestMirror m, int before) {
        List<TestMirror.Hit> all = m.hits();
        return all.subList(before, all.size());
    }

    @Test
    void madeUpHostsGoThroughTheProxyAndLoopbackNeverDoes() throws Exception {
        Transport t = Transport.createDefault(settings(proxy.url(), GoAuth.off()));
        assertThat(new String(t.get(URI.create(plain.url("mirror.test") + LIST)).readAll(), StandardCharsets.UTF_8))
                .isEqualTo(TestMirror.VERSION + "\n");
        assertThat(t.get(URI.create(secure.url("mirror.test") + LIST)).readAll()).isNotEmpty();
        assertThat(proxy.seen()).extracting(RecordingProxy.Seen::method, RecordingProxy.Seen::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", plain.url("mirror.test") + LIST),
                        org.assertj.core.groups.Tuple.tuple("CONNECT", "mirror.test:" + secure.port()));
        proxy.clear();
        t.get(URI.create(plain.url("127.0.0.1") + LIST)).readAll();
        t.get(URI.create(plain.url("localhost") + LIST)).readAll();
        t.get(URI.create(secure.url("127.0.0.1") + LIST)).readAll();
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void netrcCredentialsGoToTheirHostAndPortOverHttpsOnly() throws Exception {
        List<String> trace = new ArrayList<>();
        Transport t = Transport.createDefault(settings(proxy.url(), GoAuth.of(netrc()))).trace(trace::add);
        int s = secure.hits().size();
        int p = plain.hits().size();
        t.get(URI.create(secure.url("mirror.test") + LIST)).readAll();
        t.get(URI.create(plain.url("mirror.test") + LIST)).readAll();
        assertThat(hitsSince(secure, s)).extracting(TestMirror.Hit::user).containsExactly("alice");
        assertThat(hitsSince(secure, s).get(0).authorization()).isEqualTo(basic("alice", "s3cret-alice"));
        assertThat(hitsSince(plain, p)).extracting(TestMirror.Hit::user).containsExactly("");
        assertThat(String.join("\n", trace)).doesNotContain("s3cret").doesNotContain("alice");
    }

    @Test
    void credentialsStayBehindOnARedirectToAnotherHostButFollowToASubdomain() throws Exception {
        Transport t = Transport.createDefault(settings(proxy.url(), GoAuth.of(netrc())));
        int s = secure.hits().size();
        int o = other.hits().size();
        t.get(URI.create(secure.url("mirror.test") + "/away" + LIST)).readAll();
        assertThat(hitsSince(secure, s)).extracting(TestMirror.Hit::user).containsExactly("alice");
        // not alice's, and not carol's either: only the first URL's credentials ever travel
        assertThat(hitsSince(other, o)).extracting(TestMirror.Hit::user).containsExactly("");

        s = secure.hits().size();
        t.get(URI.create(secure.url("mirror.test") + "/sub" + LIST)).readAll();
        assertThat(hitsSince(secure, s)).extracting(TestMirror.Hit::host, TestMirror.Hit::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mirror.test:" + secure.port(), "alice"),
                org.assertj.core.groups.Tuple.tuple("sub.mirror.test:" + secure.port(), "alice"));
    }

    @Test
    void anHttps4xxIsAskedOnceMoreWithCredentialsAndTracedOnce() {
        List<String> trace = new ArrayList<>();
        Transport t = Transport.createDefault(settings(proxy.url(), GoAuth.of(netrc()))).trace(trace::add);
        int s = secure.hits().size();
        String url = secure.url("mirror.test") + "/example.com/missing/@v/list";
        assertThatThrownBy(() -> t.get(URI.create(url)))
                .isInstanceOf(FetchException.class)
                .hasMessage("reading " + url + ": 404 Not Found\n\tserver response: not found");
        assertThat(hitsSince(secure, s)).extracting(TestMirror.Hit::path, TestMirror.Hit::user)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/example.com/missing/@v/list", "alice"),
                        org.assertj.core.groups.Tuple.tuple("/example.com/missing/@v/list", "alice"));
        assertThat(trace).hasSize(2).allMatch(l -> l.startsWith("# get " + url));

        int p = plain.hits().size();
        String plainUrl = plain.url("mirror.test") + "/example.com/missing/@v/list";
        assertThatThrownBy(() -> t.get(URI.create(plainUrl))).isInstanceOf(FetchException.class);
        assertThat(hitsSince(plain, p)).hasSize(1);
    }

    @Test
    void anHttpUrlWithCredentialsIsRefusedWithoutARequest() {
        List<String> trace = new ArrayList<>();
        Transport t = Transport.createDefault(settings(proxy.url(), GoAuth.off())).trace(trace::add);
        int p = plain.hits().size();
        String url = "http://dave:s3cret-dave@mirror.test:" + plain.port() + LIST;
        String shown = "http://dave:xxxxx@mirror.test:" + plain.port() + LIST;
        assertThatThrownBy(() -> t.get(URI.create(url)))
                .isInstanceOf(FetchException.class)
                .hasMessage("refusing to pass credentials to insecure URL: " + shown);
        assertThat(trace).containsExactly("# get " + shown + ": insecure credentials");
        assertThat(plain.hits()).hasSize(p);
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void proxyCredentialsGoToTheProxyOnPlainHttpRequests() throws Exception {
        String auth = basic("proxyuser", "pr0xy-pass");
        try (RecordingProxy locked = new RecordingProxy().require(auth)) {
            String withUser = "http://proxyuser:pr0xy-pass@127.0.0.1:" + locked.port();
            Transport t = Transport.createDefault(settings(withUser, GoAuth.off()));
            int p = plain.hits().size();
            t.get(URI.create(plain.url("mirror.test") + LIST)).readAll();
            assertThat(locked.seen()).extracting(RecordingProxy.Seen::proxyAuthorization).containsExactly(Optional.of(auth));
            // the proxy's credentials are for the proxy: the mirror never sees them
            assertThat(hitsSince(plain, p)).extracting(TestMirror.Hit::authorization).containsExactly("");

            Transport anonymous = Transport.createDefault(settings(locked.url(), GoAuth.off()));
            String url = plain.url("mirror.test") + LIST;
            assertThatThrownBy(() -> anonymous.get(URI.create(url)))
                    .hasMessage("reading " + url + ": 407 Proxy Authentication Required");
        }
    }

    @Test
    void anUnreachableProxyIsNamedLikeTheGoCommandNamesIt() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Transport t = Transport.createDefault(settings("http://127.0.0.1:" + port, GoAuth.off()));
        String url = plain.url("mirror.test") + LIST;
        assertThatThrownBy(() -> t.get(URI.create(url))).hasMessage("Get \"" + url
                + "\": proxyconnect tcp: dial tcp 127.0.0.1:" + port + ": connect: connection refused");
    }

    @Test
    void theTransferEngineSendsNetrcCredentialsThroughTheProxyAndNeverWritesThem(@TempDir Path dir) throws Exception {
        NetworkSettings net = settings(proxy.url(), GoAuth.of(netrc()));
        Path traceFile = dir.resolve("trace.json");
        int s = secure.hits().size();
        int o = other.hits().size();
        try (JsonTraceWriter trace = JsonTraceWriter.toFile(traceFile);
                Downloader d = Downloader.builder().listener(trace).credentials(new dev.gofetch.engine.NetworkCredentials(net))
                        .proxy(net.proxies().selector()).sslContext(net.tls().orElseThrow()).build()) {
            d.download(DownloadRequest.of(dir.resolve("a.zip"), new Candidate(URI.create(secure.url("mirror.test") + ZIP), false)));
            d.download(DownloadRequest.of(dir.resolve("b.zip"),
                    new Candidate(URI.create(secure.url("mirror.test") + "/away" + ZIP), false)));
        }
        assertThat(dir.resolve("a.zip")).hasSameBinaryContentAs(dir.resolve("b.zip"));
        assertThat(hitsSince(secure, s)).extracting(TestMirror.Hit::user).isNotEmpty().containsOnly("alice");
        // the redirect to another host carries nothing (carol's entry is for requests that start there)
        assertThat(hitsSince(other, o)).isNotEmpty().extracting(TestMirror.Hit::user).containsOnly("");
        assertThat(proxy.seen()).extracting(RecordingProxy.Seen::method).containsOnly("CONNECT");
        String written = Files.readString(traceFile);
        assertThat(written).contains("mirror.test").doesNotContain("s3cret")
                .doesNotContain(basic("alice", "s3cret-alice").substring(6));
    }

    @Test
    void aRefusedProxyFailsTheEngineRequestInsteadOfGoingDirect(@TempDir Path dir) {
        NetworkSettings net = new NetworkSettings(HttpProxyConfig.of("", "socks5://127.0.0.1:1", ""), GoAuth.off(),
                Optional.of(tls.client()));
        int s = secure.hits().size();
        assertThatThrownBy(() -> {
            try (Downloader d = Downloader.builder().proxy(net.proxies().selector()).sslContext(tls.client())
                    .options(dev.gofetch.transfer.TransferOptions.defaults()
                            .withRetries(1, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(10)))
                    .build()) {
                d.download(DownloadRequest.of(dir.resolve("a.zip"),
                        new Candidate(URI.create(secure.url("mirror.test") + ZIP), false)));
            }
        }).hasMessage("Get \"" + secure.url("mirror.test") + ZIP + "\": proxyconnect: gofetch cannot use socks5 proxy "
                + "socks5://127.0.0.1:1; only http:// proxies are supported");
        assertThat(secure.hits()).hasSize(s);
        Transport t = Transport.createDefault(net);
        assertThatThrownBy(() -> t.get(URI.create("https://mirror.test:1" + LIST)))
                .hasMessage("Get \"https://mirror.test:1" + LIST + "\": proxyconnect: gofetch cannot use socks5 proxy "
                        + "socks5://127.0.0.1:1; only http:// proxies are supported");
    }

    @Test
    void sslCertDirAddsTrustedRootsAndWithoutThemTheMirrorIsNotTrusted(@TempDir Path dir) throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.copy(tls.pem(), certs.resolve("test.pem"));
        java.util.Map<String, String> process = new java.util.HashMap<>(java.util.Map.of(
                "HOME", dir.toString(), "GOENV", "off", "HTTPS_PROXY", proxy.url(), "GOAUTH", "off"));
        String url = secure.url("mirror.test") + LIST;
        Transport untrusting = Transport.createDefault(NetworkSettings.fromEnv(dev.gofetch.env.GoEnv.load(process)));
        assertThatThrownBy(() -> untrusting.get(URI.create(url))).hasMessage("Get \"" + url
                + "\": tls: failed to verify certificate: x509: certificate signed by unknown authority");
        process.put("SSL_CERT_DIR", dir.resolve("missing") + ":" + certs);
        Transport trusting = Transport.createDefault(NetworkSettings.fromEnv(dev.gofetch.env.GoEnv.load(process)));
        assertThat(trusting.get(URI.create(url)).readAll()).isNotEmpty();
    }
}

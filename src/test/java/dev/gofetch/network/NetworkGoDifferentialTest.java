package dev.gofetch.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `go mod download` and `gofetch download` with the same HTTPS_PROXY, netrc and SSL_CERT_FILE, against
/// an https GOPROXY under a made-up name that only the recording proxy reaches: the same requests go
/// through the proxy, and the same requests carry which credentials.
class NetworkGoDifferentialTest {
    static final String ZIP = "/" + TestMirror.MODULE + "/@v/" + TestMirror.VERSION + ".zip";
    static final String PASSWORD = "s3cret-alice";

    static TestMirror.TestTls tls;
    static TestMirror mirror;
    static TestMirror other;

    @BeforeAll
    static void start(@TempDir Path root) throws Exception {
        TestMirror.writeModuleTree(root);
        tls = TestMirror.TestTls.get();
        mirror = TestMirror.https(root, tls);
        other = TestMirror.https(root, tls);
        // the zip lives elsewhere: a redirect to another host, as CDNs do
        mirror.redirect(ZIP, other.url("other.test") + ZIP);
    }

    @AfterAll
    static void stop() {
        mirror.close();
        other.close();
    }

    static Map<String, String> env(Path scratch, String httpsProxy) throws Exception {
        Path netrc = Files.createDirectories(scratch).resolve("netrc");
        Files.writeString(netrc, "machine mirror.test:" + mirror.port() + " login alice password " + PASSWORD + "\n"
                + "machine mirror.test login bob password s3cret-bob\n"
                + "machine other.test:" + other.port() + " login carol password s3cret-carol\n");
        Map<String, String> env = GoTool.pinnedEnv(scratch, mirror.url("mirror.test"));
        env.put("HTTPS_PROXY", httpsProxy);
        env.put("SSL_CERT_FILE", tls.pem().toString());
        env.put("NETRC", netrc.toString());
        env.put("GOAUTH", "netrc");
        env.put("GOFLAGS", "");
        return env;
    }

    /// What the servers saw: per server, the distinct (Host, path, user) triples; and the proxy's requests.
    static Set<String> observed(RecordingProxy proxy, int mirrorBefore, int otherBefore) {
        Set<String> out = new TreeSet<>();
        mirror.hits().subList(mirrorBefore, mirror.hits().size())
                .forEach(h -> out.add("mirror " + h.host() + h.path() + " user=" + h.user()));
        other.hits().subList(otherBefore, other.hits().size())
                .forEach(h -> out.add("other " + h.host() + h.path() + " user=" + h.user()));
        proxy.seen().forEach(s -> out.add("proxy " + s.method() + " " + s.target()
                + (s.proxyAuthorization().isPresent() ? " with proxy credentials" : "")));
        return out;
    }

    @Test
    void sameRequestsThroughTheProxyWithTheSameNetrcCredentials(@TempDir Path scratch) throws Exception {
        try (RecordingProxy proxy = new RecordingProxy()) {
            Path work = Files.createDirectories(scratch.resolve("work"));
            int m = mirror.hits().size();
            int o = other.hits().size();
            GoTool.run(work, env(scratch.resolve("go"), proxy.url()), "mod", "download", "-json",
                    TestMirror.MODULE + "@" + TestMirror.VERSION).requireSuccess();
            Set<String> go = observed(proxy, m, o);

            proxy.clear();
            m = mirror.hits().size();
            o = other.hits().size();
            Path traceFile = scratch.resolve("trace.jsonl");
            GoTool.Result ours = GofetchRunner.run(work, env(scratch.resolve("gofetch"), proxy.url()),
                    "download", "-json", "-x", "-trace", traceFile.toString(), TestMirror.MODULE + "@" + TestMirror.VERSION);
            assertThat(ours.exitCode()).as(ours.stderr()).isZero();
            Set<String> gofetch = observed(proxy, m, o);

            assertThat(gofetch).isEqualTo(go);
            // the table is not empty or trivial: alice is used, and only on her host:port
            assertThat(go).contains("mirror mirror.test:" + mirror.port() + "/" + TestMirror.MODULE + "/@v/"
                    + TestMirror.VERSION + ".mod user=alice",
                    "other other.test:" + other.port() + ZIP + " user=",
                    "proxy CONNECT mirror.test:" + mirror.port());
            String written = ours.stdout() + ours.stderr() + Files.readString(traceFile);
            String encoded = Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(written).contains("# get https://mirror.test:" + mirror.port())
                    .doesNotContain(PASSWORD).doesNotContain(encoded).doesNotContain("s3cret");
            assertThat(scratch.resolve("gofetch/modcache/cache/download/" + TestMirror.MODULE + "/@v/"
                    + TestMirror.VERSION + ".zip")).exists();
        }
    }

    /// The JDK sends Basic proxy credentials on CONNECT only when told before its HTTP client is first
    /// used, so this runs gofetch as users do: in a fresh JVM.
    @Test
    void proxyCredentialsInHttpsProxyAuthorizeTheTunnelAsForTheGoCommand(@TempDir Path scratch) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("pu:pr0xy".getBytes(StandardCharsets.UTF_8));
        try (RecordingProxy proxy = new RecordingProxy().require(auth)) {
            String withUser = "http://pu:pr0xy@127.0.0.1:" + proxy.port();
            Path work = Files.createDirectories(scratch.resolve("work"));
            GoTool.run(work, env(scratch.resolve("go"), withUser), "mod", "download", "-json",
                    TestMirror.MODULE + "@" + TestMirror.VERSION).requireSuccess();
            Set<String> go = observed(proxy, mirror.hits().size(), other.hits().size());
            proxy.clear();

            Map<String, String> env = env(scratch.resolve("gofetch"), withUser);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "dev.gofetch.Main", "download", "-x", TestMirror.MODULE + "@" + TestMirror.VERSION));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).doesNotContain("pr0xy");
            Set<String> gofetch = observed(proxy, mirror.hits().size(), other.hits().size());

            assertThat(gofetch).isEqualTo(go).isNotEmpty()
                    .allMatch(s -> s.endsWith("with proxy credentials"));
        }
    }

    /// The go command asks an https server once more after a 4xx answer; so does gofetch.
    @Test
    void aMissingModuleIsAskedForAsOftenAsByTheGoCommand(@TempDir Path scratch) throws Exception {
        try (RecordingProxy proxy = new RecordingProxy()) {
            Path work = Files.createDirectories(scratch.resolve("work"));
            String missing = "example.com/missing@v1.0.0";
            int m = mirror.hits().size();
            GoTool.Result go = GoTool.run(work, env(scratch.resolve("go"), proxy.url()), "mod", "download", missing);
            List<String> goHits = mirror.hits().subList(m, mirror.hits().size()).stream()
                    .map(h -> h.path() + " user=" + h.user()).sorted().toList();

            m = mirror.hits().size();
            GoTool.Result ours = GofetchRunner.run(work, env(scratch.resolve("gofetch"), proxy.url()), "download", missing);
            List<String> ourHits = mirror.hits().subList(m, mirror.hits().size()).stream()
                    .map(h -> h.path() + " user=" + h.user()).sorted().toList();

            assertThat(go.exitCode()).isNotZero();
            assertThat(ours.exitCode()).isNotZero();
            assertThat(ours.stderr()).isEqualTo(go.stderr().replace("go: ", "gofetch: "));
            assertThat(ourHits).isEqualTo(goHits).hasSizeGreaterThan(1);
        }
    }
}

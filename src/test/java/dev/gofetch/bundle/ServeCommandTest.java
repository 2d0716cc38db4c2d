package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gofetch serve`: a bundle straight from the archive (whole files, byte ranges, HEAD, 404), an unpacked
/// bundle, a module cache; refusals for a damaged bundle and bad flags; a clean stop.
class ServeCommandTest {
    @TempDir
    static Path shared;
    static BundleFixture fixture;
    static Bundle bundle;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void makeBundle() throws Exception {
        fixture = BundleFixture.create(UniverseSpec.builder().seed(9).plain().modulePaths(6).versionsPerPath(2)
                .mainModules(1).build(), shared);
        bundle = Bundle.open(fixture.bundle, Progress.NONE);
    }

    private static String zipName() {
        return bundle.files().keySet().stream().filter(n -> n.endsWith(".zip")).sorted().findFirst().orElseThrow();
    }

    private static HttpResponse<byte[]> get(String goproxy, String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(goproxy + "/" + path)).timeout(Duration.ofSeconds(10));
        if (range != null) {
            b.header("Range", range);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheBundlesFilesWholeAndInRanges(@TempDir Path tmp) throws Exception {
        String zip = zipName();
        byte[] content = bundle.read(zip);
        try (ServeRun serve = new ServeRun(tmp, Map.of(), "serve", "-addr", "127.0.0.1:0", fixture.bundle.toString())) {
            String goproxy = serve.goproxy(Duration.ofSeconds(30));
            assertThat(serve.stderr()).contains("gofetch: serving bundle " + fixture.bundle + " ("
                    + bundle.summary().modules() + " module versions) at " + goproxy + " (Ctrl-C stops)");
            String path = zip.substring(Layout.PROXY.length());

            HttpResponse<byte[]> whole = get(goproxy, path, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(content);
            assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/zip");

            HttpResponse<byte[]> part = get(goproxy, path, "bytes=5-14");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 5-14/" + content.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 5, 15));

            HttpResponse<byte[]> tail = get(goproxy, path, "bytes=-7");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 7, content.length));

            String list = Layout.listFile(bundle.manifest().modules().get(0).path());
            assertThat(get(goproxy, list.substring(Layout.PROXY.length()), null).body())
                    .isEqualTo(bundle.read(list));
            assertThat(get(goproxy, "example.com/nothing/@v/list", null).statusCode()).isEqualTo(404);
            assertThat(get(goproxy, "../manifest.json", null).statusCode()).isEqualTo(404);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void servesAnUnpackedBundleAndAModuleCache(@TempDir Path tmp) throws Exception {
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        BundleRehearsalTest.run(tmp, "tar", "-xf", fixture.bundle.toString(), "-C", unpacked.toString());
        String zip = zipName();
        try (ServeRun serve = new ServeRun(tmp, Map.of(), "serve", "unpacked", "-addr", "127.0.0.1:0")) {
            String goproxy = serve.goproxy(Duration.ofSeconds(30));
            assertThat(serve.stderr()).contains("serving unpacked bundle unpacked at");
            assertThat(get(goproxy, zip.substring(Layout.PROXY.length()), null).body()).isEqualTo(bundle.read(zip));
        }

        Map<String, String> env = BundleFixture.offline(tmp.resolve("env"));
        assertThat(GofetchRunner.run(tmp, env, "bundle", "import", fixture.bundle.toString()).exitCode()).isZero();
        Path modcache = Path.of(env.get("GOMODCACHE"));
        try (ServeRun serve = new ServeRun(tmp, Map.of(), "serve", "-addr", "127.0.0.1:0", modcache.toString())) {
            String goproxy = serve.goproxy(Duration.ofSeconds(30));
            assertThat(serve.stderr()).contains("serving module cache " + modcache);
            assertThat(get(goproxy, zip.substring(Layout.PROXY.length()), null).body()).isEqualTo(bundle.read(zip));

            // and the go command downloads through it
            Path main = Files.createDirectories(tmp.resolve("client"));
            GoTool.Result r = GoTool.run(main, BundleFixture.goEnv(tmp.resolve("client-env"), goproxy), "mod",
                    "download", "-json", bundle.manifest().modules().stream().filter(m -> m.zip() != null)
                            .findFirst().orElseThrow().id().toString());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
    }

    @Test
    void refusesToServeADamagedBundle(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.tar");
        byte[] bytes = Files.readAllBytes(fixture.bundle);
        Bundle.Region r = bundle.region(zipName());
        bytes[(int) (r.offset() + 3)] ^= 0x10;
        Files.write(bad, bytes);
        try (ServeRun serve = new ServeRun(tmp, Map.of(), "serve", "-addr", "127.0.0.1:0", "bad.tar")) {
            assertThat(serve.goproxy(Duration.ofSeconds(30))).isNull();
            assertThat(serve.await(Duration.ofSeconds(10))).isEqualTo(1);
            assertThat(serve.stderr()).contains("gofetch: bad.tar: " + zipName() + ": sha256 is ")
                    .contains("rejected (").contains("not serving it");
        }
    }

    @Test
    void badArgumentsAreUsageErrors(@TempDir Path tmp) throws IOException {
        GoTool.Result noArg = GofetchRunner.run(tmp, Map.of(), "serve");
        assertThat(noArg.exitCode()).isEqualTo(2);
        assertThat(noArg.stderr()).contains("usage: gofetch serve [-addr host:port] file|dir");
        GoTool.Result badAddr = GofetchRunner.run(tmp, Map.of(), "serve", "-addr", "nonsense", fixture.bundle.toString());
        assertThat(badAddr.exitCode()).isEqualTo(2);
        assertThat(badAddr.stderr()).contains("invalid value \"nonsense\" for flag -addr: want host:port");
        GoTool.Result missing = GofetchRunner.run(tmp, Map.of(), "serve", "-addr", "127.0.0.1:0", "nope.tar");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("gofetch: open nope.tar: no such file or directory\n");
    }
}

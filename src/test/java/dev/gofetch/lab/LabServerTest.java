package dev.gofetch.lab;

import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LabServerTest {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    ProxyTree tree;
    LabServer server;
    HttpClient http;
    byte[] hundred;

    @BeforeEach
    void serveATree() throws IOException {
        tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add("github.com/Azure/lib", "v1.0.0", T, "module github.com/Azure/lib\n", Map.of("lib.go", "package lib\n"));
        hundred = new byte[100];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = (byte) i;
        }
        Files.write(tree.root().resolve("hundred.bin"), hundred);
        server = LabServer.start(tree.root());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String target, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(target));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesFilesWithLengthTypeEtagAndLastModified() throws Exception {
        HttpResponse<byte[]> r = get("github.com/!azure/lib/@v/v1.0.0.mod");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("module github.com/Azure/lib\n");
        assertThat(r.headers().firstValue("content-length")).hasValue("28");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(r.headers().firstValue("etag")).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]+-[0-9a-f]+\""));
        assertThat(r.headers().firstValue("last-modified")).isPresent();
        assertThat(r.headers().firstValue("accept-ranges")).hasValue("bytes");
        assertThat(get("github.com/!azure/lib/@v/v1.0.0.info").headers().firstValue("content-type")).hasValue("application/json");
        assertThat(get("github.com/!azure/lib/@v/v1.0.0.zip").headers().firstValue("content-type")).hasValue("application/zip");
    }

    @Test
    void bangAndPercent21NameTheSameFile() throws Exception {
        HttpResponse<byte[]> bang = get("github.com/!azure/lib/@v/list");
        HttpResponse<byte[]> percent = get("github.com/%21azure/lib/@v/list");

        assertThat(bang.statusCode()).isEqualTo(200);
        assertThat(percent.statusCode()).isEqualTo(200);
        assertThat(percent.body()).isEqualTo(bang.body());
        assertThat(server.awaitExchanges(2, Duration.ofSeconds(5))).extracting(LabServer.Exchange::target, LabServer.Exchange::path)
                .containsExactly(
                        tuple("/github.com/!azure/lib/@v/list", "/github.com/!azure/lib/@v/list"),
                        tuple("/github.com/%21azure/lib/@v/list", "/github.com/!azure/lib/@v/list"));
    }

    @Test
    void missingFilesAre404WithAPlainTextBody() throws Exception {
        HttpResponse<byte[]> r = get("github.com/!azure/lib/@v/v9.9.9.info");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("not found: /github.com/!azure/lib/@v/v9.9.9.info\n");
        assertThat(get("github.com/!azure/lib/@v").statusCode()).as("directories are not served").isEqualTo(404);
    }

    @Test
    void headSendsTheHeadersOfGetWithoutABody() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve("hundred.bin"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-length")).hasValue("100");
        assertThat(r.body()).isEmpty();
        assertThat(server.awaitExchanges(1, Duration.ofSeconds(5)).get(0).bodyBytes()).isZero();
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve("hundred.bin"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void pathsCannotEscapeTheRoot() throws IOException {
        Files.writeString(tmp.resolve("secret.txt"), "secret");

        assertThat(RawHttp.get(server.port(), "/../secret.txt").status()).isEqualTo(404);
        assertThat(RawHttp.get(server.port(), "/%2e%2e/secret.txt").status()).isEqualTo(404);
        assertThat(RawHttp.get(server.port(), "/x/%2e%2e/%2e%2e/secret.txt").status()).isEqualTo(404);
        assertThat(RawHttp.get(server.port(), "/%zz").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "bytes=0-9,      206, bytes 0-9/100,   0,  10",
        "bytes=90-,      206, bytes 90-99/100, 90, 10",
        "bytes=-10,      206, bytes 90-99/100, 90, 10",
        "bytes=-1000,    206, bytes 0-99/100,  0,  100",
        "bytes=95-200,   206, bytes 95-99/100, 95, 5",
        "bytes=99-99,    206, bytes 99-99/100, 99, 1",
        "bytes=100-,     416, bytes */100,     0,  0",
        "bytes=-0,       416, bytes */100,     0,  0",
        "bytes=5-3,      200, null,            0,  100",
        "bytes=0-1;2-3,  200, null,            0,  100",
        "items=0-5,      200, null,            0,  100",
    })
    void singleByteRanges(String range, int status, String contentRange, int from, int length) throws Exception {
        HttpResponse<byte[]> r = get("hundred.bin", "Range", range.replace(';', ','));

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-range").orElse(null)).isEqualTo(contentRange);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(hundred, from, from + length));
        assertThat(r.headers().firstValue("content-length")).hasValue(Integer.toString(length));
        assertThat(server.awaitExchanges(1, Duration.ofSeconds(5)).get(0))
                .extracting(LabServer.Exchange::range, LabServer.Exchange::status, LabServer.Exchange::bodyBytes)
                .containsExactly(range.replace(';', ','), status, (long) length);
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheCurrentValidator() throws Exception {
        HttpResponse<byte[]> first = get("hundred.bin");
        String etag = first.headers().firstValue("etag").orElseThrow();
        String lastModified = first.headers().firstValue("last-modified").orElseThrow();

        assertThat(get("hundred.bin", "Range", "bytes=50-", "If-Range", etag).statusCode()).isEqualTo(206);
        assertThat(get("hundred.bin", "Range", "bytes=50-", "If-Range", lastModified).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> stale = get("hundred.bin", "Range", "bytes=50-", "If-Range", "\"0-0\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(hundred);
        assertThat(get("hundred.bin", "Range", "bytes=50-", "If-Range", "W/" + etag).statusCode()).isEqualTo(200);
        assertThat(get("hundred.bin", "Range", "bytes=50-", "If-Range", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode()).isEqualTo(200);
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("hundred.bin").statusCode()).isEqualTo(200);
        }
        List<LabServer.Exchange> log = server.awaitExchanges(3, Duration.ofSeconds(5));
        assertThat(log).extracting(LabServer.Exchange::connection).containsOnly(log.get(0).connection());
    }

    @Test
    void handlesSixtyFourConcurrentConnections() throws Exception {
        byte[] big = new byte[1 << 20];
        new java.util.Random(3).nextBytes(big);
        Files.write(tree.root().resolve("big.bin"), big);
        server.faults(Faults.parse("latency=300ms"));
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Callable<RawHttp.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> RawHttp.get(server.port(), "/big.bin"));
            }
            long start = System.nanoTime();
            List<Future<RawHttp.Reply>> replies = clients.invokeAll(calls);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            for (Future<RawHttp.Reply> f : replies) {
                assertThat(f.get().body()).isEqualTo(big);
            }
            // served one after another this would take 64 × 300 ms
            assertThat(elapsedMillis).isLessThan(64 * 300 / 4);
            Set<Long> connections = server.awaitExchanges(64, Duration.ofSeconds(5)).stream()
                    .map(LabServer.Exchange::connection).collect(Collectors.toSet());
            assertThat(connections).hasSize(64);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void closeEndsEveryServerThreadEvenWithHangingAndIdleConnections() throws Exception {
        String threadTag = "-" + server.port() + "-";
        assertThat(get("hundred.bin").statusCode()).isEqualTo(200); // leaves an idle keep-alive connection
        server.faults(Faults.parse("dead"));
        HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        other.sendAsync(HttpRequest.newBuilder(server.baseUri().resolve("hundred.bin")).build(),
                HttpResponse.BodyHandlers.discarding());
        Thread.sleep(200);
        assertThat(serverThreads(threadTag)).isNotEmpty();

        server.close();

        assertThat(serverThreads(threadTag)).isEmpty();
    }

    private static List<String> serverThreads(String tag) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lab-server-") && n.contains(tag)).toList();
    }

    @Test
    void theGoCommandDownloadsThroughTheServer() throws Exception {
        Map<String, String> env = GoTool.pinnedEnv(tmp, server.baseUri().toString());
        Path work = Files.createDirectories(tmp.resolve("work"));

        GoTool.Result r = GoTool.run(work, env, "mod", "download", "-json", "github.com/Azure/lib@v1.0.0").requireSuccess();

        assertThat(r.stdout()).contains("\"Version\": \"v1.0.0\"").doesNotContain("\"Error\"");
        assertThat(tmp.resolve("modcache/github.com/!azure/lib@v1.0.0/lib.go")).hasContent("package lib");
        // the go command sends ! as %21
        assertThat(server.exchanges()).extracting(LabServer.Exchange::target)
                .contains("/github.com/%21azure/lib/@v/v1.0.0.zip");
        assertThat(server.exchanges()).allMatch(e -> e.status() == 200);
    }

    @Test
    void theGoCommandReportsInjectedStatusesWithTheServerResponse() throws Exception {
        // prefixes match the decoded path: the go command's %21 matches a ! prefix
        server.faults(Faults.parse("status:/github.com/!azure=403"));
        Map<String, String> env = GoTool.pinnedEnv(tmp, server.baseUri().toString());
        Path work = Files.createDirectories(tmp.resolve("work"));

        GoTool.Result r = GoTool.run(work, env, "mod", "download", "github.com/Azure/lib@v1.0.0");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("403 Forbidden").contains("server response: lab: status 403 for /github.com/!azure/lib/@v/v1.0.0.info");
    }
}

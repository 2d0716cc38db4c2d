package dev.gofetch.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabServerFaultsTest {
    @TempDir
    Path tmp;

    LabServer server;
    HttpClient http;
    byte[] data;

    @BeforeEach
    void serve() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add("example.com/m", "v1.0.0", Instant.parse("2024-03-01T12:00:00Z"), "module example.com/m\n", Map.of());
        data = new byte[512 * 1024];
        new Random(1).nextBytes(data);
        Files.write(tree.root().resolve("data.bin"), data);
        server = LabServer.start(tree.root());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String target, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(target));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        server.faults(Faults.parse("latency=300ms"));
        long start = System.nanoTime();

        assertThat(get("example.com/m/@v/list").statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rateCapsEachConnectionSeparately() throws Exception {
        server.faults(Faults.parse("rate=1m"));
        long start = System.nanoTime();
        CompletableFuture<RawHttp.Reply> a = CompletableFuture.supplyAsync(() -> fetch("/data.bin"));
        CompletableFuture<RawHttp.Reply> b = CompletableFuture.supplyAsync(() -> fetch("/data.bin"));

        assertThat(a.get().body()).isEqualTo(data);
        assertThat(b.get().body()).isEqualTo(data);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // 512 KiB at 1 MiB/s is half a second per connection; two capped together would need a second
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofMillis(950));
    }

    private RawHttp.Reply fetch(String target) {
        try {
            return RawHttp.get(server.port(), target);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resetAfterSendsThatManyBodyBytesThenATcpReset() throws Exception {
        server.faults(Faults.parse("reset-after=10k"));

        RawHttp.Reply r = RawHttp.get(server.port(), "/data.bin");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentLength()).isEqualTo(data.length);
        assertThat(r.ending()).isEqualTo("reset");
        assertThat(r.body().length).isLessThanOrEqualTo(10 * 1024);
        assertThat(server.awaitExchanges(1, Duration.ofSeconds(5)).get(0).bodyBytes()).isEqualTo(10 * 1024);
        // small files are not affected
        assertThat(RawHttp.get(server.port(), "/example.com/m/@v/list").ending()).isEqualTo("complete");
    }

    @Test
    void firstNServerErrorsHitEveryPath() throws Exception {
        server.faults(Faults.parse("5xx=2"));

        for (String path : List.of("example.com/m/@v/list", "example.com/m/@v/v1.0.0.mod")) {
            HttpResponse<byte[]> first = get(path);
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("lab: injected 503\n");
            assertThat(get(path).statusCode()).isEqualTo(503);
            assertThat(get(path).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void randomServerErrorsAreReproducibleForAGivenSeed() throws Exception {
        List<Integer> first = statuses(Faults.parse("5xx=0.5,seed=7"));
        List<Integer> again = statuses(Faults.parse("5xx=0.5,seed=7"));
        List<Integer> otherSeed = statuses(Faults.parse("5xx=0.5,seed=8"));

        assertThat(first).contains(200, 503).isEqualTo(again).isNotEqualTo(otherSeed);
    }

    private List<Integer> statuses(Faults faults) throws Exception {
        server.faults(faults);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(get("example.com/m/@v/list").statusCode());
        }
        return statuses;
    }

    @Test
    void truncatedBodiesEndWithACleanCloseBeforeContentLength() throws Exception {
        server.faults(Faults.parse("truncate=1.0"));

        RawHttp.Reply r = RawHttp.get(server.port(), "/data.bin");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentLength()).isEqualTo(data.length);
        assertThat(r.ending()).isEqualTo("eof");
        assertThat(r.body().length).isLessThan(data.length);
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOf(data, r.body().length));
        assertThatThrownBy(() -> get("data.bin")).isInstanceOf(IOException.class);
    }

    @Test
    void noRangeAnswersTheWholeFile() throws Exception {
        server.faults(Faults.parse("no-range"));

        HttpResponse<byte[]> r = get("data.bin", "Range", "bytes=10-19");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(data);
        assertThat(r.headers().firstValue("accept-ranges")).isEmpty();
    }

    @Test
    void changingEtagsDefeatIfRange() throws Exception {
        server.faults(Faults.parse("etag-change"));

        String etag = get("data.bin").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> resumed = get("data.bin", "Range", "bytes=100-", "If-Range", etag);

        assertThat(resumed.headers().firstValue("etag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.body()).isEqualTo(data);
    }

    @Test
    void wrongBytesFlipExactlyOneByte() throws Exception {
        server.faults(Faults.parse("wrong-bytes=1.0"));

        byte[] body = get("data.bin").body();

        assertThat(body).hasSameSizeAs(data);
        int differing = 0;
        for (int i = 0; i < data.length; i++) {
            if (body[i] != data[i]) {
                differing++;
                assertThat(body[i]).isEqualTo((byte) ~data[i]);
            }
        }
        assertThat(differing).isEqualTo(1);
    }

    @Test
    void deadServersAcceptButNeverAnswerUntilTheFaultIsLifted() throws Exception {
        server.faults(Faults.parse("dead"));
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("example.com/m/@v/list"))
                .timeout(Duration.ofMillis(500)).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(HttpTimeoutException.class);

        server.faults(Faults.NONE);
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusingServersStopListeningAndResumeOnTheSamePort() throws Exception {
        int port = server.port();
        server.faults(Faults.parse("refuse"));

        int before = server.exchanges().size();
        try {
            connectAvoidingSelfConnect(port);
            // Connected: the freed port now belongs to someone else on this machine (another test
            // process picked it); our server must still not have answered anything.
            assertThat(server.exchanges()).hasSize(before);
            org.junit.jupiter.api.Assumptions.abort("port " + port + " was taken by another process meanwhile");
        } catch (ConnectException expected) {
            // refused, as it should be
        }

        server.faults(Faults.NONE);
        assertThat(RawHttp.get(port, "/example.com/m/@v/list").status()).isEqualTo(200);
    }

    /// Connecting to an ephemeral port nobody listens on can, rarely, pick that very port as the
    /// source port and "connect" to itself (TCP simultaneous open); such an attempt proves nothing.
    private static void connectAvoidingSelfConnect(int port) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                if (s.getLocalPort() != port) {
                    return;
                }
            }
        }
    }

    @Test
    void fixedStatusesApplyToTheLongestMatchingPrefix() throws Exception {
        server.faults(Faults.parse("status:/example.com=500,status:/example.com/m/@v/list=410"));

        HttpResponse<byte[]> gone = get("example.com/m/@v/list");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(get("example.com/m/@v/v1.0.0.mod").statusCode()).isEqualTo(500);
        assertThat(get("data.bin").statusCode()).isEqualTo(200);
    }

    @Test
    void redirectLoopsNeverEnd() throws Exception {
        server.faults(Faults.parse("redirect-loop:/example.com"));

        HttpResponse<byte[]> once = get("example.com/m/@v/list");
        assertThat(once.statusCode()).isEqualTo(302);
        assertThat(once.headers().firstValue("location")).hasValue("/example.com/m/@v/list");

        // the go command gives up after 10 redirects
        Map<String, String> env = GoTool.pinnedEnv(tmp, server.baseUri().toString());
        GoTool.Result r = GoTool.run(Files.createDirectories(tmp.resolve("work")), env, "mod", "download", "example.com/m@v1.0.0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("stopped after 10 redirects");
        assertThat(server.exchanges()).filteredOn(e -> e.status() == 302).hasSizeGreaterThanOrEqualTo(11);
    }

    @Test
    void htmlPrefixesAnswerAPortalPage() throws Exception {
        server.faults(Faults.parse("html:/example.com"));

        HttpResponse<byte[]> r = get("example.com/m/@v/v1.0.0.zip");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void badJsonSpoilsInfoAndLatestButNothingElse() throws Exception {
        server.faults(Faults.parse("badjson:/example.com"));
        ObjectMapper json = new ObjectMapper();

        for (String info : List.of("example.com/m/@v/v1.0.0.info", "example.com/m/@latest")) {
            HttpResponse<byte[]> r = get(info);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> json.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
        }
        assertThat(get("example.com/m/@v/v1.0.0.mod").body()).isEqualTo("module example.com/m\n".getBytes(StandardCharsets.UTF_8));
        server.faults(Faults.NONE);
        assertThat(json.readTree(get("example.com/m/@v/v1.0.0.info").body()).get("Version").asText()).isEqualTo("v1.0.0");
    }
}

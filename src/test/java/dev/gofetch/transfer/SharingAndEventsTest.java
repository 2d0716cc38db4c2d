package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharingAndEventsTest {
    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.bytesPerSecondPerConnection = 2 * 1024 * 1024;
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void downloadsInFlightShareOneConnectionBudget() throws Exception {
        // small files (one request each) that overlap because the server is slow to answer
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            contents.add(TestServer.randomBytes(40 * 1024, 100 + i));
            server.file("/f" + i + ".zip", contents.get(i));
        }
        server.latencyMillis = 40;
        ConnectionBudget budget = new ConnectionBudget(8, 3);
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).budget(budget).build()) {
            List<DownloadHandle> handles = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                handles.add(d.start(DownloadRequest.of(dir.resolve("f" + i + ".zip"),
                        new Candidate(server.url("/f" + i + ".zip"), false))));
            }
            for (DownloadHandle h : handles) {
                h.result().get(20, TimeUnit.SECONDS);
            }
        }

        for (int i = 0; i < 12; i++) {
            assertThat(Files.readAllBytes(dir.resolve("f" + i + ".zip"))).isEqualTo(contents.get(i));
        }
        assertThat(server.log()).hasSize(12);
        assertThat(server.maxConcurrentRequests()).isEqualTo(3);
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void throwingListenerNeverBreaksTheEngineAndIsLoggedOnce() throws Exception {
        byte[] content = TestServer.randomBytes(300 * 1024, 7);
        server.file("/m.zip", content);
        AtomicInteger calls = new AtomicInteger();
        TransferListener hostile = new TransferListener() {
            @Override
            public void requestStart(RequestStarted e) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void bodyEnd(BodyEnded e) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        };
        List<LogRecord> records = new ArrayList<>();
        Logger jul = Logger.getLogger(SafeListeners.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(capture);
        boolean parents = jul.getUseParentHandlers();
        jul.setUseParentHandlers(false);
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).listener(hostile).build()) {
            d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(server.url("/m.zip"), false)));
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(parents);
        }

        assertThat(Files.readAllBytes(dir.resolve("m.zip"))).isEqualTo(content);
        assertThat(calls.get()).isGreaterThan(2);
        assertThat(records).hasSize(1);
    }

    @Test
    void traceHasAStartAndEndForEveryPhaseOfEveryRequest() throws Exception {
        byte[] content = TestServer.randomBytes(512 * 1024, 8);
        server.file("/m.zip", content);
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() == 2) {
                plan.resetAfter = 1000;
            }
        };
        StringWriter out = new StringWriter();
        try (JsonTraceWriter trace = new JsonTraceWriter(out);
             Downloader d = Downloader.builder().options(Fixtures.fast()).listener(trace).build()) {
            d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(server.url("/m.zip"), false)));
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("ts").asLong()).isPositive();
            assertThat(l.get("download").asInt()).isEqualTo(1);
        });
        assertThat(lines.get(0).get("event").asText()).isEqualTo("downloadStart");
        assertThat(lines.get(lines.size() - 1).get("event").asText()).isEqualTo("downloadEnd");
        assertThat(lines.get(lines.size() - 1).get("outcome").asText()).isEqualTo("ok");
        assertPaired(lines, "requestStart", "requestEnd", "request");
        assertPaired(lines, "bodyStart", "bodyEnd", "request");
        assertPaired(lines, "retryStart", "retryEnd", null);
        assertPaired(lines, "rangeSplitStart", "rangeSplitEnd", null);
        assertThat(lines).filteredOn(l -> l.get("event").asText().equals("retryStart")).isNotEmpty();
        assertThat(lines).filteredOn(l -> l.get("event").asText().equals("responseStart"))
                .allSatisfy(l -> assertThat(l.get("firstByteNanos").asLong()).isPositive());
        assertThat(lines).filteredOn(l -> l.get("event").asText().equals("bodyEnd"))
                .extracting(l -> l.get("bytes").asLong()).contains(0L < 1 ? lines.stream()
                        .filter(l -> l.get("event").asText().equals("bodyEnd")).map(l -> l.get("bytes").asLong())
                        .filter(b -> b > 0).findFirst().orElseThrow() : 0L);
    }

    /// Every start has exactly one end after it (matched by key when given, else by count and order).
    private static void assertPaired(List<JsonNode> lines, String start, String end, String key) {
        if (key == null) {
            int open = 0;
            for (JsonNode l : lines) {
                String ev = l.get("event").asText();
                if (ev.equals(start)) {
                    open++;
                } else if (ev.equals(end)) {
                    open--;
                    assertThat(open).as(end + " without " + start).isGreaterThanOrEqualTo(0);
                }
            }
            assertThat(open).as("unended " + start).isZero();
            return;
        }
        Set<Long> open = new HashSet<>();
        for (JsonNode l : lines) {
            String ev = l.get("event").asText();
            if (ev.equals(start)) {
                assertThat(open.add(l.get(key).asLong())).as("duplicate " + start).isTrue();
            } else if (ev.equals(end)) {
                assertThat(open.remove(l.get(key).asLong())).as(end + " without " + start + ": " + l).isTrue();
            }
        }
        assertThat(open).as("unended " + start).isEmpty();
    }
}

package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The 99% tail: one connection crawling while the others are done must not hold up the file.
class SlowConnectionTest {
    static final int SIZE = 2 * 1024 * 1024;

    @TempDir
    Path dir;
    TestServer server;
    final List<Object> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void connectionFarSlowerThanTheOthersIsDroppedAndItsRangeRequeued() throws Exception {
        byte[] content = TestServer.randomBytes(SIZE, 31);
        server.file("/m.zip", content);
        // the server's second connection crawls at 16 KiB/s, the others run at 2 MiB/s
        server.fault = (req, plan) -> plan.bytesPerSecond = req.connection == 2 ? 16 * 1024 : 2 * 1024 * 1024;
        TransferOptions options = Fixtures.fast().withSlowConnections(0.25, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        try (Downloader d = Downloader.builder().options(options).listener(new FaultsTest.Recorder(events)).build()) {
            d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(server.url("/m.zip"), false)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(Files.readAllBytes(dir.resolve("m.zip"))).isEqualTo(content);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.StallStarted)
                .extracting("kind").contains("slow");
        // the crawling connection alone would need about 30 s for its quarter of the file
        assertThat(seconds).isLessThan(5);
    }

    @Test
    void connectionThatStopsSendingIsReplacedAndTheFileCompletes() throws Exception {
        byte[] content = TestServer.randomBytes(SIZE / 2, 32);
        server.file("/m.zip", content);
        server.bytesPerSecondPerConnection = 2 * 1024 * 1024;
        // every connection after the first stalls once, early in its range
        server.fault = (req, plan) -> {
            if (req.seq >= 2 && req.seq <= 4) {
                plan.stallAfter = 8 * 1024;
            }
        };
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).listener(new FaultsTest.Recorder(events))
                .build()) {
            d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(server.url("/m.zip"), false)));
        }

        assertThat(Files.readAllBytes(dir.resolve("m.zip"))).isEqualTo(content);
        long stalls = events.stream().filter(e -> e instanceof TransferListener.StallStarted).count();
        long ends = events.stream().filter(e -> e instanceof TransferListener.StallEnded).count();
        assertThat(stalls).isBetween(1L, 3L);
        assertThat(ends).isEqualTo(stalls);
    }
}

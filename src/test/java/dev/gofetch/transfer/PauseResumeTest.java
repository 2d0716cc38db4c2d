package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseResumeTest {
    static final int SIZE = 1024 * 1024;

    @TempDir
    Path dir;
    TestServer server;
    Downloader downloader;
    final List<Object> events = new CopyOnWriteArrayList<>();
    byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        content = TestServer.randomBytes(SIZE, 3);
        server.file("/m.zip", content);
        server.bytesPerSecondPerConnection = 512 * 1024;
        downloader = Downloader.builder().options(Fixtures.fast()).listener(new FaultsTest.Recorder(events)).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        downloader.close();
        server.close();
    }

    static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void pauseStopsAllTrafficWithinASecondAndResumeCompletesWhereRangesStopped() throws Exception {
        Path dest = dir.resolve("m.zip");
        DownloadHandle h = downloader.start(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
        await(() -> server.bytesServed() > SIZE / 4, 5000);

        long pausedAt = System.nanoTime();
        h.pause();
        await(() -> server.log().stream().allMatch(e -> e.ended), 1000);
        assertThat((System.nanoTime() - pausedAt) / 1e9).isLessThan(1.0);

        long servedWhilePaused = server.bytesServed();
        int requestsWhilePaused = server.log().size();
        Thread.sleep(400);
        assertThat(server.bytesServed()).isEqualTo(servedWhilePaused);
        assertThat(server.log()).hasSize(requestsWhilePaused);
        DownloadHandle.Progress p = h.progress();
        assertThat(p.state()).isEqualTo(DownloadHandle.State.PAUSED);
        assertThat(p.completedBytes()).isGreaterThan(0).isLessThan(SIZE);
        assertThat(p.connections()).isEmpty();
        assertThat(dest).doesNotExist();

        h.resume();
        DownloadResult r = h.result().get(20, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(r.length()).isEqualTo(SIZE);
        // resumed ranges start where they stopped: only bytes in flight at the pause are fetched twice
        assertThat(server.bytesServed()).isLessThan(SIZE + 4 * 32 * 1024);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.PauseStarted).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.PauseEnded).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.ResumeStarted).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.ResumeEnded).hasSize(1);
    }

    @Test
    void cancelWithoutDiscardKeepsJournalAndDataForTheNextRun() throws Exception {
        Path dest = dir.resolve("m.zip");
        DownloadHandle h = downloader.start(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
        await(() -> server.bytesServed() > SIZE / 3, 5000);
        h.cancel(false);
        await(() -> h.result().isDone(), 2000);

        assertThat(h.result()).isCancelled();
        assertThat(dir.resolve("m.zip.gofetch")).exists();
        assertThat(dir.resolve("m.zip.gofetch.journal")).exists();
        assertThat(dest).doesNotExist();
        // nothing named like the go command's stale temp files (<v>.zip*.tmp), which it deletes
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void cancelWithDiscardRemovesEverything() throws Exception {
        Path dest = dir.resolve("m.zip");
        DownloadHandle h = downloader.start(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
        await(() -> server.bytesServed() > SIZE / 4, 5000);
        h.cancel(true);
        await(() -> h.result().isDone(), 2000);

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}

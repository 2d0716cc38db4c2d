package dev.gofetch.transfer;

import static dev.gofetch.transfer.PauseResumeTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A thread waiting in {@link Downloader#download} that is interrupted cancels its download; the
/// journal is saved on that (interrupted) thread, and must survive it.
class InterruptedDownloadTest {
    static final int SIZE = 1024 * 1024;

    @TempDir
    Path dir;
    TestServer server;
    byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        content = TestServer.randomBytes(SIZE, 5);
        server.file("/m.zip", content);
        server.bytesPerSecondPerConnection = 384 * 1024;
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void interruptingTheWaitingThreadKeepsJournalAndDataForTheNextRun() throws Exception {
        Path dest = dir.resolve("m.zip");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (Downloader d = Downloader.builder().options(options()).build()) {
            Thread t = new Thread(() -> {
                try {
                    d.download(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            await(() -> server.bytesServed() > SIZE / 3, 5000);
            t.interrupt();
            t.join(5000);
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            await(() -> server.log().stream().allMatch(e -> e.ended), 2000);
        }
        assertResumesFromTheJournal(dest);
    }

    @Test
    void cancelCalledOnAnInterruptedThreadKeepsJournalAndData() throws Exception {
        Path dest = dir.resolve("m.zip");
        try (Downloader d = Downloader.builder().options(options()).build()) {
            DownloadHandle h = d.start(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
            await(() -> server.bytesServed() > SIZE / 3, 5000);
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt(); // as a worker thread stopped by shutdownNow()
                h.cancel(false);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            t.start();
            t.join(5000);
            await(() -> h.result().isDone(), 5000);
            assertThat(stillInterrupted.get()).as("the interrupt is kept for the caller").isTrue();
        }
        assertResumesFromTheJournal(dest);
    }

    private static TransferOptions options() {
        // One connection and no periodic journal: only the save made on cancel can record the progress.
        return Fixtures.fast().withMaxConnectionsPerFile(1)
                .withIntervals(Duration.ofMinutes(10), Duration.ofMillis(50), Duration.ofMillis(50));
    }

    private void assertResumesFromTheJournal(Path dest) throws Exception {
        Journal.State kept = Journal.read(dir.resolve("m.zip.gofetch.journal"));
        assertThat(kept).as("journal saved on the interrupted thread").isNotNull();
        assertThat(kept.completedBytes()).isGreaterThan(SIZE / 4);
        long servedBefore = server.bytesServed();

        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
        }

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(server.bytesServed() - servedBefore).isLessThanOrEqualTo(SIZE - kept.completedBytes() + 64 * 1024);
    }
}

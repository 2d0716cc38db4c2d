package dev.gofetch.transfer;

import static dev.gofetch.transfer.PauseResumeTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// kill -9 in the middle of a download: the next run re-fetches at most the ranges that were in flight.
class CrashTest {
    static final int SIZE = 2 * 1024 * 1024;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void killedDownloadResumesFetchingAtMostTheRangesThatWereInFlight() throws Exception {
        byte[] content = TestServer.randomBytes(SIZE, 99);
        server.file("/big.zip", content);
        server.bytesPerSecondPerConnection = 384 * 1024;
        // one fast connection finishes ranges and steals work while the slow ones are still in flight
        server.fault = (req, plan) -> plan.bytesPerSecond = req.connection == 1 ? 3 * 1024 * 1024 : 384 * 1024;
        Path dest = dir.resolve("big.zip");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // small socket buffers on both ends bound how far a range cut short by a split overshoots
        server.sendBufferBytes = 32 * 1024;
        Process child = new ProcessBuilder(java.toString(), "-Djdk.httpclient.receiveBufferSize=32768",
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), server.url("/big.zip").toString(), dest.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        List<TestServer.Exchange> inFlight;
        long cutBeforeKill;
        try {
            await(() -> server.bytesServed() > SIZE / 2 || !child.isAlive(), 20_000);
            assertThat(child.isAlive()).as("child still downloading").isTrue();
            inFlight = server.log().stream().filter(e -> !e.ended).toList();
            cutBeforeKill = server.log().stream().filter(e -> e.ended && !e.complete).count();
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        await(() -> server.log().stream().allMatch(e -> e.ended), 5000);
        long served1 = server.bytesServed();
        int firstRunRequests = server.log().size();
        List<TestServer.Exchange> firstRun = server.log();
        long inFlightBytes = inFlight.stream().mapToLong(e -> e.sent.get()).sum();
        Journal.State journal = Journal.read(dir.resolve("big.zip.gofetch.journal"));
        assertThat(journal).as("journal written before the kill").isNotNull();
        assertThat(journal.completedBytes()).isGreaterThan(0).isLessThan(SIZE);
        assertThat(dest).doesNotExist();

        server.clearLog();
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(server.url("/big.zip"), false)));
        }
        long served2 = server.bytesServed();

        String story = String.format("first run served %d in %d requests (in flight at kill %d in %d), journal had %d,"
                + " second run %d%n  first run: %s%n  second run: %s", served1, firstRunRequests, inFlightBytes,
                inFlight.size(), journal.completedBytes(), served2, firstRun, server.log());
        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        // everything fetched twice was in a range in flight at the kill; the slack covers what a range cut
        // short by a split had already in the socket buffers
        assertThat(served1 + served2).as(story).isLessThanOrEqualTo(SIZE + inFlightBytes + (1 + cutBeforeKill) * 192 * 1024);
        // and the second run did not fetch what the journal holds
        assertThat(served2).as(story).isLessThanOrEqualTo(SIZE - journal.completedBytes() + 64 * 1024);
    }
}

package dev.gofetch.transfer;

import static dev.gofetch.transfer.PauseResumeTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A later run continues from the journal, and any journal it cannot trust makes it start cleanly.
class ResumeTest {
    static final int SIZE = 1024 * 1024;

    @TempDir
    Path dir;
    TestServer server;
    byte[] content;
    Path dest;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        content = TestServer.randomBytes(SIZE, 11);
        server.file("/m.zip", content);
        server.bytesPerSecondPerConnection = 512 * 1024;
        dest = dir.resolve("m.zip");
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /// Runs a download until about a third is served, then cancels it keeping its journal.
    private Journal.State interruptedRun() throws Exception {
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            DownloadHandle h = d.start(request());
            await(() -> server.bytesServed() > SIZE / 3, 5000);
            h.cancel(false);
            await(() -> h.result().isDone(), 2000);
        }
        Journal.State s = Journal.read(dir.resolve("m.zip.gofetch.journal"));
        assertThat(s).isNotNull();
        assertThat(s.completedBytes()).isGreaterThan(0).isLessThan(SIZE);
        server.clearLog();
        return s;
    }

    private DownloadRequest request() {
        return DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false));
    }

    private List<Object> secondRun() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        server.bytesPerSecondPerConnection = 2 * 1024 * 1024;
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).listener(new FaultsTest.Recorder(events))
                .build()) {
            d.download(request());
        }
        return events;
    }

    private String journalNote(List<Object> events) {
        return events.stream().filter(e -> e instanceof TransferListener.DownloadStarted)
                .map(e -> ((TransferListener.DownloadStarted) e).journal()).findFirst().orElseThrow();
    }

    @Test
    void nextRunFetchesOnlyWhatTheJournalLacks() throws Exception {
        Journal.State s = interruptedRun();

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("resumed");
        assertThat(server.bytesServed()).isLessThanOrEqualTo(SIZE - s.completedBytes() + 64 * 1024);
        assertThat(server.log().get(0).header("if-range")).isEqualTo("\"v1-" + SIZE + "\"");
        assertThat(server.log()).allSatisfy(e -> assertThat(e.header("range")).isNotEqualTo("bytes=0-"));
    }

    @Test
    void corruptJournalMeansACleanRestart() throws Exception {
        interruptedRun();
        Path journal = dir.resolve("m.zip.gofetch.journal");
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length / 2] ^= 1;
        Files.write(journal, bytes);

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("discarded: journal checksum mismatch");
        assertThat(server.log().get(0).header("range")).isEqualTo("bytes=0-");
        assertThat(server.bytesServed()).isGreaterThanOrEqualTo(SIZE);
    }

    @Test
    void truncatedJournalMeansACleanRestart() throws Exception {
        interruptedRun();
        Path journal = dir.resolve("m.zip.gofetch.journal");
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("discarded: journal is truncated or has trailing bytes");
    }

    @Test
    void journalOfAnotherFileIsNotUsed() throws Exception {
        interruptedRun();
        // the partial download of m.zip, moved beside other.zip
        Files.move(dir.resolve("m.zip.gofetch"), dir.resolve("other.zip.gofetch"));
        Files.move(dir.resolve("m.zip.gofetch.journal"), dir.resolve("other.zip.gofetch.journal"));
        dest = dir.resolve("other.zip");

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("discarded: journal belongs to m.zip");
    }

    @Test
    void dataFileShorterThanTheJournalClaimsMeansACleanRestart() throws Exception {
        interruptedRun();
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve("m.zip.gofetch"), StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("discarded: data file shorter than the journal claims");
    }

    @Test
    void missingDataFileMeansACleanRestart() throws Exception {
        interruptedRun();
        Files.delete(dir.resolve("m.zip.gofetch"));

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("discarded: data file missing");
    }

    @Test
    void fileChangedOnTheServerSinceTheJournalMeansARestart() throws Exception {
        interruptedRun();
        content = TestServer.randomBytes(SIZE - 1234, 12);
        server.file("/m.zip", content, "\"v2\"");

        secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(dir.resolve("m.zip.gofetch.journal")).doesNotExist();
    }

    @Test
    void fileShrunkOnAServerWithoutValidatorsIsCaughtBy416() throws Exception {
        server.fault = (req, plan) -> plan.headers.remove("ETag");
        interruptedRun();
        content = TestServer.randomBytes(4096, 13);
        server.file("/m.zip", content);

        secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(server.log().get(0).status).isEqualTo(416);
    }

    @Test
    void partialDataWithoutAJournalIsNotTrusted() throws Exception {
        Files.write(dir.resolve("m.zip.gofetch"), new byte[SIZE]);

        List<Object> events = secondRun();

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(journalNote(events)).isEqualTo("none");
    }
}

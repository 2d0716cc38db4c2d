package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Go's GOPROXY list rules applied to one file: `,` falls through only on not-found, `|` on any error.
class MirrorFallbackTest {
    static final int SIZE = 512 * 1024;

    @TempDir
    Path dir;
    TestServer a;
    TestServer b;
    Downloader downloader;
    final List<Object> events = new CopyOnWriteArrayList<>();
    byte[] content;
    Path dest;

    @BeforeEach
    void setUp() throws Exception {
        a = new TestServer();
        b = new TestServer();
        content = TestServer.randomBytes(SIZE, 5);
        a.file("/m.zip", content);
        b.file("/m.zip", content, "\"b-etag\"");
        a.bytesPerSecondPerConnection = 2 * 1024 * 1024;
        b.bytesPerSecondPerConnection = 2 * 1024 * 1024;
        dest = dir.resolve("m.zip");
        downloader = Downloader.builder().options(Fixtures.fast()).listener(new FaultsTest.Recorder(events)).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        downloader.close();
        a.close();
        b.close();
    }

    static void failWith(TestServer.Plan plan, int status) {
        plan.status = status;
        plan.headers.clear();
        plan.source = new byte[0];
        plan.offset = 0;
        plan.length = 0;
    }

    private DownloadResult download(boolean pipe) throws Exception {
        return downloader.download(new DownloadRequest(List.of(new Candidate(a.url("/m.zip"), pipe),
                new Candidate(b.url("/m.zip"), false)), dest, null, null, false));
    }

    @Test
    void pipeFallsThroughOnAnyError() throws Exception {
        a.fault = (req, plan) -> failWith(plan, 403);

        DownloadResult r = download(true);

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(r.mirror()).isEqualTo(Candidate.mirrorKey(b.url("/")));
        assertThat(a.log()).hasSize(1);
    }

    @Test
    void commaDoesNotFallThroughOnOtherErrors() {
        a.fault = (req, plan) -> failWith(plan, 403);

        assertThatThrownBy(() -> download(false))
                .isInstanceOf(DownloadException.class)
                .hasMessage("reading " + a.url("/m.zip") + ": 403 Forbidden");
        assertThat(b.log()).isEmpty();
        assertThat(dest).doesNotExist();
    }

    @Test
    void commaFallsThroughOnNotFound() throws Exception {
        a.fault = (req, plan) -> failWith(plan, 410);

        download(false);

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.MirrorSwitchStarted).hasSize(1);
    }

    @Test
    void commaDoesNotFallThroughWhenTheMirrorIsDeadEither() throws Exception {
        int port = a.port();
        a.close();

        assertThatThrownBy(() -> downloader.download(new DownloadRequest(List.of(
                new Candidate(java.net.URI.create("http://127.0.0.1:" + port + "/m.zip"), false),
                new Candidate(b.url("/m.zip"), false)), dest, null, null, false)))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("connect: connection refused");
        assertThat(b.log()).isEmpty();
    }

    @Test
    void allMirrorsFailingReportsTheMostInformativeError() {
        a.fault = (req, plan) -> failWith(plan, 500);
        b.fault = (req, plan) -> failWith(plan, 404);

        assertThatThrownBy(() -> download(true))
                .isInstanceOf(DownloadException.class)
                .hasMessage("reading " + a.url("/m.zip") + ": 500 Internal Server Error");
    }

    @Test
    void mirrorFailingMidFileHandsTheRemainingRangesToTheNextWhenLengthsMatch() throws Exception {
        AtomicInteger n = new AtomicInteger();
        a.fault = (req, plan) -> {
            if (n.incrementAndGet() > 2) {
                failWith(plan, 503);
            }
        };

        DownloadResult r = download(true);

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.MirrorSwitchEnded)
                .singleElement().extracting("result").isEqualTo("continued");
        assertThat(r.bytesByMirror()).containsKeys(Candidate.mirrorKey(a.url("/")), Candidate.mirrorKey(b.url("/")));
        assertThat(b.bytesServed()).isLessThan(SIZE);
    }

    @Test
    void mirrorFailingMidFileRestartsWholeFromTheNextWhenLengthsDiffer() throws Exception {
        byte[] other = TestServer.randomBytes(SIZE + 10, 6);
        b.file("/m.zip", other);
        AtomicInteger n = new AtomicInteger();
        a.fault = (req, plan) -> {
            if (n.incrementAndGet() > 2) {
                failWith(plan, 503);
            }
        };

        download(true);

        assertThat(Files.readAllBytes(dest)).isEqualTo(other);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.MirrorSwitchEnded)
                .singleElement().extracting("result").isEqualTo("restarted");
    }

    @Test
    void rejectedResultIsFetchedAgainWholeFromOneMirror() throws Exception {
        // mirror a corrupts one byte of its second answer; the caller's hash catches it
        AtomicInteger n = new AtomicInteger();
        a.fault = (req, plan) -> {
            if (n.incrementAndGet() == 2) {
                plan.corruptAt = 100;
            }
        };
        byte[] want = sha256(content);
        AtomicInteger verifications = new AtomicInteger();
        Verifier verifier = (file, result) -> {
            verifications.incrementAndGet();
            try {
                if (!Arrays.equals(sha256(Files.readAllBytes(file)), want)) {
                    throw new Verifier.Rejected("checksum mismatch");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        downloader.download(DownloadRequest.of(dest, new Candidate(a.url("/m.zip"), true),
                new Candidate(b.url("/m.zip"), false)).withVerifier(verifier));

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void resultRejectedTwiceFailsWithTheVerifiersMessage() {
        Verifier never = (file, result) -> {
            throw new Verifier.Rejected("verifying m@v1.0.0: checksum mismatch");
        };

        assertThatThrownBy(() -> downloader.download(DownloadRequest.of(dest, new Candidate(a.url("/m.zip"), false))
                .withVerifier(never)))
                .isInstanceOf(DownloadException.class)
                .hasMessage("verifying m@v1.0.0: checksum mismatch")
                .extracting(e -> ((DownloadException) e).kind()).isEqualTo(DownloadException.Kind.REJECTED);
        assertThat(dest).doesNotExist();
        assertThat(dir.resolve("m.zip.gofetch.journal")).doesNotExist();
    }

    @Test
    void refetchWholeIgnoresTheJournalAndUsesOneMirror() throws Exception {
        download(false);
        a.clearLog();

        downloader.download(DownloadRequest.of(dest, new Candidate(a.url("/m.zip"), false)).refetchWhole());

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(a.bytesServed()).isGreaterThanOrEqualTo(SIZE);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The engine against the lab mirror's wire-level faults: each ends in the right file or a clear error.
class LabMirrorTest {
    static final String ZIP = "example.com/m/@v/v1.0.0.zip";
    static final int SIZE = 1024 * 1024;

    @TempDir
    Path tree;
    @TempDir
    Path out;
    byte[] content;
    LabServer lab;

    @BeforeEach
    void setUp() throws Exception {
        content = TestServer.randomBytes(SIZE, 1234);
        Path zip = tree.resolve(ZIP);
        Files.createDirectories(zip.getParent());
        Files.write(zip, content);
        lab = LabServer.start(tree);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    URI url(LabServer s) {
        return s.baseUri().resolve(ZIP);
    }

    long served(LabServer s) {
        return s.exchanges().stream().mapToLong(LabServer.Exchange::bodyBytes).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rate=1m,5xx=3",
            "rate=2m,reset-after=100k",
            "rate=2m,truncate=0.3",
            "rate=2m,no-range",
            "rate=2m,etag-change",
            "rate=2m,latency=20ms,5xx=0.2,truncate=0.1,reset-after=300k,seed=3",
    })
    void faultEndsInTheRightFile(String spec) throws Exception {
        lab.faults(Faults.parse(spec));
        Path dest = out.resolve("v1.0.0.zip");

        try (Downloader d = Downloader.builder().options(Fixtures.fast().withRetries(8, Duration.ofMillis(10),
                Duration.ofMillis(100))).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(url(lab), false)));
        }

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        try (var files = Files.list(out)) {
            assertThat(files).containsExactly(dest);
        }
    }

    @Test
    void rangesAreUsedAndNothingIsFetchedTwiceWithoutFaults() throws Exception {
        lab.faults(Faults.parse("rate=1m"));
        Path dest = out.resolve("v1.0.0.zip");

        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(url(lab), false)));
        }

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        // the lab logs an exchange once the server has finished with it
        assertThat(lab.awaitExchanges(4, Duration.ofSeconds(5))).allSatisfy(e -> assertThat(e.range()).isNotNull());
        assertThat(served(lab)).isLessThan(SIZE + 4 * 64 * 1024);
    }

    @Test
    void wrongBytesAreCaughtByTheCallersHashFetchedAgainAndThenReported() throws Exception {
        // every (whole-file) response flips a byte: the refetch is wrong too, and the download fails clearly
        lab.faults(Faults.parse("rate=4m,wrong-bytes=1.0,no-range"));
        byte[] want = MirrorFallbackTest.sha256(content);
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        Verifier hash = (file, r) -> {
            checks.incrementAndGet();
            try {
                if (!Arrays.equals(MirrorFallbackTest.sha256(Files.readAllBytes(file)), want)) {
                    throw new Verifier.Rejected("verifying example.com/m@v1.0.0: checksum mismatch");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Path dest = out.resolve("v1.0.0.zip");

        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            assertThatThrownBy(() -> d.download(DownloadRequest.of(dest, new Candidate(url(lab), false))
                    .withVerifier(hash)))
                    .isInstanceOf(DownloadException.class)
                    .hasMessage("verifying example.com/m@v1.0.0: checksum mismatch");
        }
        assertThat(checks).hasValue(2);
        assertThat(dest).doesNotExist();
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void occasionalWrongBytesNeverEndUnderTheFinalName(int seed) throws Exception {
        lab.faults(Faults.parse("rate=4m,wrong-bytes=0.3,seed=" + seed));
        byte[] want = MirrorFallbackTest.sha256(content);
        Verifier hash = (file, r) -> {
            try {
                if (!Arrays.equals(MirrorFallbackTest.sha256(Files.readAllBytes(file)), want)) {
                    throw new Verifier.Rejected("checksum mismatch");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Path dest = out.resolve("v1.0.0.zip");

        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(url(lab), false)).withVerifier(hash));
            assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        } catch (DownloadException e) {
            assertThat(e.kind()).isEqualTo(DownloadException.Kind.REJECTED);
            assertThat(dest).doesNotExist();
        }
    }

    @Test
    void deadMirrorOnAPipeListFallsBackToTheNext() throws Exception {
        lab.faults(Faults.parse("dead"));
        try (LabServer healthy = LabServer.start(tree)) {
            Path dest = out.resolve("v1.0.0.zip");
            TransferOptions quick = Fixtures.fast()
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofMillis(500))
                    .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50));
            try (Downloader d = Downloader.builder().options(quick).build()) {
                DownloadResult r = d.download(new DownloadRequest(List.of(new Candidate(url(lab), true),
                        new Candidate(url(healthy), false)), dest, null, null, false));
                assertThat(r.mirror()).isEqualTo(Candidate.mirrorKey(healthy.baseUri()));
            }
            assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        }
    }

    @Test
    void refusedConnectionsOnACommaListFailNamingTheMirror() {
        lab.faults(Faults.parse("refuse"));
        Path dest = out.resolve("v1.0.0.zip");
        TransferOptions quick = Fixtures.fast().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50));

        assertThatThrownBy(() -> {
            try (Downloader d = Downloader.builder().options(quick).build()) {
                d.download(DownloadRequest.of(dest, new Candidate(url(lab), false), Candidate.of("http://127.0.0.1:9/x")));
            }
        }).isInstanceOf(DownloadException.class)
                .hasMessage("Get \"" + url(lab) + "\": dial tcp 127.0.0.1:" + lab.port() + ": connect: connection refused");
    }

    @Test
    void notFoundOnTheLabIsGoWorded() {
        Path dest = out.resolve("v9.zip");
        URI missing = lab.baseUri().resolve("example.com/m/@v/v9.9.9.zip");

        assertThatThrownBy(() -> {
            try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
                d.download(DownloadRequest.of(dest, new Candidate(missing, false)));
            }
        }).isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("reading " + missing + ": 404 Not Found");
    }
}

package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderBasicsTest {
    @TempDir
    Path dir;
    TestServer server;
    Downloader downloader;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (downloader != null) {
            downloader.close();
        }
        server.close();
    }

    @Test
    void smallFileComesInOneRequest() throws Exception {
        byte[] content = TestServer.randomBytes(10_000, 1);
        server.file("/small.zip", content);
        downloader = Downloader.builder().options(Fixtures.fast()).build();
        Path dest = dir.resolve("small.zip");

        DownloadResult r = downloader.download(DownloadRequest.of(dest, new Candidate(server.url("/small.zip"), false)));

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(r.length()).isEqualTo(content.length);
        assertThat(server.log()).hasSize(1);
        assertThat(dir.resolve("small.zip.gofetch")).doesNotExist();
        assertThat(dir.resolve("small.zip.gofetch.journal")).doesNotExist();
    }

    @Test
    void largeFileIsSplitIntoRangesOverSeveralConnections() throws Exception {
        byte[] content = TestServer.randomBytes(1024 * 1024, 2);
        server.file("/big.zip", content);
        server.bytesPerSecondPerConnection = 1024 * 1024;
        downloader = Downloader.builder().options(Fixtures.fast()).build();
        Path dest = dir.resolve("big.zip");

        long t0 = System.nanoTime();
        downloader.download(DownloadRequest.of(dest, new Candidate(server.url("/big.zip"), false)));
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(server.log().stream().map(e -> e.connection).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(server.log()).allSatisfy(e -> assertThat(e.header("range")).isNotNull());
        // one connection alone would need a full second
        assertThat(seconds).isLessThan(0.8);
    }
}

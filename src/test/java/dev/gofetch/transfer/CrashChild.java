package dev.gofetch.transfer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/// Downloads one file and exits; {@link CrashTest} runs it in a child JVM and kills it mid-download.
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Path dest = Path.of(args[1]);
        TransferOptions options = Fixtures.fast()
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(50));
        try (Downloader d = Downloader.builder().options(options).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(url, false)));
        }
        System.exit(0);
    }
}

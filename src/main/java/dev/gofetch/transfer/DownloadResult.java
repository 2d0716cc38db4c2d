package dev.gofetch.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/// A finished download.
///
/// @param file          the final file (during {@link Verifier#verify} still the partial data file)
/// @param length        its size in bytes
/// @param validator     the validator the bytes were checked against (`ETag` or `Last-Modified`), or ""
/// @param mirror        the mirror that served the last bytes
/// @param bytesByMirror which mirror served how many of the file's bytes (resumed bytes under "journal")
/// @param bytesReceived bytes received over the network in this run, including any re-fetched
/// @param requests      HTTP requests made in this run, including redirects and retries
/// @param elapsed       wall time of this run
public record DownloadResult(Path file, long length, String validator, String mirror,
                             Map<String, Long> bytesByMirror, long bytesReceived, int requests, Duration elapsed) {
    public DownloadResult {
        bytesByMirror = Map.copyOf(bytesByMirror);
    }

    DownloadResult withFile(Path f) {
        return new DownloadResult(f, length, validator, mirror, bytesByMirror, bytesReceived, requests, elapsed);
    }
}

package dev.gofetch.transfer;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/// Control over one running download.
public interface DownloadHandle {

    enum State { RUNNING, PAUSED, VERIFYING, DONE, FAILED, CANCELLED }

    /// One connection of the download.
    ///
    /// @param end            -1 while the file's length is unknown
    /// @param bytesPerSecond recent speed
    record Connection(long request, String mirror, long start, long position, long end, double bytesPerSecond) {}

    /// @param length    -1 while unknown
    /// @param completed the byte ranges already written to the data file
    record Progress(State state, long length, long completedBytes, List<ByteRange> completed,
                    List<Connection> connections, String mirror) {
        public Progress {
            completed = List.copyOf(completed);
            connections = List.copyOf(connections);
        }
    }

    /// Completes with the result once the final file is in place, or exceptionally with a
    /// {@link DownloadException} (or a {@link java.util.concurrent.CancellationException}).
    CompletableFuture<DownloadResult> result();

    /// Closes all connections (within a second) and keeps the progress for {@link #resume()}.
    void pause();

    /// Continues a paused download where each range stopped.
    void resume();

    /// Stops the download. The partial data and its journal stay for a later run unless discard.
    void cancel(boolean discard);

    Progress progress();
}

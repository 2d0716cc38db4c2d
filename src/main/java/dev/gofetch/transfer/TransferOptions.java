package dev.gofetch.transfer;

import java.time.Duration;

/// How downloads are planned, timed and retried. {@link #defaults()} holds values measured against the
/// lab mirror with a per-connection rate cap (see docs/benchmarks.md); every field can be overridden.
///
/// @param maxConnectionsPerFile ranges of one file fetched at once (also bounded by the shared
///                              {@link ConnectionBudget})
/// @param splitThreshold        files shorter than this are fetched in one request
/// @param minSplitSize          a range is split only if both parts would be at least this long
/// @param connectTimeout        TCP/TLS connection set-up
/// @param responseTimeout       from sending a request to its response headers
/// @param stallTimeout          a connection that delivers no byte for this long is dropped and its
///                              range re-queued
/// @param slowFactor            a connection slower than this fraction of the median of the file's
///                              other connections is dropped and its range re-queued (0 disables)
/// @param slowGrace             how long a connection streams before its speed is judged, and the
///                              least time dropping a slow connection must be expected to save
/// @param maxAttemptsPerMirror  failed requests in a row (without new bytes) before a mirror counts
///                              as failed for this file
/// @param backoffBase           first retry delay; doubled per failure, with jitter
/// @param backoffMax            retry delay cap (also caps a server's Retry-After)
/// @param maxEntityRestarts     restarts because the file changed on the server, after which the file
///                              is fetched as one stream without validators (the caller's hash decides)
/// @param journalInterval       how often in-flight progress is journaled (completed ranges are
///                              journaled as they complete)
/// @param tickInterval          watchdog period: stall checks, speed estimates, progress events
/// @param progressInterval      minimum time between two body-progress events of one request
public record TransferOptions(
        int maxConnectionsPerFile,
        long splitThreshold,
        long minSplitSize,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration stallTimeout,
        double slowFactor,
        Duration slowGrace,
        int maxAttemptsPerMirror,
        Duration backoffBase,
        Duration backoffMax,
        int maxEntityRestarts,
        Duration journalInterval,
        Duration tickInterval,
        Duration progressInterval) {

    public static final long MIB = 1024 * 1024;

    public TransferOptions {
        requireAtLeast("maxConnectionsPerFile", maxConnectionsPerFile, 1);
        requireAtLeast("splitThreshold", splitThreshold, 0);
        requireAtLeast("minSplitSize", minSplitSize, 1);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("stallTimeout", stallTimeout);
        if (!(slowFactor >= 0 && slowFactor < 1)) {
            throw new IllegalArgumentException("slowFactor must be in [0, 1), got " + slowFactor);
        }
        requirePositive("slowGrace", slowGrace);
        requireAtLeast("maxAttemptsPerMirror", maxAttemptsPerMirror, 1);
        requirePositive("backoffBase", backoffBase);
        requirePositive("backoffMax", backoffMax);
        requireAtLeast("maxEntityRestarts", maxEntityRestarts, 0);
        requirePositive("journalInterval", journalInterval);
        requirePositive("tickInterval", tickInterval);
        requirePositive("progressInterval", progressInterval);
    }

    public static TransferOptions defaults() {
        return new TransferOptions(4, 4 * MIB, 1 * MIB,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10),
                0.25, Duration.ofSeconds(3),
                6, Duration.ofMillis(250), Duration.ofSeconds(8), 2,
                Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    public TransferOptions withMaxConnectionsPerFile(int n) {
        return new TransferOptions(n, splitThreshold, minSplitSize, connectTimeout, responseTimeout, stallTimeout,
                slowFactor, slowGrace, maxAttemptsPerMirror, backoffBase, backoffMax, maxEntityRestarts,
                journalInterval, tickInterval, progressInterval);
    }

    public TransferOptions withSplitting(long threshold, long minSplit) {
        return new TransferOptions(maxConnectionsPerFile, threshold, minSplit, connectTimeout, responseTimeout,
                stallTimeout, slowFactor, slowGrace, maxAttemptsPerMirror, backoffBase, backoffMax,
                maxEntityRestarts, journalInterval, tickInterval, progressInterval);
    }

    public TransferOptions withTimeouts(Duration connect, Duration response, Duration stall) {
        return new TransferOptions(maxConnectionsPerFile, splitThreshold, minSplitSize, connect, response, stall,
                slowFactor, slowGrace, maxAttemptsPerMirror, backoffBase, backoffMax, maxEntityRestarts,
                journalInterval, tickInterval, progressInterval);
    }

    public TransferOptions withSlowConnections(double factor, Duration grace) {
        return new TransferOptions(maxConnectionsPerFile, splitThreshold, minSplitSize, connectTimeout,
                responseTimeout, stallTimeout, factor, grace, maxAttemptsPerMirror, backoffBase, backoffMax,
                maxEntityRestarts, journalInterval, tickInterval, progressInterval);
    }

    public TransferOptions withRetries(int attemptsPerMirror, Duration base, Duration max) {
        return new TransferOptions(maxConnectionsPerFile, splitThreshold, minSplitSize, connectTimeout,
                responseTimeout, stallTimeout, slowFactor, slowGrace, attemptsPerMirror, base, max,
                maxEntityRestarts, journalInterval, tickInterval, progressInterval);
    }

    public TransferOptions withMaxEntityRestarts(int n) {
        return new TransferOptions(maxConnectionsPerFile, splitThreshold, minSplitSize, connectTimeout,
                responseTimeout, stallTimeout, slowFactor, slowGrace, maxAttemptsPerMirror, backoffBase, backoffMax,
                n, journalInterval, tickInterval, progressInterval);
    }

    public TransferOptions withIntervals(Duration journal, Duration tick, Duration progress) {
        return new TransferOptions(maxConnectionsPerFile, splitThreshold, minSplitSize, connectTimeout,
                responseTimeout, stallTimeout, slowFactor, slowGrace, maxAttemptsPerMirror, backoffBase, backoffMax,
                maxEntityRestarts, journal, tick, progress);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}

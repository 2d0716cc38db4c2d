package dev.gofetch.transfer;

import java.time.Duration;

/// How downloads are planned, timed and retried; every field can be overridden.
///
/// {@link #defaults()} come from measurements against the lab mirror (`TransferBenchmark`, loopback,
/// 2 cores) with a cap of 8 MiB/s per connection and 30 ms to the first byte:
///
/// - Throughput grows linearly with connections while the server caps each one: a 200 MiB file took
///   26.6 s on 1 connection (7.5 MiB/s), 6.8 s on 4 (29.4 MiB/s), 3.5 s on 8 (56.8 MiB/s) and 1.8 s
///   on 16 (112.5 MiB/s); 32 MiB: 4.3 s, 1.12 s, 0.68 s, 0.40 s. Without a cap one connection already
///   ran at the machine's limit (about 180-270 MiB/s) and more connections only added re-sent bytes.
///   So the gain is the server's per-connection limit, and the default stays at a polite 4 per file
///   (8 or 16 double or quadruple it against a throttling mirror); the shared {@link ConnectionBudget}
///   bounds the total.
/// - Splitting pays once a file takes several round trips to transfer: with 4 connections a 1 MiB
///   file took 0.166 s whole and 0.13 s in two 512 KiB ranges; 2 MiB 0.296 s → 0.136 s; 4 MiB
///   0.565 s → 0.199 s; at 512 KiB splitting was no faster (0.10 s either way) and 128 KiB pieces were
///   slower. Hence split from 1 MiB, in ranges of at least 512 KiB (aria2's 20 MiB would never split
///   a module zip). A range is also left alone when its connection would finish it within two
///   first-byte latencies.
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
        return new TransferOptions(4, 1 * MIB, MIB / 2,
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

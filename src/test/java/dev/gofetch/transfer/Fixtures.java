package dev.gofetch.transfer;

import java.time.Duration;

/// Options that keep the tests fast: small split sizes, short timeouts and retry delays.
final class Fixtures {
    private Fixtures() {}

    static final int KIB = 1024;

    static TransferOptions fast() {
        return TransferOptions.defaults()
                .withMaxConnectionsPerFile(4)
                .withSplitting(64 * KIB, 32 * KIB)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(800))
                .withRetries(5, Duration.ofMillis(20), Duration.ofMillis(200))
                .withSlowConnections(0, Duration.ofSeconds(1))
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(50));
    }
}

package dev.gofetch.transfer;

import java.util.random.RandomGenerator;

/// Exponential backoff with "equal jitter": the n-th retry waits between half and all of
/// min(max, base * 2^(n-1)), so parallel clients spread out but never retry at once.
final class Backoff {
    private Backoff() {}

    static long delayNanos(int attempt, long baseNanos, long maxNanos, RandomGenerator random) {
        if (attempt < 1) {
            return 0;
        }
        long d = baseNanos;
        for (int i = 1; i < attempt && d < maxNanos; i++) {
            d = d > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : d * 2;
        }
        d = Math.min(d, maxNanos);
        long half = d / 2;
        return half + random.nextLong(d - half + 1);
    }
}

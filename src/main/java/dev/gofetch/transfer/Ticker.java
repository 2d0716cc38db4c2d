package dev.gofetch.transfer;

/// A source of monotonic nanoseconds, injected so tests can drive time.
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}

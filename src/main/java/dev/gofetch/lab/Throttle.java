package dev.gofetch.lab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/// Paces one connection's writes to a byte rate: each slice (about 1/20 s worth of bytes) is sent,
/// then the next one waits for the time the previous one "cost". Idle time earns no burst credit.
final class Throttle {
    private long nextFreeNanos = System.nanoTime();

    void write(OutputStream out, byte[] b, int off, int len, long bytesPerSecond) throws IOException {
        write(out, b, off, len, bytesPerSecond, null);
    }

    /// @param written counts the bytes as each slice is written, or null
    void write(OutputStream out, byte[] b, int off, int len, long bytesPerSecond,
            java.util.concurrent.atomic.AtomicLong written) throws IOException {
        if (bytesPerSecond <= 0) {
            out.write(b, off, len);
            if (written != null) {
                written.addAndGet(len);
            }
            return;
        }
        int slice = (int) Math.max(1, Math.min(64 * 1024, bytesPerSecond / 20));
        while (len > 0) {
            int n = Math.min(slice, len);
            long now = System.nanoTime();
            if (nextFreeNanos - now > 0) {
                sleepNanos(nextFreeNanos - now);
                now = System.nanoTime();
            }
            out.write(b, off, n);
            out.flush();
            if (written != null) {
                written.addAndGet(n);
            }
            long from = nextFreeNanos - now > 0 ? nextFreeNanos : now;
            nextFreeNanos = from + n * 1_000_000_000L / bytesPerSecond;
            off += n;
            len -= n;
        }
    }

    static void sleepNanos(long nanos) throws InterruptedIOException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}

package dev.gofetch.cli;

import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.module.ModuleVersion;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/// One status line on a terminal's stderr while modules download: modules done/total, bytes, rate.
/// Redrawn at most five times a second; cleared when finished.
final class ProgressLine implements DownloadListener {
    private final PrintStream err;
    private final int total;
    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<ModuleVersion, Long> bytes = new ConcurrentHashMap<>();
    private volatile long lastDraw;
    private int lastWidth;

    ProgressLine(PrintStream err, int total, LongSupplier nanoTime) {
        this.err = err;
        this.total = total;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public void zipProgress(ModuleVersion m, long n) {
        bytes.put(m, n);
        maybeDraw();
    }

    @Override
    public void moduleFinished(ModuleVersion m, DownloadResult result) {
        done.incrementAndGet();
        if (result.failed()) {
            failed.incrementAndGet();
        }
        maybeDraw();
    }

    private void maybeDraw() {
        long now = nanoTime.getAsLong();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        draw(now);
    }

    synchronized void draw(long now) {
        long sum = bytes.values().stream().mapToLong(Long::longValue).sum();
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        String line = String.format("gofetch: %d/%d modules%s, %s, %s/s", done.get(), total,
                failed.get() > 0 ? " (" + failed.get() + " failed)" : "", human(sum), human((long) (sum / seconds)));
        String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
        lastWidth = line.length();
        err.print("\r" + line + pad);
        err.flush();
    }

    synchronized void clear() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }

    static String human(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}

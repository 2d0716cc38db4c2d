package dev.gofetch.cli;

import dev.gofetch.bundle.Progress;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/// One status line on a terminal's stderr for a long step measured in bytes ("hashing 40.1 MiB of
/// 350.2 MiB (11%)"). Redrawn at most five times a second; cleared when finished.
final class PhaseLine implements Progress {
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private long lastDraw;
    private int lastWidth;

    PhaseLine(PrintStream err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void update(String phase, long done, long total) {
        long now = nanoTime.getAsLong();
        if (now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        String line = "gofetch: " + phase + " " + ProgressLine.human(done) + " of " + ProgressLine.human(total)
                + (total > 0 ? " (" + (done * 100 / total) + "%)" : "");
        String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
        lastWidth = line.length();
        err.print("\r" + line + pad);
        err.flush();
    }

    synchronized void clear() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}

package dev.gofetch.ui.downloads;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.ui.base.Coalescer;
import dev.gofetch.ui.base.UiBridge;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// Downloads as rows, fed by the download engine through {@link Feed} or {@link EngineFeed} (from any
/// thread; updates are coalesced per module), with per-range progress, speed and ETA per file, and
/// overall progress and throughput for the status bar.
public final class DownloadsViewModel {
    public enum Phase { QUEUED, DOWNLOADING, PAUSED, DONE, FAILED, CANCELLED }

    /// One byte range of a file on one connection: [start, end) asked for (end -1 while open), bytes
    /// of it written so far, from mirror.
    public record Chunk(long request, long start, long end, long bytes, String mirror, boolean done) {}

    /// One HTTP request of a file, for the waterfall: times in nanoseconds of the view model's clock.
    /// The JDK client does not report DNS, connect and TLS apart, so `firstByte - sent` is all of
    /// them plus the server's wait.
    ///
    /// @param rangeEnd  exclusive, -1 when open-ended
    /// @param firstByte when the response headers came, -1 not yet (or never)
    /// @param last      the latest body byte (or the end of a request that got none)
    /// @param outcome   "" while running; else the engine's: ok, cut, cancelled, stalled, failed, redirect
    public record Request(long request, String mirror, long rangeStart, long rangeEnd, String why, long sent,
            long firstByte, long last, long bytes, String outcome) {
        public boolean running() {
            return outcome.isEmpty();
        }
    }

    /// One module's download. total is -1 while unknown; speed in bytes/s; eta in seconds (-1 unknown);
    /// requests in the order they were sent.
    public record Row(ModuleVersion module, Phase phase, long bytes, long total, String mirror, String error,
            List<Chunk> chunks, int retries, double speed, long eta, List<Request> requests) {
        public Row {
            chunks = chunks == null ? List.of() : List.copyOf(chunks);
            requests = requests == null ? List.of() : List.copyOf(requests);
        }

        public Row(ModuleVersion module, Phase phase, long bytes, long total, String mirror, String error,
                List<Chunk> chunks, int retries, double speed, long eta) {
            this(module, phase, bytes, total, mirror, error, chunks, retries, speed, eta, List.of());
        }

        Row(ModuleVersion module, Phase phase, long bytes, long total, String mirror, String error) {
            this(module, phase, bytes, total, mirror, error, List.of(), 0, 0, -1);
        }

        public double fraction() {
            return phase == Phase.DONE ? 1 : total > 0 ? Math.min(1, (double) bytes / total) : -1;
        }

        Row with(Phase p, long b, long t, String m, String e, List<Chunk> c, int r, double s, long eta) {
            return new Row(module, p, b, t, m, e, c, r, s, eta, requests);
        }

        Row withRequests(List<Request> list) {
            return new Row(module, phase, bytes, total, mirror, error, chunks, retries, speed, eta, list);
        }
    }

    /// What the download engine reports. Calls may come from any thread and must be cheap.
    public interface Feed {
        void queued(ModuleVersion m, long size);

        /// bytes so far of total (-1 when unknown), from mirror
        void progress(ModuleVersion m, String mirror, long bytes, long total);

        void finished(ModuleVersion m);

        void failed(ModuleVersion m, String message);
    }

    private static final long WINDOW_NANOS = 2_000_000_000L;

    private final LongSupplier nanoClock;
    private final Coalescer<ModuleVersion, Row> updates;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> mirrors = FXCollections.observableArrayList();
    private final Map<ModuleVersion, Integer> index = new HashMap<>();
    private final Map<ModuleVersion, long[]> rowSamples = new HashMap<>();
    /// Rows as the engine reported them, before pausing is shown on them.
    private final Map<ModuleVersion, Row> reported = new HashMap<>();
    private final java.util.Set<ModuleVersion> pausedFiles = new java.util.HashSet<>();
    private boolean allPaused;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper throughput = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private volatile long generation;

    /// @param nanoClock System::nanoTime in the app; a fake in tests
    public DownloadsViewModel(UiBridge ui, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock);
        this.updates = ui.coalescer((older, newer) -> newer, batch -> apply(batch.values()));
    }

    public Feed feed() {
        return new Feed() {
            @Override
            public void queued(ModuleVersion m, long size) {
                updates.post(m, new Row(m, Phase.QUEUED, 0, size, "", ""));
            }

            @Override
            public void progress(ModuleVersion m, String mirror, long bytes, long total) {
                updates.post(m, new Row(m, Phase.DOWNLOADING, bytes, total, mirror, ""));
            }

            @Override
            public void finished(ModuleVersion m) {
                updates.post(m, new Row(m, Phase.DONE, -1, -1, "", ""));
            }

            @Override
            public void failed(ModuleVersion m, String message) {
                updates.post(m, new Row(m, Phase.FAILED, -1, -1, "", message));
            }
        };
    }

    /// Rows as the engine feed builds them (already merged per module), posted from engine threads.
    void post(Row row) {
        updates.post(row.module(), row);
    }

    /// Empties the table for a new run; updates still pending from an earlier run are dropped.
    public void clear() {
        generation++;
        updates.clear();
        rows.clear();
        index.clear();
        reported.clear();
        pausedFiles.clear();
        rowSamples.clear();
        samples.clear();
        mirrors.clear();
        updateTotals();
    }

    /// Marks every row that has not finished as cancelled (after the run was stopped).
    public void cancelled() {
        updates.drain();
        updates.clear();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.phase() == Phase.QUEUED || r.phase() == Phase.DOWNLOADING || r.phase() == Phase.PAUSED) {
                rows.set(i, r.with(Phase.CANCELLED, r.bytes(), r.total(), r.mirror(), "cancelled", r.chunks(),
                        r.retries(), 0, -1));
            }
        }
        updateTotals();
    }

    /// Shows every unfinished row as paused (or as reported again).
    public void allPaused(boolean paused) {
        updates.drain();
        allPaused = paused;
        reshow();
    }

    /// Shows one module's row as paused (or as reported again).
    public void paused(ModuleVersion m, boolean paused) {
        updates.drain();
        if (paused) {
            pausedFiles.add(m);
        } else {
            pausedFiles.remove(m);
        }
        reshow();
    }

    void clearPausedFiles() {
        pausedFiles.clear();
        reshow();
    }

    /// Marks one module's row cancelled; later engine reports for it are ignored.
    public void cancelled(ModuleVersion m) {
        updates.drain();
        Integer i = index.get(m);
        if (i != null) {
            Row r = rows.get(i);
            if (r.phase() != Phase.DONE && r.phase() != Phase.FAILED) {
                rows.set(i, r.with(Phase.CANCELLED, r.bytes(), r.total(), r.mirror(), "cancelled", r.chunks(),
                        r.retries(), 0, -1));
            }
        }
        updateTotals();
    }

    public boolean isPaused(ModuleVersion m) {
        return allPaused || pausedFiles.contains(m);
    }

    private void reshow() {
        for (int i = 0; i < rows.size(); i++) {
            Row shown = rows.get(i);
            Row r = reported.get(shown.module());
            if (r != null && shown.phase() != Phase.CANCELLED) {
                Row now = overlay(r);
                if (!now.equals(shown)) {
                    rows.set(i, now);
                }
            }
        }
        updateTotals();
    }

    /// A file that has not finished shows as paused while it or everything is paused.
    private Row overlay(Row r) {
        boolean unfinished = r.phase() == Phase.QUEUED || r.phase() == Phase.DOWNLOADING;
        if (unfinished && isPaused(r.module())) {
            return r.with(Phase.PAUSED, r.bytes(), r.total(), r.mirror(), r.error(), r.chunks(), r.retries(), 0, -1);
        }
        return r;
    }

    /// Delivers pending updates now (on the UI thread).
    public void flush() {
        updates.drain();
    }

    long nanos() {
        return nanoClock.getAsLong();
    }

    long generation() {
        return generation;
    }

    private void apply(Iterable<Row> batch) {
        long now = nanoClock.getAsLong();
        for (Row r : batch) {
            Integer i = index.get(r.module());
            Row old = i == null ? null : rows.get(i);
            Row merged = r;
            if (old != null && old.phase() == Phase.CANCELLED) {
                continue;
            }
            if (old != null && (r.phase() == Phase.DONE || r.phase() == Phase.FAILED)) {
                // Keep what is known about size and source; a finished download has all its bytes.
                long total = r.total() > 0 ? r.total() : old.total();
                long bytes = r.phase() == Phase.DONE && total > 0 ? total : Math.max(old.bytes(), r.bytes());
                List<Chunk> chunks = r.chunks().isEmpty() ? old.chunks() : r.chunks();
                merged = r.with(r.phase(), bytes, total, r.mirror().isEmpty() ? old.mirror() : r.mirror(), r.error(),
                        chunks, Math.max(r.retries(), old.retries()), 0, -1);
                if (r.requests().isEmpty()) {
                    merged = merged.withRequests(old.requests());
                }
            } else if (r.bytes() < 0) {
                merged = r.with(r.phase(), 0, r.total(), r.mirror(), r.error(), r.chunks(), r.retries(), 0, -1);
            }
            if (merged.phase() == Phase.DOWNLOADING) {
                merged = withSpeed(merged, now);
            }
            reported.put(r.module(), merged);
            merged = overlay(merged);
            for (Chunk c : merged.chunks()) {
                if (!c.mirror().isEmpty() && !mirrors.contains(c.mirror())) {
                    mirrors.add(c.mirror());
                }
            }
            if (!merged.mirror().isEmpty() && !mirrors.contains(merged.mirror()) && merged.phase() != Phase.DONE) {
                mirrors.add(merged.mirror());
            }
            if (i == null) {
                index.put(r.module(), rows.size());
                rows.add(merged);
            } else {
                rows.set(i, merged);
            }
        }
        updateTotals();
    }

    /// Speed from the bytes since the row's previous sample (smoothed), ETA from the bytes left.
    private Row withSpeed(Row r, long now) {
        long[] s = rowSamples.get(r.module());
        double speed = 0;
        if (s == null) {
            rowSamples.put(r.module(), new long[] {now, r.bytes(), 0});
        } else {
            double seconds = (now - s[0]) / 1e9;
            double previous = Double.longBitsToDouble(s[2]);
            if (seconds >= 0.25) {
                double instant = Math.max(0, (r.bytes() - s[1]) / seconds);
                speed = previous == 0 ? instant : 0.5 * previous + 0.5 * instant;
                s[0] = now;
                s[1] = r.bytes();
                s[2] = Double.doubleToRawLongBits(speed);
            } else {
                speed = previous;
            }
        }
        long eta = speed > 0 && r.total() > 0 ? (long) Math.ceil((r.total() - r.bytes()) / speed) : -1;
        return r.with(r.phase(), r.bytes(), r.total(), r.mirror(), r.error(), r.chunks(), r.retries(), speed, eta);
    }

    private void updateTotals() {
        long bytes = 0;
        long total = 0;
        boolean unknown = false;
        int done = 0;
        int failed = 0;
        int running = 0;
        for (Row r : rows) {
            bytes += r.bytes();
            if (r.total() > 0) {
                total += r.total();
            } else if (r.phase() != Phase.DONE) {
                unknown = true;
            }
            switch (r.phase()) {
                case DONE -> done++;
                case FAILED, CANCELLED -> failed++;
                default -> running++;
            }
        }
        long now = nanoClock.getAsLong();
        samples.addLast(new long[] {now, bytes});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double seconds = (now - first[0]) / 1e9;
        throughput.set(running == 0 ? 0 : seconds > 0 ? Math.max(0, (bytes - first[1]) / seconds) : 0);
        progress.set(rows.isEmpty() ? 0 : running > 0 && (unknown || total == 0) ? -1
                : total == 0 ? 1 : Math.min(1, (double) bytes / total));
        active.set(running > 0);
        summary.set(rows.isEmpty() ? "" : done + " of " + rows.size() + " done"
                + (failed > 0 ? " · " + failed + " failed" : "") + " · " + formatBytes(bytes)
                + (throughput.get() > 0 ? " · " + formatBytes((long) throughput.get()) + "/s" : ""));
    }

    /// 1234567 → "1.2 MB" (decimal units, as download tools show them).
    public static String formatBytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /// 75 → "1:15"; -1 → "".
    public static String formatEta(long seconds) {
        if (seconds < 0) {
            return "";
        }
        if (seconds >= 3600) {
            return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    public ObservableList<Row> rows() {
        return rowsView;
    }

    /// Every mirror that served a byte range, in order of first appearance (the view colours by it).
    public ObservableList<String> mirrors() {
        return mirrors;
    }

    /// Bytes so far over all known sizes: 0..1, or -1 while a size is unknown.
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /// Bytes per second over the last two seconds; 0 when nothing runs.
    public ReadOnlyDoubleProperty throughputProperty() {
        return throughput.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}

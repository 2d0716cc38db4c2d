package dev.gofetch.ui.downloads;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.ui.base.Coalescer;
import dev.gofetch.ui.base.UiBridge;
import java.util.ArrayDeque;
import java.util.HashMap;
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

/// Downloads as rows, fed by the download engine through {@link Feed} (from any thread; updates are
/// coalesced per module), with overall progress and throughput for the status bar.
public final class DownloadsViewModel {
    public enum Phase { QUEUED, DOWNLOADING, DONE, FAILED }

    /// One module's download. total is -1 while unknown.
    public record Row(ModuleVersion module, Phase phase, long bytes, long total, String mirror, String error) {
        public double fraction() {
            return phase == Phase.DONE ? 1 : total > 0 ? Math.min(1, (double) bytes / total) : -1;
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
    private final Map<ModuleVersion, Integer> index = new HashMap<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper throughput = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

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

    private void apply(Iterable<Row> batch) {
        for (Row r : batch) {
            Integer i = index.get(r.module());
            Row old = i == null ? null : rows.get(i);
            Row merged = r;
            if (old != null && (r.phase() == Phase.DONE || r.phase() == Phase.FAILED)) {
                // Keep what is known about size and source; a finished download has all its bytes.
                long total = old.total();
                long bytes = r.phase() == Phase.DONE && total > 0 ? total : old.bytes();
                merged = new Row(r.module(), r.phase(), bytes, total, old.mirror(), r.error());
            } else if (r.bytes() < 0) {
                merged = new Row(r.module(), r.phase(), 0, r.total(), r.mirror(), r.error());
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
            } else {
                unknown = true;
            }
            switch (r.phase()) {
                case DONE -> done++;
                case FAILED -> failed++;
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
        throughput.set(running == 0 ? 0 : seconds > 0 ? (bytes - first[1]) / seconds : 0);
        progress.set(rows.isEmpty() ? 0 : unknown || total == 0 ? -1 : (double) bytes / total);
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

    public ObservableList<Row> rows() {
        return rowsView;
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

package dev.gofetch.ui.base;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/// Pending updates keyed by item, drained on the UI thread in one batch. The first post after a drain
/// schedules the next drain, so a burst of thousands of posts costs one hand-over and each item
/// appears at most once per batch. Safe to post from any thread.
public final class Coalescer<K, V> {
    private final Executor uiThread;
    private final BinaryOperator<V> merge;
    private final Consumer<Map<K, V>> deliver;
    private final ConcurrentHashMap<K, V> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Coalescer(Executor uiThread, BinaryOperator<V> merge, Consumer<Map<K, V>> deliver) {
        this.uiThread = uiThread;
        this.merge = Objects.requireNonNull(merge);
        this.deliver = Objects.requireNonNull(deliver);
    }

    public void post(K key, V value) {
        pending.merge(Objects.requireNonNull(key), Objects.requireNonNull(value), merge);
        if (scheduled.compareAndSet(false, true)) {
            uiThread.execute(this::drain);
        }
    }

    /// Delivers whatever is pending now. Call on the UI thread, for example before handling an event
    /// that must come after every update already posted.
    public void drain() {
        // Cleared first: a post racing with this drain schedules another one rather than being lost.
        scheduled.set(false);
        Map<K, V> batch = new LinkedHashMap<>();
        for (K key : pending.keySet()) {
            V v = pending.remove(key);
            if (v != null) {
                batch.put(key, v);
            }
        }
        if (!batch.isEmpty()) {
            deliver.accept(batch);
        }
    }

    /// Drops pending updates (for example those of a run that was cancelled).
    public void clear() {
        pending.clear();
    }
}

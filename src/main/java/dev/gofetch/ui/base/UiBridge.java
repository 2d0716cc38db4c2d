package dev.gofetch.ui.base;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import javafx.application.Platform;

/// The one way background work reaches the FX thread. Everything a view model changes in response to
/// engine events goes through here, so tests swap in {@link #direct()} and stay deterministic
/// (JabRef's `CurrentThreadTaskExecutor` idea).
///
/// Streams of events (one per go.mod, per chunk, ...) go through a {@link Coalescer}, which delivers
/// at most one update per item per hand-over to the FX thread however fast they arrive.
public final class UiBridge {
    private final Executor uiThread;

    public UiBridge(Executor uiThread) {
        this.uiThread = Objects.requireNonNull(uiThread);
    }

    /// Hands work to the JavaFX application thread.
    public static UiBridge fx() {
        return new UiBridge(Platform::runLater);
    }

    /// Runs UI work at once on the calling thread, one task at a time: for view-model tests. Engine
    /// callbacks arrive on several worker threads, so the tasks are serialised by a lock, which also
    /// gives the visibility the FX thread would.
    public static UiBridge direct() {
        Object lock = new Object();
        return new UiBridge(task -> {
            synchronized (lock) {
                task.run();
            }
        });
    }

    /// Runs task on the UI thread (later, in submission order).
    public void run(Runnable task) {
        uiThread.execute(Objects.requireNonNull(task));
    }

    /// A coalescing channel: values posted for the same key before the UI thread gets to them are
    /// merged with merge(older, newer), and deliver receives each batch on the UI thread.
    public <K, V> Coalescer<K, V> coalescer(BinaryOperator<V> merge, Consumer<Map<K, V>> deliver) {
        return new Coalescer<>(uiThread, merge, deliver);
    }
}

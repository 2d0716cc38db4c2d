package dev.gofetch.ui.base;

import java.util.ArrayDeque;
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

    /// For view-model tests: UI work runs on the thread that created the bridge (the test's thread),
    /// as the FX thread would run it, one task at a time and in order. Posted from that thread, tasks
    /// run at once; posted from other threads (the resolver's workers report while the test thread
    /// waits for the resolution), they wait in a queue and run the next time the test thread posts
    /// (the result, when the resolution returns). A task posted while tasks run goes after them.
    public static UiBridge direct() {
        Thread owner = Thread.currentThread();
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        boolean[] draining = {false};
        return new UiBridge(task -> {
            synchronized (queue) {
                queue.add(task);
            }
            if (Thread.currentThread() != owner || draining[0]) {
                return;
            }
            draining[0] = true;
            try {
                while (true) {
                    Runnable next;
                    synchronized (queue) {
                        next = queue.poll();
                    }
                    if (next == null) {
                        break;
                    }
                    next.run();
                }
            } finally {
                draining[0] = false;
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

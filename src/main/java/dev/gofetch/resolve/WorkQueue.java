package dev.gofetch.resolve;

import java.util.concurrent.Executor;

/// Runs tasks on an executor and lets a caller wait until every task — including tasks that running
/// tasks added — has finished (`par.Queue` with `Idle`).
final class WorkQueue {
    private final Executor executor;
    private int pending;

    WorkQueue(Executor executor) {
        this.executor = executor;
    }

    void add(Runnable task) {
        synchronized (this) {
            pending++;
        }
        executor.execute(() -> {
            try {
                task.run();
            } finally {
                synchronized (this) {
                    if (--pending == 0) {
                        notifyAll();
                    }
                }
            }
        });
    }

    synchronized void awaitIdle() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }
}

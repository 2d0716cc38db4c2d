package dev.gofetch.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/// Connections in flight, shared by every download of one or more {@link Downloader}s: at most
/// `maxTotal` overall and `maxPerMirror` to any one mirror. Downloads that find the budget spent wait
/// in arrival order and are woken when a connection is given back.
public final class ConnectionBudget {
    /// Per-mirror default: enough for several modules in flight plus a split large zip, while staying
    /// polite to a shared proxy (aria2 allows at most 16 per server).
    public static final int DEFAULT_MAX_PER_MIRROR = 16;
    public static final int DEFAULT_MAX_TOTAL = 32;

    private final int maxTotal;
    private final int maxPerMirror;
    private final Executor wakeExecutor;
    private final Map<String, Integer> perMirror = new HashMap<>();
    private final LinkedHashMap<Object, Waiter> waiters = new LinkedHashMap<>();
    private int inUse;

    private record Waiter(String mirror, Runnable wake) {}

    /// A held connection slot; {@link #release()} gives it back (once; later calls do nothing).
    public final class Permit {
        private final String mirror;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String mirror) {
            this.mirror = mirror;
        }

        public String mirror() {
            return mirror;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack(mirror);
            }
        }
    }

    public ConnectionBudget(int maxTotal, int maxPerMirror) {
        this(maxTotal, maxPerMirror, java.util.concurrent.ForkJoinPool.commonPool());
    }

    /// @param wakeExecutor where waiting downloads are woken; must not run tasks on the calling thread,
    ///                     since slots are given back while a download holds its own lock
    public ConnectionBudget(int maxTotal, int maxPerMirror, Executor wakeExecutor) {
        if (maxTotal < 1 || maxPerMirror < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1, got total=" + maxTotal
                    + " perMirror=" + maxPerMirror);
        }
        this.maxTotal = maxTotal;
        this.maxPerMirror = maxPerMirror;
        this.wakeExecutor = wakeExecutor;
    }

    public static ConnectionBudget defaults() {
        return new ConnectionBudget(DEFAULT_MAX_TOTAL, DEFAULT_MAX_PER_MIRROR);
    }

    public int maxTotal() {
        return maxTotal;
    }

    public int maxPerMirror() {
        return maxPerMirror;
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int inUse(String mirror) {
        return perMirror.getOrDefault(mirror, 0);
    }

    /// A permit if one is free now, else null.
    public synchronized Permit tryAcquire(String mirror) {
        if (!hasRoom(mirror, inUse, perMirror.getOrDefault(mirror, 0))) {
            return null;
        }
        inUse++;
        perMirror.merge(mirror, 1, Integer::sum);
        return new Permit(mirror);
    }

    /// Asks to be woken (once) when a slot for mirror may be free; replaces an earlier request of owner.
    public void awaitSlot(Object owner, String mirror, Runnable wake) {
        boolean roomNow;
        synchronized (this) {
            waiters.remove(owner);
            waiters.put(owner, new Waiter(mirror, wake));
            roomNow = hasRoom(mirror, inUse, perMirror.getOrDefault(mirror, 0));
        }
        if (roomNow) {
            wakeExecutor.execute(this::wakeWaiters);
        }
    }

    public synchronized void cancelWait(Object owner) {
        waiters.remove(owner);
    }

    private boolean hasRoom(String mirror, int total, int mirrorCount) {
        return total < maxTotal && mirrorCount < maxPerMirror;
    }

    private void giveBack(String mirror) {
        boolean anyWaiting;
        synchronized (this) {
            inUse--;
            perMirror.computeIfPresent(mirror, (k, v) -> v <= 1 ? null : v - 1);
            anyWaiting = !waiters.isEmpty();
        }
        if (anyWaiting) {
            wakeExecutor.execute(this::wakeWaiters);
        }
    }

    /// Wakes, in arrival order, as many waiters as there are free slots for their mirrors. A woken
    /// waiter that still wants a slot and finds none registers again.
    private void wakeWaiters() {
        while (true) {
            List<Runnable> toWake = new ArrayList<>();
            synchronized (this) {
                int total = inUse;
                Map<String, Integer> counts = new HashMap<>(perMirror);
                for (Iterator<Waiter> it = waiters.values().iterator(); it.hasNext(); ) {
                    Waiter w = it.next();
                    int c = counts.getOrDefault(w.mirror(), 0);
                    if (hasRoom(w.mirror(), total, c)) {
                        it.remove();
                        toWake.add(w.wake());
                        total++;
                        counts.put(w.mirror(), c + 1);
                    }
                }
            }
            if (toWake.isEmpty()) {
                return;
            }
            for (Runnable r : toWake) {
                r.run();
            }
        }
    }
}

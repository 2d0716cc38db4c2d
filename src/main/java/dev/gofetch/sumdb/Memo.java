package dev.gofetch.sumdb;

import java.util.concurrent.ConcurrentHashMap;

/// Runs a computation once per key and keeps its outcome, value or failure, for every later caller
/// (x/mod's `parCache`): concurrent callers of one key wait for the first.
final class Memo<K, V> {
    @FunctionalInterface
    interface Computation<V> {
        V compute() throws Exception;
    }

    private static final class Entry<V> {
        private boolean done;
        private V value;
        private Exception error;
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    V get(K key, Computation<V> f) throws Exception {
        Entry<V> e = entries.computeIfAbsent(key, k -> new Entry<>());
        synchronized (e) {
            if (!e.done) {
                try {
                    e.value = f.compute();
                } catch (Exception x) {
                    e.error = x;
                }
                e.done = true;
            }
            if (e.error != null) {
                throw e.error;
            }
            return e.value;
        }
    }
}

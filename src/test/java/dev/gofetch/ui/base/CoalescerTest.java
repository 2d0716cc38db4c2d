package dev.gofetch.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    /// A UI thread that runs its queue only when told to (one "pulse").
    static final class ManualUiThread {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        synchronized void execute(Runnable r) {
            queue.add(r);
        }

        void pulse() {
            List<Runnable> now;
            synchronized (this) {
                now = new ArrayList<>(queue);
                queue.clear();
            }
            now.forEach(Runnable::run);
        }

        synchronized int pending() {
            return queue.size();
        }
    }

    @Test
    void aBurstOfPostsCostsOneHandOverAndOneUpdatePerItem() {
        ManualUiThread fx = new ManualUiThread();
        List<Map<String, Integer>> batches = new ArrayList<>();
        Coalescer<String, Integer> c = new UiBridge(fx::execute).coalescer(Integer::sum, b -> batches.add(new LinkedHashMap<>(b)));
        for (int i = 0; i < 1000; i++) {
            c.post(i % 2 == 0 ? "a" : "b", 1);
        }
        assertThat(fx.pending()).isEqualTo(1);
        fx.pulse();
        assertThat(batches).containsExactly(Map.of("a", 500, "b", 500));
    }

    @Test
    void postsAfterADrainScheduleTheNextOne() {
        ManualUiThread fx = new ManualUiThread();
        List<Map<String, String>> batches = new ArrayList<>();
        Coalescer<String, String> c = new UiBridge(fx::execute).coalescer((older, newer) -> newer, b -> batches.add(Map.copyOf(b)));
        c.post("x", "1");
        fx.pulse();
        c.post("x", "2");
        c.post("x", "3");
        fx.pulse();
        fx.pulse();
        assertThat(batches).containsExactly(Map.of("x", "1"), Map.of("x", "3"));
    }

    @Test
    void anExplicitDrainDeliversPendingUpdatesAndTheScheduledOneFindsNothing() {
        ManualUiThread fx = new ManualUiThread();
        List<Map<String, String>> batches = new ArrayList<>();
        Coalescer<String, String> c = new UiBridge(fx::execute).coalescer((older, newer) -> newer, b -> batches.add(Map.copyOf(b)));
        c.post("x", "1");
        c.drain();
        fx.pulse();
        assertThat(batches).containsExactly(Map.of("x", "1"));
    }

    @Test
    void noUpdateIsLostWhenManyThreadsPostWhileTheUiThreadDrains() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        Map<Integer, Integer> totals = new java.util.concurrent.ConcurrentHashMap<>();
        Coalescer<Integer, Integer> c = new UiBridge(ui).coalescer(Integer::sum,
                b -> b.forEach((k, v) -> totals.merge(k, v, Integer::sum)));
        CountDownLatch done = new CountDownLatch(4);
        for (int w = 0; w < 4; w++) {
            workers.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.post(i % 10, 1);
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        ui.submit(c::drain).get();
        ui.shutdown();
        workers.shutdown();
        assertThat(totals).hasSize(10).allSatisfy((k, v) -> assertThat(v).isEqualTo(4_000));
    }

    @Test
    void theDirectBridgeRunsTasksAtOnceOnTheCallingThread() {
        List<String> seen = new ArrayList<>();
        UiBridge.direct().run(() -> seen.add(Thread.currentThread().getName()));
        assertThat(seen).containsExactly(Thread.currentThread().getName());
    }
}

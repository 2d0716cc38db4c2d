package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// With the clock and the watchdog ticks injected, the default 10 s stall timeout is tested without
/// waiting 10 s.
class InjectedTimeTest {

    /// Real time plus an offset the test can jump forward.
    static final class JumpingTicker implements Ticker {
        final AtomicLong offset = new AtomicLong();

        @Override
        public long nanos() {
            return System.nanoTime() + offset.get();
        }

        void jump(long seconds) {
            offset.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
        }
    }

    /// Runs one-shot timers normally but hands the periodic watchdog tick to the test.
    static final class ManualTicks extends ScheduledThreadPoolExecutor {
        volatile Runnable tick;

        ManualTicks() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            tick = command;
            return schedule(() -> {}, 1, TimeUnit.DAYS);
        }
    }

    @Test
    void stallTimeoutIsMeasuredOnTheInjectedClock(@TempDir Path dir) throws Exception {
        byte[] content = TestServer.randomBytes(200 * 1024, 5);
        List<Object> events = new CopyOnWriteArrayList<>();
        JumpingTicker ticker = new JumpingTicker();
        ManualTicks ticks = new ManualTicks();
        AtomicInteger n = new AtomicInteger();
        try (TestServer server = new TestServer()) {
            server.file("/m.zip", content);
            server.fault = (req, plan) -> {
                if (n.incrementAndGet() == 1) {
                    plan.stallAfter = 10_000;
                }
            };
            try (Downloader d = Downloader.builder().ticker(ticker).scheduler(ticks)
                    .listener(new FaultsTest.Recorder(events)).build()) {
                DownloadHandle h = d.start(DownloadRequest.of(dir.resolve("m.zip"),
                        new Candidate(server.url("/m.zip"), false)));
                PauseResumeTest.await(() -> h.progress().completedBytes() >= 10_000, 5000);

                ticks.tick.run();
                assertThat(events).noneMatch(e -> e instanceof TransferListener.StallStarted);
                ticker.jump(9);
                ticks.tick.run();
                assertThat(events).noneMatch(e -> e instanceof TransferListener.StallStarted);
                ticker.jump(2);
                ticks.tick.run();

                h.result().get(10, TimeUnit.SECONDS);
            }
        } finally {
            ticks.shutdownNow();
        }
        assertThat(Files.readAllBytes(dir.resolve("m.zip"))).isEqualTo(content);
        assertThat(events).filteredOn(e -> e instanceof TransferListener.StallStarted).singleElement()
                .extracting("kind").isEqualTo("no-data");
    }
}

package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class BackoffAndBudgetTest {
    static final long MS = 1_000_000;

    @Test
    void backoffDoublesWithinEqualJitterAndIsCapped() {
        Random r = new Random(4);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long full = Math.min(100 * MS << (attempt - 1), 3000 * MS);
            for (int i = 0; i < 200; i++) {
                long d = Backoff.delayNanos(attempt, 100 * MS, 3000 * MS, r);
                assertThat(d).isBetween(full / 2, full);
            }
        }
        assertThat(Backoff.delayNanos(0, 100 * MS, 3000 * MS, r)).isZero();
        assertThat(Backoff.delayNanos(80, 100 * MS, 3000 * MS, r)).isLessThanOrEqualTo(3000 * MS);
    }

    @Test
    void budgetEnforcesPerMirrorAndTotalLimits() {
        ConnectionBudget b = new ConnectionBudget(3, 2, Runnable::run);
        ConnectionBudget.Permit a1 = b.tryAcquire("a");
        ConnectionBudget.Permit a2 = b.tryAcquire("a");
        assertThat(b.tryAcquire("a")).isNull();
        ConnectionBudget.Permit b1 = b.tryAcquire("b");
        assertThat(b.tryAcquire("b")).isNull();
        assertThat(b.inUse()).isEqualTo(3);

        a1.release();
        a1.release();
        assertThat(b.inUse()).isEqualTo(2);
        assertThat(b.inUse("a")).isEqualTo(1);
        assertThat(b.tryAcquire("b")).isNotNull();
        assertThat(a2).isNotNull();
        assertThat(b1).isNotNull();
    }

    @Test
    void waitersAreWokenInArrivalOrderWhenTheirMirrorHasRoom() {
        List<Runnable> queued = new ArrayList<>();
        Executor later = queued::add;
        ConnectionBudget b = new ConnectionBudget(2, 1, later);
        ConnectionBudget.Permit a = b.tryAcquire("a");
        ConnectionBudget.Permit other = b.tryAcquire("b");
        List<String> woken = new ArrayList<>();
        // a woken waiter takes its slot, as a download does
        b.awaitSlot("first", "a", () -> woken.add("first " + (b.tryAcquire("a") != null)));
        b.awaitSlot("second", "a", () -> woken.add("second " + (b.tryAcquire("a") != null)));
        b.awaitSlot("onB", "b", () -> woken.add("onB " + (b.tryAcquire("b") != null)));

        a.release();
        queued.forEach(Runnable::run);

        // one slot on "a": only the earliest waiter for "a" is woken; "b" is still full
        assertThat(woken).containsExactly("first true");
        assertThat(other).isNotNull();
    }
}

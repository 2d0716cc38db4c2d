package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalSetTest {

    @Test
    void mergesOverlappingAndAdjacentIntervals() {
        IntervalSet s = new IntervalSet();
        s.add(10, 20);
        s.add(30, 40);
        s.add(20, 25);
        s.add(38, 50);
        s.add(0, 5);

        assertThat(s.ranges()).containsExactly(new ByteRange(0, 5), new ByteRange(10, 25), new ByteRange(30, 50));
        assertThat(s.covered()).isEqualTo(5 + 15 + 20);

        s.add(4, 31);
        assertThat(s.ranges()).containsExactly(new ByteRange(0, 50));
        assertThat(s.covered()).isEqualTo(50);
    }

    @Test
    void gapsAreTheComplementWithinBounds() {
        IntervalSet s = IntervalSet.of(List.of(new ByteRange(10, 20), new ByteRange(30, 40)));

        assertThat(s.gaps(0, 50)).containsExactly(new ByteRange(0, 10), new ByteRange(20, 30), new ByteRange(40, 50));
        assertThat(s.gaps(15, 35)).containsExactly(new ByteRange(20, 30));
        assertThat(s.gaps(10, 20)).isEmpty();
        assertThat(s.covers(12, 18)).isTrue();
        assertThat(s.covers(18, 31)).isFalse();
        assertThat(s.coveredUpTo(12)).isEqualTo(20);
        assertThat(s.coveredUpTo(25)).isEqualTo(25);
    }

    @Test
    void agreesWithABitmapOnRandomAdditions() {
        Random r = new Random(1);
        for (int round = 0; round < 200; round++) {
            boolean[] bits = new boolean[300];
            IntervalSet s = new IntervalSet();
            for (int i = 0; i < 20; i++) {
                int a = r.nextInt(300);
                int b = a + r.nextInt(40);
                b = Math.min(b, 300);
                s.add(a, b);
                for (int k = a; k < b; k++) {
                    bits[k] = true;
                }
            }
            long count = 0;
            for (boolean bit : bits) {
                count += bit ? 1 : 0;
            }
            assertThat(s.covered()).isEqualTo(count);
            for (ByteRange g : s.gaps(0, 300)) {
                for (long k = g.start(); k < g.end(); k++) {
                    assertThat(bits[(int) k]).isFalse();
                }
            }
            long prevEnd = -1;
            for (ByteRange x : s.ranges()) {
                assertThat(x.start()).isGreaterThan(prevEnd);
                for (long k = x.start(); k < x.end(); k++) {
                    assertThat(bits[(int) k]).isTrue();
                }
                prevEnd = x.end();
            }
        }
    }
}

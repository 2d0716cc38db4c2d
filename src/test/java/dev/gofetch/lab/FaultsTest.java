package dev.gofetch.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    @Test
    void parsesEveryItemOfTheCompactSpec() {
        Faults f = Faults.parse("latency=40ms,rate=256k,reset-after=100k,5xx=0.1,truncate=0.05,no-range,etag-change,"
                + "wrong-bytes=0.01,dead,status:/prefix=403,redirect-loop:/loop,html:/portal,badjson:/json,seed=9");

        assertThat(f.latency()).isEqualTo(Duration.ofMillis(40));
        assertThat(f.bytesPerSecond()).isEqualTo(256 * 1024);
        assertThat(f.resetAfterBytes()).isEqualTo(100 * 1024);
        assertThat(f.serverErrorRate()).isEqualTo(0.1);
        assertThat(f.serverErrorFirst()).isZero();
        assertThat(f.truncateRate()).isEqualTo(0.05);
        assertThat(f.ignoreRange()).isTrue();
        assertThat(f.changingEtag()).isTrue();
        assertThat(f.wrongBytesRate()).isEqualTo(0.01);
        assertThat(f.dead()).isTrue();
        assertThat(f.refuse()).isFalse();
        assertThat(f.statusByPrefix()).isEqualTo(Map.of("/prefix", 403));
        assertThat(f.redirectLoopPrefixes()).isEqualTo(List.of("/loop"));
        assertThat(f.htmlPrefixes()).isEqualTo(List.of("/portal"));
        assertThat(f.badJsonPrefixes()).isEqualTo(List.of("/json"));
        assertThat(f.seed()).isEqualTo(9);
    }

    @Test
    void anIntegerFiveHundredCountIsAFirstNBurst() {
        Faults f = Faults.parse("5xx=3, latency=2s, rate=1m, refuse");

        assertThat(f.serverErrorFirst()).isEqualTo(3);
        assertThat(f.serverErrorRate()).isZero();
        assertThat(f.latency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(f.bytesPerSecond()).isEqualTo(1 << 20);
        assertThat(f.refuse()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "none",
        "latency=40ms,rate=262144,reset-after=102400,5xx=0.1,truncate=0.05,no-range,etag-change,wrong-bytes=0.01,dead",
        "5xx=3,refuse,status:/a=403,status:/b=500,redirect-loop:/loop,html:/portal,badjson:/,seed=42",
    })
    void toStringIsASpecThatParsesBackToTheSameValue(String spec) {
        Faults f = Faults.parse(spec);

        assertThat(f.toString()).isEqualTo(spec);
        assertThat(Faults.parse(f.toString())).isEqualTo(f);
    }

    @Test
    void emptySpecMeansNoFaults() {
        assertThat(Faults.parse("")).isEqualTo(Faults.NONE);
        assertThat(Faults.parse(" none ")).isEqualTo(Faults.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "latency=40", "rate=fast", "5xx=1.5", "truncate", "dead=1", "status:/x", "status:x=403",
        "status:/x=42", "html:nope", "reset-after=-1k"})
    void badItemsAreRejectedNamingTheItem(String spec) {
        assertThatThrownBy(() -> Faults.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + spec + "\"");
    }
}

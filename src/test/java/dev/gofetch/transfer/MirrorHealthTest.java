package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorHealthTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    static Candidate c(String host, boolean pipe) {
        return new Candidate(URI.create("https://" + host + "/m/@v/v1.0.0.zip"), pipe);
    }

    @Test
    void keepsLatencyThroughputAndErrorsPerMirror() {
        MirrorHealth h = new MirrorHealth(clock);
        h.recordResponse("https://a:443", 20_000_000);
        h.recordBody("https://a:443", 4 * 1024 * 1024, 1_000_000_000);
        h.recordFailure("https://a:443", "reading https://a/x: 503 Service Unavailable");

        MirrorHealth.Stats s = h.stats("https://a:443").orElseThrow();
        assertThat(s.requests()).isEqualTo(1);
        assertThat(s.latencyMillis()).isEqualTo(20.0);
        assertThat(s.bytesPerSecond()).isEqualTo(4 * 1024 * 1024);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.consecutiveFailures()).isEqualTo(1);
        assertThat(s.lastError()).contains("503");
        assertThat(s.lastErrorAtMillis()).isEqualTo(clock.millis());
        assertThat(s.bytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void persistsToJsonAndBack(@TempDir Path dir) throws Exception {
        MirrorHealth h = new MirrorHealth(clock);
        h.recordResponse("https://a:443", 10_000_000);
        h.recordFailure("https://b:443", "dial tcp b:443: connect: connection refused");
        Path file = dir.resolve("mirrors.json");

        h.save(file);
        MirrorHealth back = MirrorHealth.load(file, clock);

        assertThat(back.snapshot()).isEqualTo(h.snapshot());
        assertThat(MirrorHealth.load(dir.resolve("missing.json")).snapshot()).isEmpty();
    }

    @Test
    void ordersPipeAlternativesByHealthWithoutMovingCommaBoundaries() {
        MirrorHealth h = new MirrorHealth(clock);
        h.recordFailure(c("a", true).mirror(), "503");
        h.recordBody(c("b", true).mirror(), 1 << 20, 1_000_000_000);
        h.recordBody(c("c", false).mirror(), 8 << 20, 1_000_000_000);
        // GOPROXY=a|b|c,d|e
        List<Candidate> list = List.of(c("a", true), c("b", true), c("c", false), c("d", true), c("e", false));

        List<Candidate> ordered = h.order(list);

        assertThat(ordered).extracting(x -> x.url().getHost()).containsExactly("c", "b", "a", "d", "e");
        // inside the group every entry but the last is followed by '|'; the group still ends with ','
        assertThat(ordered).extracting(Candidate::fallBackOnAnyError).containsExactly(true, true, false, true, false);
    }
}

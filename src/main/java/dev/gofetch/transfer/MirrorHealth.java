package dev.gofetch.transfer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/// What each mirror did this session (optionally carried over from earlier ones): latency to the first
/// byte, throughput per connection, errors and the last one. Thread-safe; shared by downloads.
public final class MirrorHealth {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /// Weight of a new sample in the moving averages.
    private static final double ALPHA = 0.3;
    /// Bodies shorter than this say more about latency than throughput.
    private static final long MIN_THROUGHPUT_SAMPLE = 64 * 1024;

    /// @param latencyMillis  moving average of request → response headers
    /// @param bytesPerSecond moving average of one connection's body throughput (0 when unmeasured)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(String mirror, long requests, long failures, int consecutiveFailures, long bytes,
                        double latencyMillis, double bytesPerSecond, String lastError, long lastErrorAtMillis,
                        long lastSuccessAtMillis) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileFormat(int version, List<Stats> mirrors) {}

    private final Clock clock;
    private final Map<String, Stats> byMirror = new ConcurrentHashMap<>();

    public MirrorHealth() {
        this(Clock.systemUTC());
    }

    public MirrorHealth(Clock clock) {
        this.clock = clock;
    }

    private Stats empty(String mirror) {
        return new Stats(mirror, 0, 0, 0, 0, 0, 0, "", 0, 0);
    }

    void recordResponse(String mirror, long latencyNanos) {
        long now = clock.millis();
        byMirror.compute(mirror, (k, s) -> {
            s = s == null ? empty(k) : s;
            double ms = latencyNanos / 1e6;
            double lat = s.requests() == 0 || s.latencyMillis() == 0 ? ms : s.latencyMillis() * (1 - ALPHA) + ms * ALPHA;
            return new Stats(k, s.requests() + 1, s.failures(), s.consecutiveFailures(), s.bytes(), lat,
                    s.bytesPerSecond(), s.lastError(), s.lastErrorAtMillis(), s.lastSuccessAtMillis());
        });
    }

    void recordBody(String mirror, long bytes, long nanos) {
        long now = clock.millis();
        byMirror.compute(mirror, (k, s) -> {
            s = s == null ? empty(k) : s;
            double bps = s.bytesPerSecond();
            if (bytes >= MIN_THROUGHPUT_SAMPLE && nanos > 0) {
                double sample = bytes * 1e9 / nanos;
                bps = bps == 0 ? sample : bps * (1 - ALPHA) + sample * ALPHA;
            }
            int consecutive = bytes > 0 ? 0 : s.consecutiveFailures();
            return new Stats(k, s.requests(), s.failures(), consecutive, s.bytes() + bytes, s.latencyMillis(), bps,
                    s.lastError(), s.lastErrorAtMillis(), bytes > 0 ? now : s.lastSuccessAtMillis());
        });
    }

    void recordFailure(String mirror, String message) {
        long now = clock.millis();
        byMirror.compute(mirror, (k, s) -> {
            s = s == null ? empty(k) : s;
            return new Stats(k, s.requests(), s.failures() + 1, s.consecutiveFailures() + 1, s.bytes(),
                    s.latencyMillis(), s.bytesPerSecond(), message, now, s.lastSuccessAtMillis());
        });
    }

    public Optional<Stats> stats(String mirror) {
        return Optional.ofNullable(byMirror.get(mirror));
    }

    /// All mirrors seen, by name.
    public Map<String, Stats> snapshot() {
        return new TreeMap<>(byMirror);
    }

    /// Reorders the alternatives of each `|` group (entries joined by `|`, ending at the first entry
    /// not followed by `|`): mirrors without recent failures first, then the faster, then the
    /// unmeasured, otherwise keeping the caller's order. `,` boundaries never move, so "not found"
    /// fall-through and private-path rules stay as configured; the group's last entry keeps the
    /// group's trailing separator.
    public List<Candidate> order(List<Candidate> candidates) {
        List<Candidate> out = new ArrayList<>(candidates.size());
        int i = 0;
        while (i < candidates.size()) {
            int j = i;
            while (j < candidates.size() - 1 && candidates.get(j).fallBackOnAnyError()) {
                j++;
            }
            List<Candidate> group = new ArrayList<>(candidates.subList(i, j + 1));
            boolean trailing = candidates.get(j).fallBackOnAnyError();
            group.sort(Comparator.comparingInt((Candidate c) -> failing(c.mirror()) ? 1 : 0)
                    .thenComparingDouble(c -> -throughput(c.mirror())));
            for (int k = 0; k < group.size(); k++) {
                Candidate c = group.get(k);
                boolean flag = k < group.size() - 1 || trailing;
                out.add(new Candidate(c.url(), flag, c.mirror()));
            }
            i = j + 1;
        }
        return out;
    }

    private boolean failing(String mirror) {
        Stats s = byMirror.get(mirror);
        return s != null && s.consecutiveFailures() > 0;
    }

    private double throughput(String mirror) {
        Stats s = byMirror.get(mirror);
        return s == null ? 0 : s.bytesPerSecond();
    }

    /// Writes the statistics as JSON (scratch file + rename).
    public void save(Path file) throws IOException {
        Path scratch = file.resolveSibling(file.getFileName() + ".new");
        List<Stats> list = new ArrayList<>(snapshot().values());
        JSON.writeValue(scratch.toFile(), new FileFormat(1, list));
        try {
            Files.move(scratch, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /// Statistics saved by {@link #save}; empty when the file does not exist.
    public static MirrorHealth load(Path file) throws IOException {
        return load(file, Clock.systemUTC());
    }

    public static MirrorHealth load(Path file, Clock clock) throws IOException {
        MirrorHealth h = new MirrorHealth(clock);
        if (!Files.exists(file)) {
            return h;
        }
        FileFormat f = JSON.readValue(file.toFile(), FileFormat.class);
        if (f.mirrors() != null) {
            for (Stats s : f.mirrors()) {
                if (s != null && s.mirror() != null) {
                    h.byMirror.put(s.mirror(), new Stats(s.mirror(), s.requests(), s.failures(),
                            s.consecutiveFailures(), s.bytes(), s.latencyMillis(), s.bytesPerSecond(),
                            s.lastError() == null ? "" : s.lastError(), s.lastErrorAtMillis(),
                            s.lastSuccessAtMillis()));
                }
            }
        }
        return h;
    }
}

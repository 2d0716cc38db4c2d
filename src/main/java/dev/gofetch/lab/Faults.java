package dev.gofetch.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/// What a {@link LabServer} does wrong, on purpose. Immutable; swap it on a running server with
/// {@link LabServer#faults(Faults)}. Random choices are deterministic given `seed`: the decision for
/// the n-th request of a path since the faults were set depends only on (seed, path, n), whatever
/// the interleaving of connections.
///
/// Compact spec (for the CLI and tests), comma-separated items, order irrelevant:
///
/// | item | effect |
/// |---|---|
/// | `latency=40ms` | wait this long before answering each request (`ms` or `s`) |
/// | `rate=256k` | cap each connection at this many bytes/s (`k`, `m`, `g` are binary multiples) |
/// | `reset-after=100k` | send this many body bytes of a response, then reset the connection (TCP RST) |
/// | `5xx=0.1` | answer 503 with this probability (a number with a dot) |
/// | `5xx=3` | answer 503 to the first 3 requests of every path (an integer) |
/// | `truncate=0.05` | with this probability promise Content-Length but send fewer body bytes, then close |
/// | `no-range` | ignore Range headers: 200 with the whole file |
/// | `etag-change` | a new ETag on every response, so If-Range never matches |
/// | `wrong-bytes=0.01` | with this probability flip one byte of the file in the body |
/// | `dead` | accept connections, read requests, never answer |
/// | `refuse` | stop listening: connections are refused until the faults change |
/// | `status:/prefix=403` | answer this status (text/plain body) for paths starting with the prefix |
/// | `redirect-loop:/prefix` | answer 302 to the request's own path, forever |
/// | `html:/prefix` | answer 200 with an HTML page (a captive portal, say) |
/// | `badjson:/prefix` | answer `.info` and `@latest` requests with invalid JSON |
/// | `seed=7` | seed for the random choices (default 1) |
///
/// Prefixes match the decoded request path (`!` whether sent as `!` or `%21`). Precedence per
/// request: dead, latency, status, redirect-loop, html, 5xx, badjson, then the file with
/// no-range / etag-change / wrong-bytes / truncate / reset-after, all under the rate cap.
public record Faults(
        long seed,
        Duration latency,
        long bytesPerSecond,
        long resetAfterBytes,
        double serverErrorRate,
        int serverErrorFirst,
        double truncateRate,
        boolean ignoreRange,
        boolean changingEtag,
        double wrongBytesRate,
        boolean dead,
        boolean refuse,
        Map<String, Integer> statusByPrefix,
        List<String> redirectLoopPrefixes,
        List<String> htmlPrefixes,
        List<String> badJsonPrefixes) {

    public static final Faults NONE = new Faults(1, Duration.ZERO, 0, 0, 0, 0, 0, false, false, 0, false, false,
            Map.of(), List.of(), List.of(), List.of());

    public Faults {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative() || bytesPerSecond < 0 || resetAfterBytes < 0 || serverErrorFirst < 0) {
            throw new IllegalArgumentException("negative fault parameter");
        }
        for (double p : new double[] {serverErrorRate, truncateRate, wrongBytesRate}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability out of [0, 1]: " + p);
            }
        }
        statusByPrefix = Map.copyOf(statusByPrefix);
        for (int status : statusByPrefix.values()) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
        }
        redirectLoopPrefixes = List.copyOf(redirectLoopPrefixes);
        htmlPrefixes = List.copyOf(htmlPrefixes);
        badJsonPrefixes = List.copyOf(badJsonPrefixes);
    }

    /// Parses a compact spec such as `latency=40ms,rate=256k,5xx=0.1`; "" or `none` is {@link #NONE}.
    /// @throws IllegalArgumentException naming the item it cannot read
    public static Faults parse(String spec) {
        long seed = 1;
        Duration latency = Duration.ZERO;
        long rate = 0;
        long resetAfter = 0;
        double errorRate = 0;
        int errorFirst = 0;
        double truncate = 0;
        boolean noRange = false;
        boolean etagChange = false;
        double wrongBytes = 0;
        boolean dead = false;
        boolean refuse = false;
        Map<String, Integer> status = new TreeMap<>();
        List<String> redirect = new ArrayList<>();
        List<String> html = new ArrayList<>();
        List<String> badJson = new ArrayList<>();
        String trimmed = spec.strip();
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return NONE;
        }
        for (String raw : trimmed.split(",")) {
            String item = raw.strip();
            try {
                if (item.startsWith("status:")) {
                    int eq = item.lastIndexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("missing =status");
                    }
                    int code = Integer.parseInt(item.substring(eq + 1));
                    if (code < 100 || code > 999) {
                        throw new IllegalArgumentException("not an HTTP status");
                    }
                    status.put(prefix(item.substring("status:".length(), eq)), code);
                    continue;
                }
                if (item.startsWith("redirect-loop:")) {
                    redirect.add(prefix(item.substring("redirect-loop:".length())));
                    continue;
                }
                if (item.startsWith("html:")) {
                    html.add(prefix(item.substring("html:".length())));
                    continue;
                }
                if (item.startsWith("badjson:")) {
                    badJson.add(prefix(item.substring("badjson:".length())));
                    continue;
                }
                int eq = item.indexOf('=');
                String key = eq < 0 ? item : item.substring(0, eq);
                String value = eq < 0 ? null : item.substring(eq + 1);
                switch (key) {
                    case "latency" -> latency = duration(value);
                    case "rate" -> rate = size(value);
                    case "reset-after" -> resetAfter = size(value);
                    case "5xx" -> {
                        if (required(value).contains(".")) {
                            errorRate = probability(value);
                        } else {
                            errorFirst = Integer.parseInt(value);
                        }
                    }
                    case "truncate" -> truncate = probability(value);
                    case "wrong-bytes" -> wrongBytes = probability(value);
                    case "seed" -> seed = Long.parseLong(required(value));
                    case "no-range" -> noRange = flag(value);
                    case "etag-change" -> etagChange = flag(value);
                    case "dead" -> dead = flag(value);
                    case "refuse" -> refuse = flag(value);
                    default -> throw new IllegalArgumentException("unknown fault");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad fault spec item \"" + item + "\": " + e.getMessage(), e);
            }
        }
        return new Faults(seed, latency, rate, resetAfter, errorRate, errorFirst, truncate, noRange, etagChange,
                wrongBytes, dead, refuse, status, redirect, html, badJson);
    }

    /// The compact spec; `parse(toString())` gives an equal value.
    @Override
    public String toString() {
        List<String> items = new ArrayList<>();
        if (!latency.isZero()) {
            items.add("latency=" + latency.toMillis() + "ms");
        }
        if (bytesPerSecond > 0) {
            items.add("rate=" + bytesPerSecond);
        }
        if (resetAfterBytes > 0) {
            items.add("reset-after=" + resetAfterBytes);
        }
        if (serverErrorRate > 0) {
            items.add("5xx=" + serverErrorRate);
        }
        if (serverErrorFirst > 0) {
            items.add("5xx=" + serverErrorFirst);
        }
        if (truncateRate > 0) {
            items.add("truncate=" + truncateRate);
        }
        if (ignoreRange) {
            items.add("no-range");
        }
        if (changingEtag) {
            items.add("etag-change");
        }
        if (wrongBytesRate > 0) {
            items.add("wrong-bytes=" + wrongBytesRate);
        }
        if (dead) {
            items.add("dead");
        }
        if (refuse) {
            items.add("refuse");
        }
        new TreeMap<>(statusByPrefix).forEach((p, s) -> items.add("status:" + p + "=" + s));
        redirectLoopPrefixes.forEach(p -> items.add("redirect-loop:" + p));
        htmlPrefixes.forEach(p -> items.add("html:" + p));
        badJsonPrefixes.forEach(p -> items.add("badjson:" + p));
        if (seed != 1) {
            items.add("seed=" + seed);
        }
        return items.isEmpty() ? "none" : String.join(",", items);
    }

    public Faults withSeed(long newSeed) {
        return new Faults(newSeed, latency, bytesPerSecond, resetAfterBytes, serverErrorRate, serverErrorFirst,
                truncateRate, ignoreRange, changingEtag, wrongBytesRate, dead, refuse, statusByPrefix,
                redirectLoopPrefixes, htmlPrefixes, badJsonPrefixes);
    }

    private static String prefix(String p) {
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("a path prefix starts with /");
        }
        return p;
    }

    private static String required(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing value");
        }
        return value;
    }

    private static double probability(String value) {
        double p = Double.parseDouble(required(value));
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1");
        }
        return p;
    }

    private static boolean flag(String value) {
        if (value != null) {
            throw new IllegalArgumentException("takes no value");
        }
        return true;
    }

    static long size(String value) {
        String v = required(value).toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        long n = Long.parseLong(v);
        if (n < 0) {
            throw new IllegalArgumentException("negative size");
        }
        return Math.multiplyExact(n, unit);
    }

    static Duration duration(String value) {
        String v = required(value).toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        throw new IllegalArgumentException("a duration ends in ms or s");
    }
}

package dev.gofetch.module;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/// What a `.info` file says about a module version: cmd/go's `RevInfo` (version, commit time and,
/// when the source knows it, the origin). {@link #toCacheJson()} produces exactly the bytes the go
/// command stores in `$GOMODCACHE/cache/download/<path>/@v/<version>.info`.
public record RevInfo(String version, OffsetDateTime time, Origin origin) {

    /// Go's zero `time.Time`, which an `.info` without a `Time` field decodes to.
    public static final OffsetDateTime ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public RevInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(time, "time");
    }

    public RevInfo(String version, OffsetDateTime time) {
        this(version, time, null);
    }

    /// Provenance, cmd/go's `codehost.Origin`; "" means absent (Go's `omitempty`).
    public record Origin(String vcs, String url, String subdir, String hash, String tagPrefix, String tagSum,
                         String ref, String repoSum) {
        public Origin {
            vcs = Objects.requireNonNullElse(vcs, "");
            url = Objects.requireNonNullElse(url, "");
            subdir = Objects.requireNonNullElse(subdir, "");
            hash = Objects.requireNonNullElse(hash, "");
            tagPrefix = Objects.requireNonNullElse(tagPrefix, "");
            tagSum = Objects.requireNonNullElse(tagSum, "");
            ref = Objects.requireNonNullElse(ref, "");
            repoSum = Objects.requireNonNullElse(repoSum, "");
        }

        static final Origin EMPTY = new Origin("", "", "", "", "", "", "", "");

        private String[][] fields() {
            return new String[][]{
                    {"VCS", vcs}, {"URL", url}, {"Subdir", subdir}, {"Hash", hash},
                    {"TagPrefix", tagPrefix}, {"TagSum", tagSum}, {"Ref", ref}, {"RepoSum", repoSum}};
        }

        private Origin with(String name, String value) {
            return switch (name) {
                case "VCS" -> new Origin(value, url, subdir, hash, tagPrefix, tagSum, ref, repoSum);
                case "URL" -> new Origin(vcs, value, subdir, hash, tagPrefix, tagSum, ref, repoSum);
                case "Subdir" -> new Origin(vcs, url, value, hash, tagPrefix, tagSum, ref, repoSum);
                case "Hash" -> new Origin(vcs, url, subdir, value, tagPrefix, tagSum, ref, repoSum);
                case "TagPrefix" -> new Origin(vcs, url, subdir, hash, value, tagSum, ref, repoSum);
                case "TagSum" -> new Origin(vcs, url, subdir, hash, tagPrefix, value, ref, repoSum);
                case "Ref" -> new Origin(vcs, url, subdir, hash, tagPrefix, tagSum, value, repoSum);
                case "RepoSum" -> new Origin(vcs, url, subdir, hash, tagPrefix, tagSum, ref, value);
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    /// Decodes an `.info` body the way `json.Unmarshal` fills a `RevInfo`: unknown fields ignored,
    /// field names matched case-insensitively, `null` leaves a field at its zero value.
    /// @throws InvalidInfoException if the body is not such JSON
    public static RevInfo parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInfoException("invalid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidInfoException(e.getMessage());
        }
        String version = "";
        OffsetDateTime time = ZERO_TIME;
        Origin origin = null;
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new RevInfo(version, time, null);
        }
        if (!root.isObject()) {
            throw new InvalidInfoException("json: cannot unmarshal " + kind(root) + " into Go value of type modfetch.RevInfo");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            String name = goFieldName(field.getKey(), "Version", "Time", "Origin");
            if (name == null || value.isNull()) {
                if ("Origin".equals(name)) {
                    origin = null;
                }
                continue;
            }
            switch (name) {
                case "Version" -> version = string(value, "RevInfo.Version");
                case "Time" -> time = parseTime(string(value, "RevInfo.Time"));
                case "Origin" -> origin = parseOrigin(value, origin == null ? Origin.EMPTY : origin);
                default -> throw new AssertionError(name);
            }
        }
        return new RevInfo(version, time, origin);
    }

    private static Origin parseOrigin(JsonNode node, Origin into) {
        if (!node.isObject()) {
            throw new InvalidInfoException("json: cannot unmarshal " + kind(node)
                    + " into Go struct field RevInfo.Origin of type codehost.Origin");
        }
        Origin origin = into;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = goFieldName(field.getKey(),
                    "VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum");
            if (name != null && !field.getValue().isNull()) {
                origin = origin.with(name, string(field.getValue(), "RevInfo.Origin." + name));
            }
        }
        return origin;
    }

    /// Go prefers an exact field-name match and otherwise accepts a case-insensitive one.
    private static String goFieldName(String key, String... names) {
        for (String n : names) {
            if (n.equals(key)) {
                return n;
            }
        }
        for (String n : names) {
            if (n.equalsIgnoreCase(key)) {
                return n;
            }
        }
        return null;
    }

    private static String string(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new InvalidInfoException("json: cannot unmarshal " + kind(node) + " into Go struct field "
                    + field + " of type string");
        }
        return node.textValue();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "bool";
            case NUMBER -> "number";
            case OBJECT -> "object";
            case STRING -> "string";
            default -> "value";
        };
    }

    /// Go's RFC 3339 parse as `time.Time.UnmarshalJSON` does it on its fast path:
    /// `2006-01-02T15:04:05[.fraction](Z|±hh:mm)`, fractions beyond nanoseconds truncated.
    static OffsetDateTime parseTime(String s) {
        try {
            if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                    || s.charAt(13) != ':' || s.charAt(16) != ':') {
                throw new DateTimeException("layout");
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int i = 19;
            int nanos = 0;
            if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
                int start = ++i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                String fraction = (s.substring(start, Math.min(i, start + 9)) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(fraction);
            }
            ZoneOffset offset;
            String zone = s.substring(i);
            if (zone.equals("Z")) {
                offset = ZoneOffset.UTC;
            } else if (zone.length() == 6 && (zone.charAt(0) == '+' || zone.charAt(0) == '-') && zone.charAt(3) == ':') {
                int hh = digits(zone, 1, 3);
                int mm = digits(zone, 4, 6);
                if (hh > 23 || mm > 59) {
                    throw new DateTimeException("zone");
                }
                int total = hh * 3600 + mm * 60;
                offset = ZoneOffset.ofTotalSeconds(zone.charAt(0) == '-' ? -total : total);
            } else {
                throw new DateTimeException("zone");
            }
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidInfoException("parsing time " + GoJson.quote(s) + " as \"2006-01-02T15:04:05Z07:00\": "
                    + "not an RFC 3339 time");
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /// Go's `time.Time.MarshalJSON` text (RFC 3339 with trailing-zero-free nanoseconds; `Z` for UTC).
    static String formatTime(OffsetDateTime t) {
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("Time.MarshalJSON: year outside of range [0,9999]");
        }
        StringBuilder b = new StringBuilder(35);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        if (t.getNano() != 0) {
            String fraction = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
            b.append('.').append(fraction);
        }
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            b.append('Z');
        } else {
            int minutes = Math.abs(offset) / 60;
            b.append(offset < 0 ? '-' : '+');
            pad(b, minutes / 60, 2).append(':');
            pad(b, minutes % 60, 2);
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int n, int width) {
        String s = Integer.toString(n);
        b.append("0".repeat(Math.max(0, width - s.length()))).append(s);
        return b;
    }

    /// What cmd/go's `writeDiskStat` keeps: tag and repository sums never matter once a version is
    /// known, and a pseudo-version does not depend on a ref.
    public RevInfo forCache() {
        if (origin == null) {
            return this;
        }
        String ref = PseudoVersion.isPseudoVersion(version) ? "" : origin.ref();
        return new RevInfo(version, time, new Origin(origin.vcs(), origin.url(), origin.subdir(), origin.hash(),
                "", "", ref, ""));
    }

    /// `json.Marshal` of this RevInfo: `{"Version":..,"Time":..[,"Origin":{..}]}`, no newline.
    public String toJson() {
        StringBuilder b = new StringBuilder(96).append("{\"Version\":");
        GoJson.appendString(b, version);
        b.append(",\"Time\":\"").append(formatTime(time)).append('"');
        if (origin != null) {
            b.append(",\"Origin\":{");
            boolean first = true;
            for (String[] f : origin.fields()) {
                if (!f[1].isEmpty()) {
                    b.append(first ? "" : ",").append('"').append(f[0]).append("\":");
                    GoJson.appendString(b, f[1]);
                    first = false;
                }
            }
            b.append('}');
        }
        return b.append('}').toString();
    }

    /// The bytes cmd/go writes to the `.info` file: {@link #forCache()} then {@link #toJson()}.
    public byte[] toCacheJson() {
        return forCache().toJson().getBytes(StandardCharsets.UTF_8);
    }

    /// An `.info` body that cmd/go would refuse to decode.
    public static final class InvalidInfoException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidInfoException(String message) {
            super(message);
        }
    }
}

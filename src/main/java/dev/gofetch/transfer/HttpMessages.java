package dev.gofetch.transfer;

import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Header parsing and message wording for the transfer engine.
final class HttpMessages {
    private HttpMessages() {}

    /// `Content-Range: bytes first-last/total` (total -1 for `*`); for a 416, first = last = -1.
    record ContentRange(long first, long last, long total) {}

    private static final Pattern CONTENT_RANGE =
            Pattern.compile("\\s*bytes\\s+(?:(\\d{1,18})-(\\d{1,18})|\\*)\\s*/\\s*(\\d{1,18}|\\*)\\s*",
                    Pattern.CASE_INSENSITIVE);

    /// null when absent or malformed (including a range whose last byte precedes its first or lies
    /// beyond the total).
    static ContentRange contentRange(HttpHeaders headers) {
        var values = headers.allValues("Content-Range");
        if (values.size() != 1) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(values.get(0));
        if (!m.matches()) {
            return null;
        }
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        if (m.group(1) == null) {
            return new ContentRange(-1, -1, total);
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (last < first || (total >= 0 && last >= total)) {
            return null;
        }
        return new ContentRange(first, last, total);
    }

    /// Content-Length, absent when missing, repeated inconsistently, or malformed.
    static OptionalLong contentLength(HttpHeaders headers) {
        var values = headers.allValues("Content-Length");
        if (values.isEmpty()) {
            return OptionalLong.empty();
        }
        long v = -1;
        for (String s : values) {
            try {
                long x = Long.parseLong(s.trim());
                if (x < 0 || (v >= 0 && x != v)) {
                    return OptionalLong.empty();
                }
                v = x;
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(v);
    }

    /// The entity's validators; strong ETags only are usable in If-Range.
    record Validator(String etag, String lastModified) {
        static final Validator NONE = new Validator("", "");

        static Validator of(HttpHeaders h) {
            return new Validator(h.firstValue("ETag").orElse("").trim(),
                    h.firstValue("Last-Modified").orElse("").trim());
        }

        boolean isEmpty() {
            return etag.isEmpty() && lastModified.isEmpty();
        }

        boolean strongEtag() {
            return !etag.isEmpty() && !etag.startsWith("W/");
        }

        /// What to send in If-Range, or "" when nothing usable (RFC 9110 §13.1.5: a strong ETag, or a
        /// Last-Modified date).
        String ifRange() {
            if (strongEtag()) {
                return etag;
            }
            return lastModified;
        }

        /// True unless both sides carry the same kind of validator and they differ.
        boolean compatibleWith(Validator other) {
            if (!etag.isEmpty() && !other.etag.isEmpty()) {
                return opaque(etag).equals(opaque(other.etag));
            }
            if (!lastModified.isEmpty() && !other.lastModified.isEmpty()) {
                return lastModified.equals(other.lastModified);
            }
            return true;
        }

        private static String opaque(String tag) {
            return tag.startsWith("W/") ? tag.substring(2) : tag;
        }

        String describe() {
            return !etag.isEmpty() ? "ETag " + etag : !lastModified.isEmpty() ? "Last-Modified " + lastModified : "";
        }
    }

    /// Retry-After in seconds or as an HTTP date, in nanoseconds from now; -1 when absent or invalid.
    static long retryAfterNanos(HttpHeaders h, long nowEpochMillis) {
        String v = h.firstValue("Retry-After").orElse("").trim();
        if (v.isEmpty()) {
            return -1;
        }
        try {
            long s = Long.parseLong(v);
            return s < 0 ? -1 : s * 1_000_000_000L;
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowEpochMillis) * 1_000_000L;
            } catch (RuntimeException e2) {
                return -1;
            }
        }
    }

    static String statusLine(int status) {
        String text = STATUS_TEXT.get(status);
        return text == null ? String.valueOf(status) : status + " " + text;
    }

    private static final Map<Integer, String> STATUS_TEXT = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(206, "Partial Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(410, "Gone"), Map.entry(412, "Precondition Failed"),
            Map.entry(416, "Requested Range Not Satisfiable"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    /// The go command's treatment of an error body: kept only for short, valid UTF-8 `text/plain`,
    /// cut at the first blank line, at most 8 lines and 648 bytes.
    static String errorDetail(String contentType, byte[] body) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("text/plain")) {
            return "";
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring(8).replace("\"", "").trim();
                if (!cs.isEmpty() && !cs.equals("utf-8") && !cs.equals("us-ascii")) {
                    return "";
                }
            }
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                return "";
            }
        }
        StringBuilder detail = new StringBuilder();
        String[] lines = s.split("\n", -1);
        int bytes = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                break;
            }
            if (i > 0) {
                detail.append("\n\t");
            }
            if (i >= 8) {
                detail.append("[Truncated: too many lines.]");
                break;
            }
            int n = line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > 8 * 81) {
                detail.append("[Truncated: too long.]");
                break;
            }
            bytes += n;
            detail.append(line);
        }
        return detail.toString();
    }

    static String httpErrorMessage(String redactedUrl, int status, String detail) {
        String base = "reading " + redactedUrl + ": " + statusLine(status);
        if (detail.isEmpty()) {
            return base;
        }
        return base + "\n\tserver response:" + (detail.contains("\n") ? "\n\t" : " ") + detail;
    }
}

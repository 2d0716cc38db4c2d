package dev.gofetch.lab;

import java.util.Locale;

/// A single byte range of a `Range: bytes=...` header resolved against a file length
/// (RFC 9110 §14.1.2): `a-b`, `a-` or the suffix form `-n`. Multiple ranges and malformed
/// headers are not errors: the server then ignores the header and sends the whole file.
record ByteRange(long first, long last) {
    /// Marker for a syntactically valid range that no byte of the file satisfies (answer 416).
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /// The range the header asks for, {@link #UNSATISFIABLE}, or null to ignore the header.
    static ByteRange parse(String header, long fileLength) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return null;
        }
        String spec = h.substring("bytes=".length()).strip();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (a.isEmpty()) {
            long n = digits(b);
            if (n < 0) {
                return null;
            }
            if (n == 0 || fileLength == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Math.max(0, fileLength - n), fileLength - 1);
        }
        long first = digits(a);
        if (first < 0) {
            return null;
        }
        long last;
        if (b.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            last = digits(b);
            if (last < 0 || last < first) {
                return null;
            }
        }
        if (first >= fileLength) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, Math.min(last, fileLength - 1));
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}

package dev.gofetch.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/// One HTTP/1.x request head, read with hard limits so that a misbehaving client cannot make the
/// server buffer without bound.
record HttpRequest(String method, String target, String version, Map<String, String> headers) {
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;
    static final int MAX_SKIPPED_BODY = 1 << 20;

    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /// Reads the next request head (and skips a small body), or returns null at a clean end of stream.
    static HttpRequest read(InputStream in) throws IOException {
        String line = readLine(in);
        for (int blank = 0; line != null && line.isEmpty(); blank++) {
            if (blank > 4) {
                throw new BadRequest("blank lines instead of a request");
            }
            line = readLine(in);
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("malformed request line");
        }
        Map<String, String> headers = new TreeMap<>();
        while (true) {
            String h = readLine(in);
            if (h == null) {
                throw new BadRequest("end of stream in headers");
            }
            if (h.isEmpty()) {
                break;
            }
            if (headers.size() >= MAX_HEADERS) {
                throw new BadRequest("too many headers");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("malformed header");
            }
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new BadRequest("request bodies with a transfer coding are not supported");
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw new BadRequest("bad Content-Length");
            }
            if (n < 0 || n > MAX_SKIPPED_BODY) {
                throw new BadRequest("request body too large");
            }
            in.skipNBytes(n);
        }
        return new HttpRequest(parts[0], parts[1], parts[2], headers);
    }

    String header(String name) {
        return headers.get(name);
    }

    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        if (version.equals("HTTP/1.0")) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }

    /// The path part of the target, percent-decoded as UTF-8 (`%21` → `!`), or null if malformed.
    /// An absolute-form target (`http://host/path`) is reduced to its path.
    String decodedPath() {
        String t = target;
        if (t.startsWith("http://") || t.startsWith("https://")) {
            int slash = t.indexOf('/', t.indexOf("//") + 2);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        if (q >= 0) {
            t = t.substring(0, q);
        }
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        if (!t.startsWith("/")) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%') {
                if (i + 2 >= t.length()) {
                    return null;
                }
                int hi = Character.digit(t.charAt(i + 1), 16);
                int lo = Character.digit(t.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        String decoded = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        return decoded.indexOf('\0') >= 0 || decoded.indexOf('\uFFFD') >= 0 ? null : decoded;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new BadRequest("end of stream inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new BadRequest("line too long");
            }
            line.write(b);
        }
    }
}

package dev.gofetch.module;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/// Go's byte strings, held in Java as ISO-8859-1 strings (one char per byte), and the few
/// `unicode/utf8`, `unicode`, `strings` and `strconv` operations the go.mod and go.sum readers need.
///
/// Go strings are bytes that are usually, but not necessarily, UTF-8: a go.mod file may contain
/// invalid UTF-8 and a quoted `"\xff"` unquotes to a lone byte. Working on bytes keeps quoting,
/// column counting and error texts exact; {@link #toJava} converts at the edges.
final class GoBytes {
    static final int RUNE_ERROR = 0xFFFD;

    private GoBytes() {}

    static String of(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    static String ofJava(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    /// The Java string Go would see when ranging over the bytes: each byte of an invalid
    /// UTF-8 sequence becomes U+FFFD (as `encoding/json` and `for range` do).
    static String toJava(String bytes) {
        StringBuilder sb = new StringBuilder(bytes.length());
        for (int i = 0; i < bytes.length(); ) {
            long r = decodeRune(bytes, i);
            sb.appendCodePoint(rune(r));
            i += size(r);
        }
        return sb.toString();
    }

    static int rune(long decoded) {
        return (int) decoded;
    }

    static int size(long decoded) {
        return (int) (decoded >>> 32);
    }

    /// `utf8.DecodeRuneInString(s[i:])`, packed as rune | size << 32; (RuneError, 1) for invalid input.
    static long decodeRune(String s, int i) {
        int n = s.length() - i;
        if (n <= 0) {
            return RUNE_ERROR;
        }
        int b0 = s.charAt(i);
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        int value;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 2;
            value = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 3;
            value = b0 & 0x0F;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 4;
            value = b0 & 0x07;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return pack(RUNE_ERROR, 1);
        }
        if (n < need) {
            return pack(RUNE_ERROR, 1);
        }
        int b1 = s.charAt(i + 1);
        if (b1 < lo || b1 > hi) {
            return pack(RUNE_ERROR, 1);
        }
        value = value << 6 | (b1 & 0x3F);
        for (int k = 2; k < need; k++) {
            int b = s.charAt(i + k);
            if (b < 0x80 || b > 0xBF) {
                return pack(RUNE_ERROR, 1);
            }
            value = value << 6 | (b & 0x3F);
        }
        return pack(value, need);
    }

    private static long pack(int rune, int size) {
        return (long) size << 32 | rune;
    }

    static boolean validUtf8(String s) {
        for (int i = 0; i < s.length(); ) {
            long r = decodeRune(s, i);
            if (rune(r) == RUNE_ERROR && size(r) == 1) {
                return false;
            }
            i += size(r);
        }
        return true;
    }

    static int runeCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); n++) {
            i += size(decodeRune(s, i));
        }
        return n;
    }

    /// `utf8.AppendRune`.
    static void appendRune(StringBuilder sb, int r) {
        if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
            r = RUNE_ERROR;
        }
        if (r < 0x80) {
            sb.append((char) r);
        } else if (r < 0x800) {
            sb.append((char) (0xC0 | r >> 6)).append((char) (0x80 | r & 0x3F));
        } else if (r < 0x10000) {
            sb.append((char) (0xE0 | r >> 12)).append((char) (0x80 | r >> 6 & 0x3F)).append((char) (0x80 | r & 0x3F));
        } else {
            sb.append((char) (0xF0 | r >> 18)).append((char) (0x80 | r >> 12 & 0x3F))
                    .append((char) (0x80 | r >> 6 & 0x3F)).append((char) (0x80 | r & 0x3F));
        }
    }

    /// `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static boolean isPrint(int r) {
        return GoStrings.isPrint(r);
    }

    /// `unicode.IsSpace`.
    static boolean isSpace(int r) {
        switch (r) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return r >= 0x2000 && r <= 0x200A;
        }
    }

    /// `strings.TrimSpace`.
    static String trimSpace(String s) {
        int start = 0;
        while (start < s.length()) {
            long r = decodeRune(s, start);
            if (!isSpace(rune(r)) || rune(r) == RUNE_ERROR) {
                break;
            }
            start += size(r);
        }
        int end = s.length();
        while (end > start) {
            int k = lastRuneStart(s, start, end);
            long r = decodeRune(s.substring(0, end), k);
            if (!isSpace(rune(r)) || k + size(r) != end) {
                break;
            }
            end = k;
        }
        return s.substring(start, end);
    }

    private static int lastRuneStart(String s, int floor, int end) {
        int k = end - 1;
        // At most 3 continuation bytes precede a rune's last byte.
        while (k > floor && k > end - 4 && (s.charAt(k) & 0xC0) == 0x80) {
            k--;
        }
        return k;
    }

    /// `strings.Fields`: splits around runs of `unicode.IsSpace` runes.
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            long r = decodeRune(s, i);
            boolean space = isSpace(rune(r)) && !(rune(r) == RUNE_ERROR);
            if (space) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += size(r);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    static boolean containsAny(String s, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (s.indexOf(chars.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /// `strconv.Unquote`'s `invalid syntax`.
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super("invalid syntax", null, false, false);
        }
    }

    /// `strconv.Unquote` for double-quoted and back-quoted strings (go.mod has no single-quoted ones).
    static String unquote(String in) throws SyntaxError {
        if (in.length() < 2) {
            throw new SyntaxError();
        }
        char quote = in.charAt(0);
        int end = in.indexOf(quote, 1);
        if (end < 0) {
            throw new SyntaxError();
        }
        end += 1;
        if (quote == '`') {
            if (end != in.length()) {
                throw new SyntaxError();
            }
            return in.substring(1, end - 1).replace("\r", "");
        }
        if (quote != '"') {
            throw new SyntaxError();
        }
        String body = in.substring(1, end - 1);
        if (body.indexOf('\\') < 0 && body.indexOf('\n') < 0) {
            if (validUtf8(body)) {
                if (end != in.length()) {
                    throw new SyntaxError();
                }
                return body;
            }
        }
        StringBuilder buf = new StringBuilder();
        int i = 1;
        while (i < in.length() && in.charAt(i) != quote) {
            if (in.charAt(i) == '\n') {
                throw new SyntaxError();
            }
            i = unquoteChar(in, i, quote, buf);
        }
        if (!(i < in.length() && in.charAt(i) == quote)) {
            throw new SyntaxError();
        }
        if (i + 1 != in.length()) {
            throw new SyntaxError();
        }
        return buf.toString();
    }

    /// `strconv.UnquoteChar`: appends the decoded character to buf and returns the index after it.
    private static int unquoteChar(String s, int i, char quote, StringBuilder buf) throws SyntaxError {
        char c = s.charAt(i);
        if (c == quote) {
            throw new SyntaxError();
        }
        if (c >= 0x80) {
            long r = decodeRune(s, i);
            appendRune(buf, rune(r));
            return i + size(r);
        }
        if (c != '\\') {
            buf.append(c);
            return i + 1;
        }
        if (i + 1 >= s.length()) {
            throw new SyntaxError();
        }
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
            case 'a' -> buf.append((char) 7);
            case 'b' -> buf.append('\b');
            case 'f' -> buf.append('\f');
            case 'n' -> buf.append('\n');
            case 'r' -> buf.append('\r');
            case 't' -> buf.append('\t');
            case 'v' -> buf.append((char) 0x0B);
            case 'x', 'u', 'U' -> {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (s.length() - i < n) {
                    throw new SyntaxError();
                }
                int v = 0;
                for (int j = 0; j < n; j++) {
                    int x = Character.digit(s.charAt(i + j), 16);
                    if (x < 0 || s.charAt(i + j) > 0x7F) {
                        throw new SyntaxError();
                    }
                    v = v << 4 | x;
                }
                i += n;
                if (e == 'x') {
                    buf.append((char) v);
                } else {
                    if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                        throw new SyntaxError();
                    }
                    appendRune(buf, v);
                }
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = e - '0';
                if (s.length() - i < 2) {
                    throw new SyntaxError();
                }
                for (int j = 0; j < 2; j++) {
                    int x = s.charAt(i + j) - '0';
                    if (x < 0 || x > 7) {
                        throw new SyntaxError();
                    }
                    v = v << 3 | x;
                }
                i += 2;
                if (v > 255) {
                    throw new SyntaxError();
                }
                buf.append((char) v);
            }
            case '\\' -> buf.append('\\');
            case '\'', '"' -> {
                if (e != quote) {
                    throw new SyntaxError();
                }
                buf.append(e);
            }
            default -> throw new SyntaxError();
        }
        return i;
    }

    /// `strconv.Quote` (what `%q` prints for a string).
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            long r = decodeRune(s, i);
            if (size(r) == 1 && rune(r) == RUNE_ERROR) {
                sb.append("\\x").append(hex2(s.charAt(i)));
                i++;
                continue;
            }
            appendEscapedRune(sb, rune(r), '"');
            i += size(r);
        }
        return sb.append('"').toString();
    }

    /// `strconv.QuoteRune` (what `%q` and `%#q` print for a rune).
    static String quoteRune(int r) {
        if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
            r = RUNE_ERROR;
        }
        StringBuilder sb = new StringBuilder("'");
        appendEscapedRune(sb, r, '\'');
        return sb.append('\'').toString();
    }

    /// Appends r escaped as strconv does, UTF-8 encoded (so the result stays a byte string).
    private static void appendEscapedRune(StringBuilder sb, int r, char quote) {
        if (r == quote || r == '\\') {
            sb.append('\\').append((char) r);
            return;
        }
        if (isPrint(r)) {
            appendRune(sb, r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    sb.append("\\x").append(hex2(r));
                } else if (r < 0x10000) {
                    sb.append("\\u").append(String.format("%04x", r));
                } else {
                    sb.append("\\U").append(String.format("%08x", r));
                }
            }
        }
    }

    private static String hex2(int b) {
        return String.format("%02x", b);
    }
}

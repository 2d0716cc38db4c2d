package dev.gofetch.module;

/// Go string semantics on Java strings: Go strings are UTF-8 bytes and their order, `%q` quoting and
/// rune iteration are defined on code points, not UTF-16 chars. A lone surrogate in a Java string plays
/// the role of Go's invalid UTF-8.
final class GoStrings {
    private GoStrings() {}

    /// `strings.Compare`: byte order of the UTF-8 encodings, which is code point order.
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return ca < cb ? -1 : +1;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        if (i < a.length()) {
            return +1;
        }
        return j < b.length() ? -1 : 0;
    }

    /// `utf8.ValidString` for a Java string: no unpaired surrogates.
    static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /// `strconv.Quote` (what `%q` prints for a string).
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (Character.isSurrogate(s.charAt(i)) && n == 1) {
                // Unpaired surrogate: Go would see invalid UTF-8 and print each byte of its
                // 3-byte (WTF-8) form as \xNN.
                b.append(surrogateBytes(s.charAt(i)));
            } else {
                appendRune(b, cp, '"');
            }
            i += n;
        }
        return b.append('"').toString();
    }

    /// `strconv.QuoteRune` (what `%q` prints for a rune).
    static String quoteRune(int cp) {
        StringBuilder b = new StringBuilder().append('\'');
        if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
            cp = 0xFFFD; // not a valid rune; Go prints utf8.RuneError
        }
        appendRune(b, cp, '\'');
        return b.append('\'').toString();
    }

    private static String surrogateBytes(char c) {
        int b0 = 0xE0 | (c >> 12);
        int b1 = 0x80 | ((c >> 6) & 0x3F);
        int b2 = 0x80 | (c & 0x3F);
        StringBuilder b = new StringBuilder();
        hexEscape(b, "\\x", b0, 2);
        hexEscape(b, "\\x", b1, 2);
        hexEscape(b, "\\x", b2, 2);
        return b.toString();
    }

    private static void appendRune(StringBuilder b, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            b.append('\\').appendCodePoint(cp);
            return;
        }
        if (isPrint(cp)) {
            b.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 0x0B -> b.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7F) {
                    hexEscape(b, "\\x", cp, 2);
                } else if (cp < 0x10000) {
                    hexEscape(b, "\\u", cp, 4);
                } else {
                    hexEscape(b, "\\U", cp, 8);
                }
            }
        }
    }

    private static void hexEscape(StringBuilder b, String prefix, int value, int digits) {
        String hex = Integer.toHexString(value);
        b.append(prefix).append("0".repeat(Math.max(0, digits - hex.length()))).append(hex);
    }

    /// `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static boolean isPrint(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp < 0x7F;
        }
        return UnicodeTables.isPrintNonAscii(cp);
    }

    /// The UTF-8 bytes Go would hold for s. An unpaired surrogate becomes its 3-byte encoding, which
    /// Go's decoder rejects as invalid just like the original (Java's encoder would write '?').
    static byte[] utf8(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            }
        }
        return out.toByteArray();
    }

    static final int RUNE_ERROR = 0xFFFD;

    /// `utf8.DecodeRune` on b[from:]: the rune in the low 32 bits, its byte width in the high 32 bits.
    /// Invalid or empty input gives RUNE_ERROR with width 1 (0 when empty).
    static long decodeRune(byte[] b, int from) {
        return decodeRune(b, from, b.length);
    }

    /// {@link #decodeRune(byte[], int)} on b[from:end].
    static long decodeRune(byte[] b, int from, int end) {
        int n = end - from;
        if (n <= 0) {
            return rune(RUNE_ERROR, 0);
        }
        int b0 = b[from] & 0xFF;
        if (b0 < 0x80) {
            return rune(b0, 1);
        }
        int width;
        int min;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            width = 2;
            min = 0x80;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            width = 3;
            min = 0x800;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            width = 4;
            min = 0x10000;
            cp = b0 & 0x07;
        } else {
            return rune(RUNE_ERROR, 1);
        }
        if (n < width) {
            return rune(RUNE_ERROR, 1);
        }
        for (int k = 1; k < width; k++) {
            int c = b[from + k] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return rune(RUNE_ERROR, 1);
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
            return rune(RUNE_ERROR, 1);
        }
        return rune(cp, width);
    }

    private static long rune(int cp, int width) {
        return ((long) width << 32) | cp;
    }

    static int runeOf(long decoded) {
        return (int) decoded;
    }

    static int widthOf(long decoded) {
        return (int) (decoded >>> 32);
    }
}

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
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                 Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}

package dev.gofetch.env;

import java.nio.charset.StandardCharsets;

/// String helpers that reproduce Go's formatting, for messages copied from the go command.
public final class GoStrings {
    private GoStrings() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /// `strconv.Quote` (what `%q` prints): double-quoted, Go escapes for the non-printable.
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"', '\\' -> sb.append('\\').appendCodePoint(c);
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (isPrint(c)) {
                        sb.appendCodePoint(c);
                    } else if (c < ' ' || c == 0x7f) {
                        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isSurrogate((char) c) && c <= 0xffff) {
                        sb.append("\\ufffd");
                    } else if (c < 0x10000) {
                        sb.append("\\u").append(hex(c, 4));
                    } else {
                        sb.append("\\U").append(hex(c, 8));
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private static String hex(int c, int digits) {
        StringBuilder sb = new StringBuilder();
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(c >> shift) & 0xf]);
        }
        return sb.toString();
    }

    /// `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static boolean isPrint(int c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        return switch (Character.getType(c)) {
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

    /// `unicode.IsSpace`, which `strings.Fields` splits on.
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xa0 -> true;
            default -> c > 0xff && Character.getType(c) == Character.SPACE_SEPARATOR
                    || c == 0x2028 || c == 0x2029;
        };
    }

    /// Decodes UTF-8 the way Go's `for range` over a string does: every byte that does not start
    /// a valid sequence becomes one U+FFFD (Java's decoder may fold several into one).
    static String decodeUtf8(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xff;
            if (b0 < 0x80) {
                sb.append((char) b0);
                i++;
                continue;
            }
            int size;
            int lo = 0x80;
            int hi = 0xbf;
            if (b0 >= 0xc2 && b0 <= 0xdf) {
                size = 2;
            } else if (b0 >= 0xe0 && b0 <= 0xef) {
                size = 3;
                if (b0 == 0xe0) {
                    lo = 0xa0;
                } else if (b0 == 0xed) {
                    hi = 0x9f;
                }
            } else if (b0 >= 0xf0 && b0 <= 0xf4) {
                size = 4;
                if (b0 == 0xf0) {
                    lo = 0x90;
                } else if (b0 == 0xf4) {
                    hi = 0x8f;
                }
            } else {
                sb.append('\ufffd');
                i++;
                continue;
            }
            boolean valid = i + size <= bytes.length;
            for (int k = 1; valid && k < size; k++) {
                int b = bytes[i + k] & 0xff;
                valid = k == 1 ? b >= lo && b <= hi : b >= 0x80 && b <= 0xbf;
            }
            if (!valid) {
                sb.append('\ufffd');
                i++;
                continue;
            }
            sb.append(new String(bytes, i, size, StandardCharsets.UTF_8));
            i += size;
        }
        return sb.toString();
    }
}

package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// Go string helpers, with vectors from Go 1.26's strconv.
class GoBytesTest {
    private static final Pattern RAW_BYTE = Pattern.compile("\\{([0-9a-f]{2})}");

    /// The byte string for a vector: UTF-8 text with `{ff}` for a raw byte.
    private static String bytes(String vector) {
        Matcher m = RAW_BYTE.matcher(vector);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            sb.append(GoBytes.ofJava(vector.substring(last, m.start()))).append((char) Integer.parseInt(m.group(1), 16));
            last = m.end();
        }
        return sb.append(GoBytes.ofJava(vector.substring(last))).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "\"abc\"                          | \"abc\"",
        "\"a\\tb\"                        | \"a\\tb\"",
        "\"\\x41\\101\\u00e9\\U0001F600\" | \"AAé😀\"",
        "\"\\xff\"                        | \"\\xff\"",
        "\"é\"                            | \"é\"",
        "\"{ff}\"                         | \"\uFFFD\"",
        "\"{e2}{82}\"                     | \"\uFFFD\uFFFD\"",
        "\"\\u00e9x\\\\\"                 | \"éx\\\\\"",
        "`a{0d}b`                         | \"ab\"",
        "\"\\q\"                          | invalid syntax",
        "\"\\'\"                          | invalid syntax",
        "\"a\"b\"                         | invalid syntax",
        "\"\\400\"                        | invalid syntax",
        "\"\\ud800\"                      | invalid syntax",
        "\"a                              | invalid syntax",
        "\"                               | invalid syntax",
        "\"\\x4\"                         | invalid syntax",
        "\"\\0\"                          | invalid syntax",
        "`a`b                             | invalid syntax",
    })
    void unquotesLikeStrconv(String quoted, String expected) {
        String result;
        try {
            result = GoBytes.quote(GoBytes.unquote(bytes(quoted)));
        } catch (GoBytes.SyntaxError e) {
            result = e.getMessage();
        }
        assertThat(GoBytes.toJava(result)).isEqualTo(expected);
    }

    @Test
    void quotesLikeStrconv() {
        assertThat(GoBytes.toJava(GoBytes.quote(bytes("a{00}{7f}{ff}\u200b😀é\"\\\t\u000b"))))
                .isEqualTo("\"a\\x00\\x7f\\xff\\u200b😀é\\\"\\\\\\t\\v\"");
        assertThat(GoBytes.quoteRune(0xFEFF)).isEqualTo("'\\ufeff'");
        assertThat(GoBytes.quoteRune('\'')).isEqualTo("'\\''");
        assertThat(GoBytes.quoteRune(0x10FFFF)).isEqualTo("'\\U0010ffff'");
    }

    @Test
    void decodesInvalidUtf8ByteByByte() {
        assertThat(GoBytes.toJava(bytes("a{e2}{82}b{c0}{80}é{f0}{9f}{98}{80}"))).isEqualTo("a\uFFFD\uFFFDb\uFFFD\uFFFDé😀");
        assertThat(GoBytes.runeCount(bytes("é{ff}x"))).isEqualTo(3);
    }

    @Test
    void trimsAndSplitsOnUnicodeSpace() {
        assertThat(GoBytes.toJava(GoBytes.trimSpace(bytes("\u00a0 \tx y\u3000\r\n")))).isEqualTo("x y");
        assertThat(GoBytes.toJava(GoBytes.trimSpace(bytes("x{e3}{80}")))).isEqualTo("x\uFFFD\uFFFD");
        assertThat(GoBytes.fields(bytes(" a\u2003b\tc\u0085 "))).hasSize(3);
    }
}

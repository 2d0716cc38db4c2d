package dev.gofetch.env;

import dev.gofetch.module.GoStrings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPathsAndStringsTest {

    /// Vectors from Go's path/filepath Clean tests.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''            | .",
            "abc           | abc",
            "abc/def       | abc/def",
            "a/b/c         | a/b/c",
            ".             | .",
            "..            | ..",
            "../..         | ../..",
            "../../abc     | ../../abc",
            "/abc          | /abc",
            "/             | /",
            "abc/          | abc",
            "abc/def/      | abc/def",
            "/abc/         | /abc",
            "//abc         | /abc",
            "abc//def//ghi | abc/def/ghi",
            "abc/./def     | abc/def",
            "/./abc/def    | /abc/def",
            "abc/.         | abc",
            "abc/def/ghi/../jkl | abc/def/jkl",
            "abc/def/../ghi/../jkl | abc/jkl",
            "abc/def/..    | abc",
            "abc/def/../.. | .",
            "/abc/def/../..| /",
            "abc/def/../../.. | ..",
            "/abc/def/../../.. | /",
            "abc/def/../../../ghi/jkl/../../../mno | ../../mno",
            "/../abc       | /abc",
            "abc/./../def  | def",
            "../abc/def/../ghi | ../abc/ghi",
    })
    void cleanMatchesGo(String path, String cleaned) {
        assertThat(GoPaths.clean(path)).isEqualTo(cleaned);
    }

    @Test
    void joinSkipsEmptyElementsAndCleans() {
        assertThat(GoPaths.join("", "")).isEmpty();
        assertThat(GoPaths.join("/home/u/", "go")).isEqualTo("/home/u/go");
        assertThat(GoPaths.join("/usr/local/go/bin/go", "../..")).isEqualTo("/usr/local/go");
        assertThat(GoPaths.join("", "a")).isEqualTo("a");
    }

    @Test
    void splitListKeepsEmptyEntries() {
        assertThat(GoPaths.splitList("")).isEmpty();
        assertThat(GoPaths.splitList(":/a:")).containsExactly("", "/a", "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "abc         | `\"abc\"`",
            "`a\"b\\c`   | `\"a\\\"b\\\\c\"`",
            "`it's`      | `\"it's\"`",
            "é日本       | `\"é日本\"`",
    })
    void quoteMatchesStrconvQuote(String s, String quoted) {
        assertThat(GoStrings.quote(s)).isEqualTo(quoted);
    }

    @Test
    void quoteEscapesTheUnprintable() {
        assertThat(GoStrings.quote("\u0007\b\f\n\r\t\u000b\u0000\u007f")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f\"");
        assertThat(GoStrings.quote("\u00a0\u2028\u200b\ue000")).isEqualTo("\"\\u00a0\\u2028\\u200b\\ue000\"");
        assertThat(GoStrings.quote("\udb40\udc01")).isEqualTo("\"\\U000e0001\"");
        assertThat(GoStrings.quote("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
    }

    @Test
    void decodeReplacesEachInvalidByteLikeGo() {
        byte[] bytes = {'a', (byte) 0xe2, (byte) 0x82, 'b', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(GoStrings.decodeUtf8(bytes)).isEqualTo("a\ufffd\ufffdb\ufffdé\ufffd\ufffd\ufffd");
        assertThat(GoStrings.decodeUtf8("ok 日本 \ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isEqualTo("ok 日本 \ud83d\ude00");
    }
}

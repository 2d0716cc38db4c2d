package dev.gofetch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoStringsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``           |.
            abc          |abc
            abc/def      |abc/def
            a/b/c        |a/b/c
            .            |.
            ..           |..
            ../..        |../..
            ../../abc    |../../abc
            /abc         |/abc
            /            |/
            abc/         |abc
            abc/def/     |abc/def
            abc//def//ghi|abc/def/ghi
            //abc        |/abc
            abc/./def    |abc/def
            /./abc/def   |/abc/def
            abc/.        |abc
            abc/def/ghi/../jkl|abc/def/jkl
            abc/def/../ghi/../jkl|abc/jkl
            abc/def/..   |abc
            abc/def/../..|.
            /abc/def/../..|/
            abc/def/../../..|..
            /abc/def/../../..|/
            abc/def/../../../ghi/jkl/../../../mno|../../mno
            not/../clean |clean
            ../evil      |../evil
            """)
    void cleansPathsLikePathClean(String in, String want) {
        assertThat(GoStrings.cleanPath(in)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            abc               |"abc"
            invalid.go'       |"invalid.go'"
            say "hi"          |"say \\"hi\\""
            back\\slash       |"back\\\\slash"
            K.go              |"K.go"
            ĳ ſ ß             |"ĳ ſ ß"
            """)
    void quotesLikeStrconvQuote(String in, String want) {
        assertThat(GoStrings.quote(in)).isEqualTo(want);
    }

    @Test
    void quoteEscapesControlAndUnprintableCharacters() {
        assertThat(GoStrings.quote("a\nb\tc\u0007\u0000\u007f")).isEqualTo("\"a\\nb\\tc\\a\\x00\\x7f\"");
        assertThat(GoStrings.quote("nb\u00a0sp\u200b")).isEqualTo("\"nb\\u00a0sp\\u200b\"");
        assertThat(GoStrings.quote(new String(Character.toChars(0xE0001)))).isEqualTo("\"\\U000e0001\"");
        assertThat(GoStrings.quote(new String(Character.toChars(0x1D49C)))).isEqualTo("\"\uD835\uDC9C\"");
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(textBlock = """
            k.go, K.go
            K.go, \u212A.go
            s, S
            s, \u017F
            \u00DF, \u1E9E
            \u03C3, \u03C2
            \u03A3, \u03C2
            \u00B5, \u039C
            \u03B8, \u03D1
            \u03B8, \u03F4
            \u01C4, \u01C5
            \u01C6, \u01C5
            \u13A0, \uAB70
            \u0432, \u1C80
            ABC/Def, abc/dEF
            """)
    void foldsTogetherWhatUnicodeSimpleFoldingRelates(String a, String b) {
        assertThat(GoStrings.fold(a)).isEqualTo(GoStrings.fold(b));
        assertThat(GoStrings.equalFold(a, b)).isTrue();
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource(textBlock = """
            i, \u0130
            I, \u0130
            i, \u0131
            \u0130, \u0131
            a, b
            ss, \u00DF
            go.mod, go.mo
            """)
    void keepsApartWhatSimpleFoldingDoesNot(String a, String b) {
        assertThat(GoStrings.equalFold(a, b)).isFalse();
    }

    @Test
    void foldPicksTheSmallestOrbitMemberAndLowersAsciiLetters() {
        assertThat(GoStrings.fold("\u212A")).isEqualTo("k");
        assertThat(GoStrings.fold("\u017F")).isEqualTo("s");
        assertThat(GoStrings.fold("GO.MOD")).isEqualTo("go.mod");
        assertThat(GoStrings.fold("\u03C2")).isEqualTo("\u03A3");
        assertThat(GoStrings.fold(new String(Character.toChars(0x10428)))).isEqualTo(new String(Character.toChars(0x10400)));
    }

    @Test
    void goByteOrderIsCodePointOrder() {
        String script = new String(Character.toChars(0x1D49C));
        assertThat(dev.gofetch.module.GoStrings.compare("\uFF21", script)).isNegative();
        assertThat("\uFF21".compareTo(script)).isPositive();
        assertThat(dev.gofetch.module.GoStrings.compare("a", "ab")).isNegative();
        assertThat(dev.gofetch.module.GoStrings.compare("ab", "ab")).isZero();
    }
}

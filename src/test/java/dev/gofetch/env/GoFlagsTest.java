package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoFlagsTest {

    @Test
    void wordsAreSplitOnAsciiWhitespaceWithOptionalQuotes() {
        GoFlags flags = GoFlags.parse(" -mod=mod\t'-modfile=my go.mod'\n\"-x\"\r-tags='a ");
        assertThat(flags.words()).containsExactly("-mod=mod", "-modfile=my go.mod", "-x", "-tags='a");
    }

    @Test
    void quotesOnlyCountAtTheStartOfAWordAndHaveNoEscapes() {
        assertThat(GoFlags.parseIgnoringErrors("-a='x' '-b=\\' \"-c='\"").words())
                .containsExactly("-a='x'", "-b=\\", "-c='");
    }

    @Test
    void emptyGoflagsHasNoFlags() {
        assertThat(GoFlags.parse("").words()).isEmpty();
        assertThat(GoFlags.parse(" \t ").mod()).isEmpty();
        assertThat(GoFlags.parse("").modCacheRw()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-modcacherw          | true",
            "--modcacherw         | true",
            "-modcacherw=true     | true",
            "-modcacherw=T        | true",
            "-modcacherw=1        | true",
            "-modcacherw=false    | false",
            "-modcacherw=0        | false",
            "-modcacherw -modcacherw=False | false",
            "-modcacherw=f -modcacherw     | true",
            "-mod=mod             | false",
    })
    void booleanFlagsFollowStrconvParseBool(String goflags, boolean expected) {
        assertThat(GoFlags.parse(goflags).modCacheRw()).isEqualTo(expected);
    }

    @Test
    void anInvalidBooleanGivesTheGoCommandsMessage() {
        assertThatThrownBy(() -> GoFlags.parse("-modcacherw=yes").modCacheRw())
                .isInstanceOf(GoEnvException.class)
                .hasMessage("invalid boolean value \"yes\" for flag -modcacherw (from $GOFLAGS): parse error");
    }

    @Test
    void stringFlagsTakeTheLastValueAndNeedOne() {
        GoFlags flags = GoFlags.parse("-mod=vendor --mod=readonly -modfile=alt.mod");
        assertThat(flags.mod()).isEqualTo("readonly");
        assertThat(flags.modFile()).isEqualTo("alt.mod");
        assertThat(flags.get("mod")).isEqualTo("readonly");
        assertThat(flags.get("x")).isNull();
        assertThat(GoFlags.parse("-x").get("x")).isEqualTo("true");
        assertThat(GoFlags.parse("-mod=").mod()).isEmpty();
        assertThatThrownBy(() -> GoFlags.parse("-mod").mod())
                .hasMessage("flag needs an argument: -mod (from $GOFLAGS)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-mod=mod x        | parsing $GOFLAGS: non-flag \"x\"",
            "-                 | parsing $GOFLAGS: non-flag \"-\"",
            "--                | parsing $GOFLAGS: non-flag \"--\"",
            "---x              | parsing $GOFLAGS: non-flag \"---x\"",
            "-=x               | parsing $GOFLAGS: non-flag \"-=x\"",
            "--=x              | parsing $GOFLAGS: non-flag \"--=x\"",
            "-x '-y            | parsing $GOFLAGS: unterminated ' string",
            "\"-y              | parsing $GOFLAGS: unterminated \" string",
    })
    void malformedGoflagsAreRejectedWithTheGoCommandsMessage(String goflags, String message) {
        assertThatThrownBy(() -> GoFlags.parse(goflags)).isInstanceOf(GoEnvException.class).hasMessage(message);
    }

    @Test
    void lenientParsingKeepsNonFlagsAndDropsAnUnterminatedSetting() {
        assertThat(GoFlags.parseIgnoringErrors("xjson =skipped -mod=mod").flags()).containsExactly(
                new GoFlags.Flag("json", null), new GoFlags.Flag("mod", "mod"));
        assertThat(GoFlags.parseIgnoringErrors("-modcacherw '-x").words()).isEmpty();
    }

    @Test
    void equalityIsByWords() {
        assertThat(GoFlags.parse("-x  -y")).isEqualTo(GoFlags.parse("'-x' \"-y\""));
        assertThat(GoFlags.parse("-x")).isNotEqualTo(GoFlags.parse("-y"));
        assertThat(GoFlags.EMPTY.words()).isEqualTo(List.of());
    }
}

package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/// Vectors from golang.org/x/mod's pseudo_test.go plus results of the x/mod vendored into Go 1.26.
class PseudoVersionTest {
    private static final Instant T = Instant.parse("2006-01-02T15:04:05Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|''|v0.0.0-20060102150405-hash",
            "v0|''|v0.0.0-20060102150405-hash",
            "v1|''|v1.0.0-20060102150405-hash",
            "v2|''|v2.0.0-20060102150405-hash",
            "unused|v0.0.0|v0.0.1-0.20060102150405-hash",
            "unused|v1.2.3|v1.2.4-0.20060102150405-hash",
            "unused|v1.2.99999999999999999|v1.2.100000000000000000-0.20060102150405-hash",
            "unused|v1.2.3-pre|v1.2.3-pre.0.20060102150405-hash",
            "unused|v1.3.0-pre|v1.3.0-pre.0.20060102150405-hash",
            "unused|v0.0.0--|v0.0.0--.0.20060102150405-hash",
            "unused|v1.0.0+metadata|v1.0.1-0.20060102150405-hash+metadata",
            "unused|v2.0.0+incompatible|v2.0.1-0.20060102150405-hash+incompatible",
            "unused|v2.3.0-pre+incompatible|v2.3.0-pre.0.20060102150405-hash+incompatible",
            "unused|v1.2|v1.2.1-0.20060102150405-hash",
            "v3|bad|v3.0.0-20060102150405-hash",
    })
    void buildsEachPseudoVersionForm(String major, String older, String want) {
        String v = PseudoVersion.build(major, older, T, "hash");
        assertThat(v).isEqualTo(want);
        assertThat(PseudoVersion.isPseudoVersion(v)).isTrue();
        assertThat(PseudoVersion.time(v)).isEqualTo(T);
        assertThat(PseudoVersion.rev(v)).isEqualTo("hash");
    }

    @Test
    void buildUsesTheUtcTimeOfTheCommit() {
        Instant t = Instant.parse("1999-12-31T23:59:59.999Z");
        assertThat(PseudoVersion.build("v1", "", t, "abcdef123456")).isEqualTo("v1.0.0-19991231235959-abcdef123456");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v0.0.0-20060102150405-hash|''",
            "v0.0.1-0.20060102150405-hash|v0.0.0",
            "v1.2.4-0.20060102150405-hash|v1.2.3",
            "v1.2.3-pre.0.20060102150405-hash|v1.2.3-pre",
            "v1.2.3-pre.0.20060102150405-hash+incompatible|v1.2.3-pre+incompatible",
            "v2.0.1-0.20060102150405-hash+incompatible|v2.0.0+incompatible",
            "v1.2.100000000000000000-0.20060102150405-hash|v1.2.99999999999999999",
            "v1.2.10-0.20060102150405-hash|v1.2.9",
            "v1.2.3-x.0.20060102150405-hash|v1.2.3-x",
            "v1.2.3-0.20060102150405-hash+a.b|v1.2.2+a.b",
    })
    void baseIsTheTagThePseudoVersionBuildsOn(String v, String base) {
        assertThat(PseudoVersion.base(v)).isEqualTo(base);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1.0.0-20060102150405-hash+incompatible|pseudo-version \"v1.0.0-20060102150405-hash+incompatible\" invalid: lacks base version, but has build metadata \"+incompatible\"",
            "v0.0.0-20060102150405-hash+meta|pseudo-version \"v0.0.0-20060102150405-hash+meta\" invalid: lacks base version, but has build metadata \"+meta\"",
            "v1.0.0-0.20060102150405-hash|pseudo-version \"v1.0.0-0.20060102150405-hash\" invalid: version before v1.0.0 would have negative patch number",
            "v1.2.3|pseudo-version \"v1.2.3\" invalid: syntax error",
    })
    void baseRejectsNonsensicalPseudoVersions(String v, String message) {
        assertThatThrownBy(() -> PseudoVersion.base(v)).isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "v1.2.3", "v1.2.3-pre", "v1.0.0-20060102150405", "v1.2.3-0.2006010215040-hash",
            "v1.2.3-1.20060102150405-hash", "v1.2.3-pre.1.20060102150405-hash", "v1.2.3-0.20060102150405-h-sh",
            "v1.2.3-0.20060102150405-hash.x", "1.2.3-0.20060102150405-hash", "",
    })
    void recognisesWhatIsNotAPseudoVersion(String v) {
        assertThat(PseudoVersion.isPseudoVersion(v)).isFalse();
        assertThatThrownBy(() -> PseudoVersion.rev(v))
                .isInstanceOf(InvalidModuleException.class)
                .hasMessage("pseudo-version " + GoStrings.quote(v) + " invalid: syntax error");
        assertThatThrownBy(() -> PseudoVersion.time(v)).isInstanceOf(InvalidModuleException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v0.0.0-00000101000000-abc|0000-01-01T00:00:00Z",
            "v0.0.0-20040229000000-abc|2004-02-29T00:00:00Z",
            "v0.0.0-00010101000000-000000000000|0001-01-01T00:00:00Z",
    })
    void timeReadsTheUtcTimestamp(String v, String want) {
        assertThat(PseudoVersion.time(v)).isEqualTo(Instant.parse(want));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "v1.2.3-0.20060230150405-hash", "v0.0.0-20061231235960-abc", "v0.0.0-20060229000000-abc",
            "v0.0.0-20061301000000-abc", "v0.0.0-20060101240000-abc", "v0.0.0-20060101006000-abc",
    })
    void timeRejectsImpossibleDates(String v) {
        String ts = v.replaceAll(".*[-.]([0-9]{14})-.*", "$1");
        assertThat(PseudoVersion.isPseudoVersion(v)).isTrue();
        assertThatThrownBy(() -> PseudoVersion.time(v))
                .isInstanceOf(InvalidModuleException.class)
                .hasMessage("pseudo-version \"" + v + "\" invalid: malformed time \"" + ts + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v0.0.0-00010101000000-000000000000|true",
            "v2.0.0-00010101000000-000000000000|true",
            "v0.0.0-00010101000000-000000000001|false",
            "v0.0.1-0.00010101000000-000000000000|false",
            "v0.0.0|false",
            "bad|false",
    })
    void zeroPseudoVersionsAreRecognised(String v, boolean zero) {
        assertThat(PseudoVersion.isZero(v)).isEqualTo(zero);
    }

    @Test
    void zeroPseudoVersionHasZeroTimeAndRevision() {
        assertThat(PseudoVersion.zero("v3")).isEqualTo("v3.0.0-00010101000000-000000000000");
        assertThat(PseudoVersion.zero("")).isEqualTo("v0.0.0-00010101000000-000000000000");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 2", "99, 100", "100, 101", "101, 102", "1999, 2000"})
    void incrementsDecimalStrings(String in, String out) {
        assertThat(PseudoVersion.incrementDecimal(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({"0, ''", "00, ''", "1, 0", "2, 1", "99, 98", "100, 99", "101, 100", "1000, 999"})
    void decrementsDecimalStrings(String in, String out) {
        assertThat(PseudoVersion.decrementDecimal(in)).isEqualTo(out);
    }

    @Test
    void pseudoVersionsSortBetweenTheirBaseAndTheNextTag() {
        String p1 = PseudoVersion.build("v1", "v1.2.3", T, "aaaaaaaaaaaa");
        String p2 = PseudoVersion.build("v1", "v1.2.3", T.plusSeconds(1), "000000000000");
        assertThat(Semver.compare("v1.2.3", p1)).isNegative();
        assertThat(Semver.compare(p1, p2)).isNegative();
        assertThat(Semver.compare(p2, "v1.2.4-rc1")).isNegative();
        assertThat(Semver.compare(PseudoVersion.build("v1", "", T, "h"), "v1.0.0-alpha")).isNegative();
    }
}

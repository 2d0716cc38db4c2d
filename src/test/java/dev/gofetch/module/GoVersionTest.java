package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// Vectors from Go's internal/gover and cmd/go/internal/gover tests.
class GoVersionTest {

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @CsvSource({
            "'', '', 0",
            "x, x, 0",
            "'', x, 0",
            "1, 1.1, -1",
            "1.5, 1.6, -1",
            "1.5, 1.10, -1",
            "1.6, 1.6.1, -1",
            "1.19, 1.19.0, 0",
            "1.19rc1, 1.19, -1",
            "1.20, 1.20.0, 0",
            "1.20rc1, 1.20, -1",
            "1.21, 1.21.0, -1",
            "1.21, 1.21rc1, -1",
            "1.21rc1, 1.21.0, -1",
            "1.6, 1.19, -1",
            "1.19, 1.19.1, -1",
            "1.19rc1, 1.19.1, -1",
            "1.19rc1, 1.19rc2, -1",
            "1.19.0, 1.19.1, -1",
            "1.19rc1, 1.19.0, -1",
            "1.19alpha3, 1.19beta2, -1",
            "1.19beta2, 1.19rc1, -1",
            "1.1, 1.99999999999999998, -1",
            "1.99999999999999998, 1.99999999999999999, -1",
            "1.22.0, 1.21.9, 1",
            "1.21rc2, 1.21rc10, -1",
            "bad, 1, -1",
    })
    void comparesGoVersions(String x, String y, int want) {
        assertThat(GoVersion.compare(x, y)).isEqualTo(want);
        assertThat(GoVersion.compare(y, x)).isEqualTo(-want);
    }

    @ParameterizedTest
    @CsvSource({
            "1.2rc3, 1.2", "1.2.3, 1.2", "1.2, 1.2", "1, 1", "1.999testmod, 1.999", "1.0, 1", "1.0.5, 1",
            "1.21.3, 1.21", "bad, ''",
    })
    void langIsMajorDotMinor(String x, String lang) {
        assertThat(GoVersion.lang(x)).isEqualTo(lang);
    }

    @ParameterizedTest
    @CsvSource({
            "1.2rc3, false", "1.2.3, false", "1.999testmod, false", "1.22, true", "1.21, true",
            "1.20, false", "1.19, false", "1.3, false", "1.2, false", "1, false", "x, false",
    })
    void isLangOnlyForLanguageVersionsFrom121On(String x, boolean want) {
        assertThat(GoVersion.isLang(x)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({
            "1.2rc3, true", "1.2.3, true", "1.999testmod, true", "1.600+auto, false", "1.22, true",
            "1.21.0, true", "1.21rc2, true", "1.21, true", "1.20.0, true", "1.20, true", "1.19, true",
            "1.3, true", "1.2, true", "1, true", "'', false", "go1.21, false", "1.21.0rc1, false",
            "01.21, false", "1.021, false", "1.21rc, true", "1.21rc01, false", "1.21RC1, false", "1., false",
    })
    void validatesGoVersionSyntax(String x, boolean want) {
        assertThat(GoVersion.isValid(x)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({
            "go1.2.3, 1.2.3",
            "1.2.3, ''",
            "go1.2.3+bigcorp, ''",
            "go1.2.3-bigcorp, 1.2.3",
            "go1.2.3-bigcorp more text, 1.2.3",
            "gccgo-go1.23rc4, ''",
            "gccgo-go1.23rc4-bigdwarf, ''",
            "go1.21/x, ''",
    })
    void fromToolchainStripsPrefixAndSuffix(String name, String want) {
        assertThat(GoVersion.fromToolchain(name)).isEqualTo(want);
    }

    @ParameterizedTest(name = "modCompare({0}, {1}, {2}) = {3}")
    @CsvSource({
            "go, 1.2, 1.3, -1",
            "go, v1.2, v1.3, 0",
            "go, 1.2, 1.2, 0",
            "go, 1.21, 1.21.0, -1",
            "toolchain, go1.2, go1.3, -1",
            "toolchain, go1.2, go1.2, 0",
            "toolchain, 1.2, 1.3, -1",
            "toolchain, v1.2, v1.3, 0",
            "toolchain, go1.21.3, go1.21rc1, 1",
            "toolchain, go1.22.0-custom, go1.21.9, 1",
            "rsc.io/quote, v1.2, v1.3, -1",
            "rsc.io/quote, 1.2, 1.3, 0",
            "golang.org/toolchain, v0.0.1-go1.21.0.linux-amd64, v0.0.1-go1.9.0.linux-amd64, 1",
    })
    void modCompareUsesGoOrderOnlyForGoAndToolchain(String path, String x, String y, int want) {
        assertThat(GoVersion.modCompare(path, x, y)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({
            "go, 1.2, true", "go, v1.2, false", "toolchain, go1.2, true", "toolchain, v1.2, false",
            "rsc.io/quote, v1.2, true", "rsc.io/quote, 1.2, false",
    })
    void modIsValidFollowsThePathsVersionSyntax(String path, String version, boolean want) {
        assertThat(GoVersion.modIsValid(path, version)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"1.21, 1.21rc1, 1.21rc1", "1.21.0, 1.21rc1, 1.21.0", "1.20, 1.20.0, 1.20", "x, y, x"})
    void maxPrefersTheFirstOnATie(String x, String y, String want) {
        assertThat(GoVersion.max(x, y)).isEqualTo(want);
    }
}

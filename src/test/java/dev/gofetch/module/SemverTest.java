package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SemverTest {

    /// golang.org/x/mod/semver's table: input and canonical form ("" = invalid), in increasing order
    /// (rows with equal canonical forms compare equal).
    private static final String[][] TABLE = {
            {"bad", ""},
            {"v1-alpha.beta.gamma", ""},
            {"v1-pre", ""},
            {"v1+meta", ""},
            {"v1-pre+meta", ""},
            {"v1.2-pre", ""},
            {"v1.2+meta", ""},
            {"v1.2-pre+meta", ""},
            {"v1.0.0-alpha", "v1.0.0-alpha"},
            {"v1.0.0-alpha.1", "v1.0.0-alpha.1"},
            {"v1.0.0-alpha.beta", "v1.0.0-alpha.beta"},
            {"v1.0.0-beta", "v1.0.0-beta"},
            {"v1.0.0-beta.2", "v1.0.0-beta.2"},
            {"v1.0.0-beta.11", "v1.0.0-beta.11"},
            {"v1.0.0-rc.1", "v1.0.0-rc.1"},
            {"v1", "v1.0.0"},
            {"v1.0", "v1.0.0"},
            {"v1.0.0", "v1.0.0"},
            {"v1.2", "v1.2.0"},
            {"v1.2.0", "v1.2.0"},
            {"v1.2.3-456", "v1.2.3-456"},
            {"v1.2.3-456.789", "v1.2.3-456.789"},
            {"v1.2.3-456-789", "v1.2.3-456-789"},
            {"v1.2.3-456a", "v1.2.3-456a"},
            {"v1.2.3-pre", "v1.2.3-pre"},
            {"v1.2.3-pre+meta", "v1.2.3-pre"},
            {"v1.2.3-pre.1", "v1.2.3-pre.1"},
            {"v1.2.3-zzz", "v1.2.3-zzz"},
            {"v1.2.3", "v1.2.3"},
            {"v1.2.3+meta", "v1.2.3"},
            {"v1.2.3+meta-pre", "v1.2.3"},
            {"v1.2.3+meta-pre.sha.256a", "v1.2.3"},
    };

    static Stream<Arguments> table() {
        return Stream.of(TABLE).map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest
    @MethodSource("table")
    void validityAndCanonicalFormFollowTheTable(String in, String canonical) {
        assertThat(Semver.isValid(in)).isEqualTo(!canonical.isEmpty());
        assertThat(Semver.canonical(in)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @MethodSource("table")
    void majorIsTheCanonicalFormUpToTheFirstDot(String in, String canonical) {
        int dot = canonical.indexOf('.');
        assertThat(Semver.major(in)).isEqualTo(dot < 0 ? "" : canonical.substring(0, dot));
    }

    @ParameterizedTest
    @MethodSource("table")
    void majorMinorKeepsTheInputsOwnSpelling(String in, String canonical) {
        String want = "";
        if (!canonical.isEmpty()) {
            want = in;
            if (want.indexOf('+') >= 0) {
                want = want.substring(0, want.indexOf('+'));
            }
            if (want.indexOf('-') >= 0) {
                want = want.substring(0, want.indexOf('-'));
            }
            long dots = want.chars().filter(c -> c == '.').count();
            if (dots == 0) {
                want += ".0";
            } else if (dots == 2) {
                want = want.substring(0, want.lastIndexOf('.'));
            }
        }
        assertThat(Semver.majorMinor(in)).isEqualTo(want);
    }

    @ParameterizedTest
    @MethodSource("table")
    void prereleaseAndBuildAreTheSuffixesOfValidVersions(String in, String canonical) {
        String pre = "";
        String build = "";
        if (!canonical.isEmpty()) {
            if (canonical.indexOf('-') >= 0) {
                pre = canonical.substring(canonical.indexOf('-'));
            }
            if (in.indexOf('+') >= 0) {
                build = in.substring(in.indexOf('+'));
            }
        }
        assertThat(Semver.prerelease(in)).isEqualTo(pre);
        assertThat(Semver.build(in)).isEqualTo(build);
    }

    @Test
    void compareOrdersTheTableAsListed() {
        for (int i = 0; i < TABLE.length; i++) {
            for (int j = 0; j < TABLE.length; j++) {
                int want = TABLE[i][1].equals(TABLE[j][1]) ? 0 : i < j ? -1 : +1;
                assertThat(Semver.compare(TABLE[i][0], TABLE[j][0]))
                        .as("compare(%s, %s)", TABLE[i][0], TABLE[j][0])
                        .isEqualTo(want);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "v1, v1, 0",
            "v2, v1, 1",
            "v1, v2, -1",
            "v1.19, v1.2, 1",
            "v1.2, v1.19, -1",
            "v1.0.0-alpha.1, v1.0.0-alpha.beta, -1",
            "v1.0.0-alpha.2, v1.0.0-alpha.10, -1",
            "v1.0.0-a.b.c, v1.0.0-a.b, 1",
            "v1.0.0-0.20060102150405-abcdef, v1.0.0-rc1, -1",
            "v99999999999999999999.0.0, v100000000000000000000.0.0, -1",
            "v1.2.3+a, v1.2.3+b, 0",
            "v1.2.3, v01.2.3, 1",
            "v1.2.3-01, v1.2.3-1, -1",
            "v1.2.3-a..b, x, 0",
    })
    void compareHandlesNumbersPrereleasesAndInvalidVersions(String v, String w, int want) {
        assertThat(Semver.compare(v, w)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1.2.3-|''",
            "v1.2.3+|''",
            "v1.2.3-a.|''",
            "v1.2.3+a.|''",
            "v1.2.3-+a|''",
            "v1.2.3-a_b|''",
            "v1.2.3+0001|v1.2.3",
            "v1.2.3-0a|v1.2.3-0a",
            "v1.2.3-00|''",
            "v1.2.3.4|''",
            "V1.2.3|''",
            "'v1.2.3 '|''",
            "v1.02.3|''",
            "v0.0.0|v0.0.0",
            "v0|v0.0.0",
            "v1.2.3-pre+m+n|''",
            "v1.2.3-é|''",
    })
    void canonicalRejectsMalformedSyntax(String in, String want) {
        assertThat(Semver.canonical(in)).isEqualTo(want);
    }

    @Test
    void sortOrdersBySemverAndBreaksTiesByString() {
        List<String> versions = new ArrayList<>();
        for (String[] row : TABLE) {
            versions.add(row[0]);
        }
        for (long seed = 1; seed <= 20; seed++) {
            Collections.shuffle(versions, new Random(seed));
            Semver.sort(versions);
            for (int i = 1; i < versions.size(); i++) {
                String a = versions.get(i - 1);
                String b = versions.get(i);
                int c = Semver.compare(a, b);
                assertThat(c < 0 || c == 0 && a.compareTo(b) <= 0).as("%s before %s", a, b).isTrue();
            }
        }
        List<String> ties = new ArrayList<>(List.of("v1.0.0+b", "zzz", "v1.0.0+a", "aaa", "v1", "v0.9.0"));
        Semver.sort(ties);
        assertThat(ties).containsExactly("aaa", "zzz", "v0.9.0", "v1", "v1.0.0+a", "v1.0.0+b");
    }

    @Test
    void sortTieBreakUsesUtf8ByteOrderNotUtf16Order() {
        // U+FF21 is one UTF-16 unit above the surrogates but its UTF-8 sorts below U+1F600's.
        List<String> invalid = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF21"));
        Semver.sort(invalid);
        assertThat(invalid).containsExactly("\uFF21", "\uD83D\uDE00");
    }

    @ParameterizedTest
    @CsvSource({
            "v1.2.3, v1.3.0, v1.3.0",
            "v1.3.0, v1.2.3, v1.3.0",
            "v1.2, v1.2.0, v1.2",
            "v1.2.0, v1.2, v1.2.0",
            "bad, v0.0.1, v0.0.1",
            "bad, worse, bad",
    })
    void maxReturnsTheLargerArgumentUnchangedAndTheFirstOnATie(String v, String w, String want) {
        assertThat(Semver.max(v, w)).isEqualTo(want);
    }
}

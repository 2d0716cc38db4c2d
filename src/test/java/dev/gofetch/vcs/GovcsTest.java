package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// GOVCS as cmd/go/internal/vcs parses and applies it; GOPRIVATE is `is-private.com` throughout.
class GovcsTest {
    private static final String GOPRIVATE = "is-private.com";

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // setting; repository root; vcs; allowed
        "'' ; is-public.com/foo ; git ; true",
        "'' ; is-public.com/foo ; hg ; true",
        "'' ; is-public.com/foo ; svn ; false",
        "'' ; is-private.com/foo ; svn ; true",
        "'' ; is-private.com/foo ; fossil ; true",
        "private:all ; is-public.com/foo ; bzr ; false",
        "public:all ; is-public.com/foo ; bzr ; true",
        "public:all,private:none ; is-private.com/foo ; git ; false",
        "*:all ; is-public.com/foo ; fossil ; true",
        "golang.org:git ; golang.org/x/text ; hg ; false",
        "golang.org:git|hg ; golang.org/x/text ; hg ; true",
        "golang.org:zzz ; golang.org/x/text ; git ; false",
        "other.xyz/p:none,golang.org/x:git ; other.xyz/p/x ; git ; false",
        // no user rule matches: the defaults decide
        "other.xyz/p:none,golang.org/x:git ; golang.org/y/text ; git ; true",
        "other.xyz/p:none,golang.org/x:git ; golang.org/y/text ; svn ; false",
        "' golang.org : all ' ; golang.org/x/text ; svn ; true",
        // mod is the GOPROXY protocol, not a program: always allowed
        "*:none ; is-public.com/foo ; mod ; true",
    })
    void allowsWhatTheFirstMatchingRuleAllows(String setting, String root, String vcs, boolean allowed) {
        Govcs govcs = Govcs.parse(setting, GOPRIVATE);
        if (allowed) {
            assertThatCode(() -> govcs.check(vcs, root)).doesNotThrowAnyException();
        } else {
            String what = root.startsWith("is-private") ? "private" : "public";
            assertThatThrownBy(() -> govcs.check(vcs, root))
                    .hasMessage("GOVCS disallows using " + vcs + " for " + what + " " + root + "; see 'go help vcs'");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "x, ; malformed entry in GOVCS (missing colon): \"x\"",
        "x:y, ; empty entry in GOVCS",
        ":y ; empty pattern in GOVCS: \":y\"",
        "x: ; empty VCS list in GOVCS: \"x:\"",
        "x:y|| ; empty VCS name in GOVCS: \"x:y||\"",
        "x:y,z:w||v ; empty VCS name in GOVCS: \"z:w||v\"",
        "x:y,x:z ; unreachable pattern in GOVCS: \"x:z\" after \"x:y\"",
        "./x:git ; relative pattern not allowed in GOVCS: \"./x\"",
        ".. : git ; relative pattern not allowed in GOVCS: \"..\"",
    })
    void aMalformedSettingFailsEveryCheckButMod(String setting, String message) {
        Govcs govcs = Govcs.parse(setting, GOPRIVATE);
        assertThatThrownBy(() -> govcs.check("git", "golang.org/x/text")).hasMessage(message);
        assertThatCode(() -> govcs.check("mod", "golang.org/x/text")).doesNotThrowAnyException();
    }
}

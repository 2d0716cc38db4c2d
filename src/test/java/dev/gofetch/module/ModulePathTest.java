package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/// Vectors from golang.org/x/mod's module_test.go, updated where the x/mod vendored into Go 1.26
/// behaves differently (leading dots in import paths, leading dashes in file paths, `+` in import
/// paths, trailing slashes on patterns), plus exact error texts produced by that x/mod.
class ModulePathTest {

    /// path, valid module path, valid import path, valid file path.
    static Stream<Arguments> checkPathTable() {
        return Stream.of(
                row("x.y/z", true, true, true),
                row("x.y", true, true, true),
                row("", false, false, false),
                row("x.y/\uDC00z", false, false, false), // unpaired surrogate: Go's invalid UTF-8
                row("/x.y/z", false, false, false),
                row("x./z", false, false, false),
                row(".x/z", false, true, true), // leading dots: only module paths reject them
                row("-x/z", false, false, true), // leading dash: file paths allow it
                row("x..y/z", true, true, true),
                row("x.y/z/../../w", false, false, false),
                row("x.y//z", false, false, false),
                row("x.y/z//w", false, false, false),
                row("x.y/z/", false, false, false),
                row("x.y/z/v0", false, true, true),
                row("x.y/z/v1", false, true, true),
                row("x.y/z/v2", true, true, true),
                row("x.y/z/v2.0", false, true, true),
                row("X.y/z", false, true, true),
                row("!x.y/z", false, false, true),
                row("_x.y/z", false, true, true),
                row("x.y!/z", false, false, true),
                row("x.y\"/z", false, false, false),
                row("x.y#/z", false, false, true),
                row("x.y$/z", false, false, true),
                row("x.y%/z", false, false, true),
                row("x.y&/z", false, false, true),
                row("x.y'/z", false, false, false),
                row("x.y(/z", false, false, true),
                row("x.y)/z", false, false, true),
                row("x.y*/z", false, false, false),
                row("x.y+/z", false, true, true),
                row("x.y,/z", false, false, true),
                row("x.y-/z", true, true, true),
                row("x.y./zt", false, false, false),
                row("x.y:/z", false, false, false),
                row("x.y;/z", false, false, false),
                row("x.y</z", false, false, false),
                row("x.y=/z", false, false, true),
                row("x.y>/z", false, false, false),
                row("x.y?/z", false, false, false),
                row("x.y@/z", false, false, true),
                row("x.y[/z", false, false, true),
                row("x.y\\/z", false, false, false),
                row("x.y]/z", false, false, true),
                row("x.y^/z", false, false, true),
                row("x.y_/z", false, true, true),
                row("x.y`/z", false, false, false),
                row("x.y{/z", false, false, true),
                row("x.y}/z", false, false, true),
                row("x.y~/z", false, true, true),
                row("x.y/z!", false, false, true),
                row("x.y/z\"", false, false, false),
                row("x.y/z#", false, false, true),
                row("x.y/z$", false, false, true),
                row("x.y/z%", false, false, true),
                row("x.y/z&", false, false, true),
                row("x.y/z'", false, false, false),
                row("x.y/z(", false, false, true),
                row("x.y/z)", false, false, true),
                row("x.y/z*", false, false, false),
                row("x.y/z+", false, true, true),
                row("x.y/z,", false, false, true),
                row("x.y/z-", true, true, true),
                row("x.y/z.t", true, true, true),
                row("x.y/z/t", true, true, true),
                row("x.y/z:", false, false, false),
                row("x.y/z;", false, false, false),
                row("x.y/z<", false, false, false),
                row("x.y/z=", false, false, true),
                row("x.y/z>", false, false, false),
                row("x.y/z?", false, false, false),
                row("x.y/z@", false, false, true),
                row("x.y/z[", false, false, true),
                row("x.y/z\\", false, false, false),
                row("x.y/z]", false, false, true),
                row("x.y/z^", false, false, true),
                row("x.y/z_", true, true, true),
                row("x.y/z`", false, false, false),
                row("x.y/z{", false, false, true),
                row("x.y/z}", false, false, true),
                row("x.y/z~", true, true, true),
                row("x.y/x.foo", true, true, true),
                row("x.y/aux.foo", false, false, false),
                row("x.y/prn", false, false, false),
                row("x.y/prn2", true, true, true),
                row("x.y/com", true, true, true),
                row("x.y/com1", false, false, false),
                row("x.y/com1.txt", false, false, false),
                row("x.y/calm1", true, true, true),
                row("x.y/z~0", false, false, true),
                row("x.y/z~09", false, false, true),
                row("x.y/z09", true, true, true),
                row("x.y/z09~", true, true, true),
                row("x.y/z09~09z", true, true, true),
                row("x.y/z09~09z~09", false, false, true),
                row("github.com/!123/logrus", false, false, true),
                row("github.com/user/unicode/испытание", false, false, true),
                row("../x", false, false, false),
                row("./y", false, false, false),
                row("x:y", false, false, false),
                row("\\temp\\foo", false, false, false),
                row(".gitignore", false, true, true),
                row(".github/ISSUE_TEMPLATE", false, true, true),
                row("x☺y", false, false, false),
                // Unicode letters in file names are checked per code point.
                row("x.y/𝒜b", false, false, true), // U+1D49C, a letter outside the BMP
                row("x.y/a😀", false, false, false), // U+1F600 is a symbol, not a letter
                row("x.y/\u0870", false, false, true), // a letter new in Unicode 14, which Go 1.26 knows
                row("x.y/a\u0301", false, false, false)); // combining mark
    }

    private static Arguments row(String path, boolean ok, boolean importOK, boolean fileOK) {
        return Arguments.of(path, ok, importOK, fileOK);
    }

    @ParameterizedTest
    @MethodSource("checkPathTable")
    void checksModuleImportAndFilePaths(String path, boolean ok, boolean importOK, boolean fileOK) {
        assertThat(passes(() -> ModulePath.checkPath(path))).as("checkPath").isEqualTo(ok);
        assertThat(passes(() -> ModulePath.checkImportPath(path))).as("checkImportPath").isEqualTo(importOK);
        assertThat(passes(() -> ModulePath.checkFilePath(path))).as("checkFilePath").isEqualTo(fileOK);
    }

    @ParameterizedTest
    @MethodSource("checkPathTable")
    void splitPathVersionPartsAddUpToThePath(String path, boolean ok, boolean importOK, boolean fileOK) {
        String[] split = ModulePath.splitPathVersion(path);
        if (split != null) {
            assertThat(split[0] + split[1]).isEqualTo(path);
        }
        if (ok) {
            assertThat(split).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("checkPathTable")
    void invalidModulePathsCannotBeEscapedOrUnescaped(String path, boolean ok, boolean importOK, boolean fileOK) {
        if (!ok) {
            assertThatThrownBy(() -> ModulePath.escapePath(path)).isInstanceOf(InvalidModuleException.class);
            assertThatThrownBy(() -> ModulePath.unescapePath(path)).isInstanceOf(InvalidModuleException.class);
        }
    }

    static Stream<Arguments> errorTexts() {
        return Stream.of(
                Arguments.of("module", "x", "malformed module path \"x\": missing dot in first path element"),
                Arguments.of("module", "", "malformed module path \"\": empty string"),
                Arguments.of("module", "\uDC00", "malformed module path \"\\xed\\xb0\\x80\": invalid UTF-8"),
                Arguments.of("module", "-", "malformed module path \"-\": leading dash"),
                Arguments.of("module", "9//", "malformed module path \"9//\": double slash"),
                Arguments.of("module", "/", "malformed module path \"/\": trailing slash"),
                Arguments.of("module", "/x.y/z", "malformed module path \"/x.y/z\": empty path element"),
                Arguments.of("module", ".", "malformed module path \".\": invalid path element \".\""),
                Arguments.of("module", ".z", "malformed module path \".z\": leading dot in path element"),
                Arguments.of("module", "K.", "malformed module path \"K.\": trailing dot in path element"),
                Arguments.of("module", ":", "malformed module path \":\": invalid char ':'"),
                Arguments.of("module", "K.A", "malformed module path \"K.A\": invalid char 'K' in first path element"),
                Arguments.of("module", "x.y/v1", "malformed module path \"x.y/v1\": invalid version"),
                Arguments.of("module", "gopkg.in/yaml", "malformed module path \"gopkg.in/yaml\": invalid version"),
                Arguments.of("module", "~1", "malformed module path \"~1\": trailing tilde and digits in path element"),
                Arguments.of("module", "CON", "malformed module path \"CON\": \"CON\" disallowed as path element component on Windows"),
                Arguments.of("module", "x.y/aux.foo", "malformed module path \"x.y/aux.foo\": \"aux\" disallowed as path element component on Windows"),
                Arguments.of("module", "x.y/z+", "malformed module path \"x.y/z+\": invalid char '+'"),
                Arguments.of("module", "x☺y", "malformed module path \"x☺y\": invalid char '☺'"),
                Arguments.of("module", "x.y/a😀", "malformed module path \"x.y/a😀\": invalid char '😀'"),
                Arguments.of("module", "x.y/\u00a0", "malformed module path \"x.y/\\u00a0\": invalid char '\\u00a0'"),
                Arguments.of("module", "x.y/\t", "malformed module path \"x.y/\\t\": invalid char '\\t'"),
                Arguments.of("module", "x.y/\uDB40\uDC01", "malformed module path \"x.y/\\U000e0001\": invalid char '\\U000e0001'"),
                Arguments.of("import", "-", "malformed import path \"-\": leading dash"),
                Arguments.of("import", "~1", "malformed import path \"~1\": trailing tilde and digits in path element"),
                Arguments.of("import", "a/испытание", "malformed import path \"a/испытание\": invalid char 'и'"),
                Arguments.of("file", "-.", "malformed file path \"-.\": trailing dot in path element"),
                Arguments.of("file", "CON", "malformed file path \"CON\": \"CON\" disallowed as path element component on Windows"),
                Arguments.of("file", "a/b:c", "malformed file path \"a/b:c\": invalid char ':'"));
    }

    @ParameterizedTest
    @MethodSource("errorTexts")
    void errorsCarryTheGoCommandsText(String kind, String path, String message) {
        Runnable check = switch (kind) {
            case "module" -> () -> ModulePath.checkPath(path);
            case "import" -> () -> ModulePath.checkImportPath(path);
            default -> () -> ModulePath.checkFilePath(path);
        };
        assertThatThrownBy(check::run).isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rsc.io/quote|0.1.0|rsc.io/quote@0.1.0: invalid version: not a semantic version",
            "rsc io/quote|v1.0.0|malformed module path \"rsc io/quote\": invalid char ' '",
            "github.com/go-yaml/yaml|v0.8.0|",
            "github.com/go-yaml/yaml|v1.0.0|",
            "github.com/go-yaml/yaml|v2.0.0|github.com/go-yaml/yaml@v2.0.0: invalid version: should be v0 or v1, not v2",
            "github.com/go-yaml/yaml|v2.1.5|github.com/go-yaml/yaml@v2.1.5: invalid version: should be v0 or v1, not v2",
            "github.com/go-yaml/yaml|v3.0.0|github.com/go-yaml/yaml@v3.0.0: invalid version: should be v0 or v1, not v3",
            "github.com/go-yaml/yaml/v2|v1.0.0|github.com/go-yaml/yaml/v2@v1.0.0: invalid version: should be v2, not v1",
            "github.com/go-yaml/yaml/v2|v2.0.0|",
            "github.com/go-yaml/yaml/v2|v2.1.5|",
            "github.com/go-yaml/yaml/v2|v3.0.0|github.com/go-yaml/yaml/v2@v3.0.0: invalid version: should be v2, not v3",
            "gopkg.in/yaml.v0|v0.8.0|",
            "gopkg.in/yaml.v0|v1.0.0|gopkg.in/yaml.v0@v1.0.0: invalid version: should be v0, not v1",
            "gopkg.in/yaml.v0|v2.0.0|gopkg.in/yaml.v0@v2.0.0: invalid version: should be v0, not v2",
            "gopkg.in/yaml.v0|v2.1.5|gopkg.in/yaml.v0@v2.1.5: invalid version: should be v0, not v2",
            "gopkg.in/yaml.v0|v3.0.0|gopkg.in/yaml.v0@v3.0.0: invalid version: should be v0, not v3",
            "gopkg.in/yaml.v1|v0.8.0|gopkg.in/yaml.v1@v0.8.0: invalid version: should be v1, not v0",
            "gopkg.in/yaml.v1|v1.0.0|",
            "gopkg.in/yaml.v1|v2.0.0|gopkg.in/yaml.v1@v2.0.0: invalid version: should be v1, not v2",
            "gopkg.in/yaml.v1|v2.1.5|gopkg.in/yaml.v1@v2.1.5: invalid version: should be v1, not v2",
            "gopkg.in/yaml.v1|v3.0.0|gopkg.in/yaml.v1@v3.0.0: invalid version: should be v1, not v3",
            "gopkg.in/check.v1|v0.0.0|gopkg.in/check.v1@v0.0.0: invalid version: should be v1, not v0",
            "gopkg.in/check.v1|v0.0.0-20160102150405-abcdef123456|",
            "gopkg.in/yaml.v2|v1.0.0|gopkg.in/yaml.v2@v1.0.0: invalid version: should be v2, not v1",
            "gopkg.in/yaml.v2|v2.0.0|",
            "gopkg.in/yaml.v2|v2.1.5|",
            "gopkg.in/yaml.v2|v3.0.0|gopkg.in/yaml.v2@v3.0.0: invalid version: should be v2, not v3",
            "rsc.io/quote|v17.0.0|rsc.io/quote@v17.0.0: invalid version: should be v0 or v1, not v17",
            "rsc.io/quote|v17.0.0+incompatible|",
            "gopkg.in/yaml.v2-unstable|v2.0.0|",
            "x.y/z/v17|v1|x.y/z/v17@v1: invalid version: should be v17, not v1",
    })
    void checkAcceptsOnlyVersionsMatchingThePathsMajorVersion(String path, String version, String message) {
        if (message == null) {
            assertThatCode(() -> ModulePath.check(path, version)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ModulePath.check(path, version))
                    .isInstanceOf(InvalidModuleException.class).hasMessage(message);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v0.0.0||true",
            "v0.0.0|/v2|false",
            "v0.0.0|.v0|true",
            "v0.0.0-20190510104115-cbcb75029529|.v1|true",
            "v1.0.0|/v2|false",
            "v1.0.0|.v1|true",
            "v1.0.0|.v1-unstable|true",
            "v2.0.0+incompatible||true",
            "v2.0.0||false",
            "v2.0.0|/v2|true",
            "v2.0.0|.v2|true",
    })
    void matchPathMajorFollowsTheTable(String version, String pathMajor, boolean want) {
        String major = pathMajor == null ? "" : pathMajor;
        assertThat(ModulePath.matchPathMajor(version, major)).isEqualTo(want);
        assertThat(passes(() -> ModulePath.checkPathMajor(version, major))).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1.0.0|/v2|version \"v1.0.0\" invalid: should be v2, not v1",
            "v2.0.0||version \"v2.0.0\" invalid: should be v0 or v1, not v2",
            "v1.0|v2|version \"v1.0\" invalid: should be v2, not v1",
            "bad|.v1|'version \"bad\" invalid: should be v1, not '",
    })
    void checkPathMajorExplainsTheMismatch(String version, String pathMajor, String message) {
        assertThatThrownBy(() -> ModulePath.checkPathMajor(version, pathMajor == null ? "" : pathMajor))
                .isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x.y/z|",
            "x.y/z|/v2",
            "x.y/z|/v3",
            "x.y/v|",
            "gopkg.in/yaml|.v0",
            "gopkg.in/yaml|.v1",
            "gopkg.in/yaml|.v2",
            "gopkg.in/yaml|.v3",
            "gopkg.in/yaml|.v1-unstable",
    })
    void splitPathVersionSeparatesTheMajorVersionSuffix(String prefix, String pathMajor) {
        String major = pathMajor == null ? "" : pathMajor;
        assertThat(ModulePath.splitPathVersion(prefix + major)).containsExactly(prefix, major);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.y/z/v1", "x.y/z/v0", "x.y/z/v02", "x.y/z/v2.0", "gopkg.in/yaml", "gopkg.in/yaml.v02"})
    void splitPathVersionRejectsBadMajorSuffixes(String path) {
        assertThat(ModulePath.splitPathVersion(path)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789|ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789",
            "github.com/GoogleCloudPlatform/omega|github.com/!google!cloud!platform/omega",
            "github.com/Azure/azure-sdk-for-go|github.com/!azure/azure-sdk-for-go",
    })
    void escapingMarksUpperCaseLettersWithBang(String path, String escaped) {
        assertThat(ModulePath.escapePath(path)).isEqualTo(escaped);
        assertThat(ModulePath.unescapePath(escaped)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "github.com/GoogleCloudPlatform/omega|invalid escaped module path \"github.com/GoogleCloudPlatform/omega\"",
            "github.com/!google!cloud!platform!/omega|invalid escaped module path \"github.com/!google!cloud!platform!/omega\"",
            "github.com/!0google!cloud!platform/omega|invalid escaped module path \"github.com/!0google!cloud!platform/omega\"",
            "github.com/!_google!cloud!platform/omega|invalid escaped module path \"github.com/!_google!cloud!platform/omega\"",
            "github.com/!!google!cloud!platform/omega|invalid escaped module path \"github.com/!!google!cloud!platform/omega\"",
            "''|invalid escaped module path \"\": malformed module path \"\": empty string",
            "x.y/v1|invalid escaped module path \"x.y/v1\": malformed module path \"x.y/v1\": invalid version",
            "é.com|invalid escaped module path \"é.com\"",
    })
    void unescapePathRejectsBadEscapes(String escaped, String message) {
        assertThatThrownBy(() -> ModulePath.unescapePath(escaped))
                .isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1.2.3|v1.2.3",
            "v1.0.0-RC1|v1.0.0-!r!c1",
            "master|master",
            "Branch-Name|!branch-!name",
    })
    void versionsEscapeAndUnescape(String version, String escaped) {
        assertThat(ModulePath.escapeVersion(version)).isEqualTo(escaped);
        assertThat(ModulePath.unescapeVersion(escaped)).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|version \"\" invalid: disallowed version string",
            "v1!|version \"v1!\" invalid: disallowed version string",
            "a/b|version \"a/b\" invalid: disallowed version string",
            "é|internal error: inconsistency in EscapePath",
    })
    void escapeVersionRejectsNonFileNames(String version, String message) {
        assertThatThrownBy(() -> ModulePath.escapeVersion(version))
                .isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1.0.0-!R|invalid escaped version \"v1.0.0-!R\"",
            "v1.0.0-R|invalid escaped version \"v1.0.0-R\"",
            "v1!|invalid escaped version \"v1!\"",
            "aux|invalid escaped version \"aux\": \"aux\" disallowed as path element component on Windows",
            "v1.0.0-!a.|invalid escaped version \"v1.0.0-A.\": trailing dot in path element",
            "''|invalid escaped version \"\": empty path element",
    })
    void unescapeVersionRejectsBadEscapes(String escaped, String message) {
        assertThatThrownBy(() -> ModulePath.unescapeVersion(escaped))
                .isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1.2|v1.2.0",
            "v1.2.3+meta|v1.2.3",
            "v2.0.0+incompatible|v2.0.0+incompatible",
            "v2+incompatible|''",
            "v2.0.0+incompatible.1|v2.0.0",
            "bad|''",
    })
    void canonicalVersionKeepsIncompatible(String version, String want) {
        assertThat(ModulePath.canonicalVersion(version)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*/quote|rsc.io/quote|true",
            "*/quo|rsc.io/quote|false",
            "*/quo??|rsc.io/quote|true",
            "*/quo*|rsc.io/quote|true",
            "*quo*|rsc.io/quote|false",
            "rsc.io|rsc.io/quote|true",
            "*.io|rsc.io/quote|true",
            // A trailing slash on a pattern is dropped (the x/mod vendored in Go 1.26 trims it).
            "rsc.io/|rsc.io/quote|true",
            "rsc|rsc.io/quote|false",
            "rsc*|rsc.io/quote|true",
            "rsc.io|rsc.io/quote/v3|true",
            "*/quote|rsc.io/quote/v3|true",
            "*/quote/*|rsc.io/quote/v3|true",
            "*/v3|rsc.io/quote/v3|false",
            "*/*/v3|rsc.io/quote/v3|true",
            "*/*/*|rsc.io/quote/v3|true",
            "*/*/*|rsc.io/quote|false",
            "*/*/*,,|rsc.io/quote|false",
            "*/*/*,,*/quote|rsc.io/quote|true",
            ",,*/quote|rsc.io/quote|true",
            "''|rsc.io/quote|false",
            "corp.example.com,rsc.io|rsc.io/quote|true",
            "[|rsc.io/quote|false",
            "[,rsc.io|rsc.io/quote|true",
            "r[a-t]c.io|rsc.io/quote|true",
            "r[^s]c.io|rsc.io/quote|false",
            "rsc\\.io|rsc.io/quote|true",
            "rsc?io|rsc.io/quote|true",
            "rsc.io/q*|rsc.io|false",
    })
    void matchPrefixPatternsMatchesLeadingPathElements(String globs, String target, boolean want) {
        assertThat(ModulePath.matchPrefixPatterns(globs.equals("''") ? "" : globs, target)).isEqualTo(want);
    }

    private static boolean passes(Runnable check) {
        try {
            check.run();
            return true;
        } catch (InvalidModuleException e) {
            return false;
        }
    }
}

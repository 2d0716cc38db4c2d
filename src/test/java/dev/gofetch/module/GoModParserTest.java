package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// go.mod parsing, with vectors checked against `go mod edit -json` (Go 1.26).
class GoModParserTest {

    private static GoMod parse(String text) {
        return GoMod.parse("go.mod", text.getBytes(StandardCharsets.UTF_8));
    }

    private static GoMod parseLax(String text) {
        return GoMod.parseLax("go.mod", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> errors(String text) {
        return errors(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> errors(byte[] data) {
        try {
            GoMod.parse("go.mod", data);
        } catch (GoModParseException e) {
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.errors()));
            return e.errors();
        }
        throw new AssertionError("parsed without error");
    }

    /// Vectors use `\n`, `\t`, `\r` and `\xNN` (a raw byte) escapes.
    private static byte[] bytes(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char e = escaped.charAt(++i);
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case 'x' -> {
                        out.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> out.write(e);
                }
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Test
    void readsEveryDirectiveInLinesAndBlocks() {
        GoMod mod = parse("""
                // leading comment

                module example.com/m

                go 1.22rc1
                toolchain default

                godebug (
                	default=go1.21
                	panicnil=1
                )
                godebug a=b=c

                require example.com/a v1.2 // indirect
                require (
                	example.com/b/v2 v2.0.0
                	"example.com/c" "v1.0.0+incompatible"
                	example.com/d v2.0.0+incompatible // indirect; needed by d
                )

                exclude gopkg.in/yaml.v2 v2.2.1
                ignore ./x
                ignore "dir with space"
                tool example.com/cmd/x
                """);

        assertThat(mod.fileName()).isEqualTo("go.mod");
        assertThat(mod.modulePath()).isEqualTo("example.com/m");
        assertThat(mod.deprecated()).isEmpty();
        assertThat(mod.goVersion()).isEqualTo("1.22rc1");
        assertThat(mod.toolchain()).isEqualTo("default");
        assertThat(mod.godebugs()).extracting(GoMod.Godebug::key, GoMod.Godebug::value, GoMod.Godebug::line)
                .containsExactly(tuple("default", "go1.21", 9), tuple("panicnil", "1", 10), tuple("a", "b=c", 12));
        assertThat(mod.requires()).extracting(r -> r.mod().toString(), GoMod.Require::indirect, GoMod.Require::line)
                .containsExactly(
                        tuple("example.com/a@v1.2.0", true, 14),
                        tuple("example.com/b/v2@v2.0.0", false, 16),
                        tuple("example.com/c@v1.0.0+incompatible", false, 17),
                        tuple("example.com/d@v2.0.0+incompatible", true, 18));
        assertThat(mod.excludes()).extracting(e -> e.mod().toString()).containsExactly("gopkg.in/yaml.v2@v2.2.1");
        assertThat(mod.ignores()).containsExactly("./x", "dir with space");
        assertThat(mod.tools()).containsExactly("example.com/cmd/x");
    }

    @Test
    void anEmptyFileHasNothing() {
        GoMod mod = parse("");
        assertThat(mod.modulePath()).isEmpty();
        assertThat(mod.goVersion()).isEmpty();
        assertThat(mod.requires()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "// indirect                | true",
        "//indirect                 | true",
        "// indirect; needed by x   | true",
        "//\tindirect                | true",
        "// indirect foo            | false",
        "// Indirect                | false",
        "// indirectly              | false",
        "// x // indirect           | false",
    })
    void recognisesTheIndirectComment(String comment, boolean indirect) {
        GoMod mod = parse("require example.com/a v1.0.0 " + comment + "\n");
        assertThat(mod.requires().get(0).indirect()).isEqualTo(indirect);
    }

    @Test
    void anIndirectCommentOnItsOwnLineDoesNotCount() {
        GoMod mod = parse("require (\n\t// indirect\n\texample.com/g v1.0.0\n)\n");
        assertThat(mod.requires().get(0).indirect()).isFalse();
    }

    @Test
    void unquotesStringsAsGoDoes() {
        GoMod mod = parse("module \"example.com/\\u65e5\\x41\\101\"\nignore \"a\\tb\"\n");
        assertThat(mod.modulePath()).isEqualTo("example.com/日AA");
        assertThat(mod.ignores()).containsExactly("a\tb");
        assertThat(errors("ignore `raw`\n"))
                .containsExactly("go.mod:1: invalid quoted string: unquoted string cannot contain quote");
    }

    @Test
    void aQuotedInvalidUtf8ByteBecomesAReplacementCharacter() {
        GoMod mod = GoMod.parse("go.mod", bytes("ignore \"\\\\xff\"\nignore d\\xffe\n"));
        assertThat(mod.ignores()).containsExactly("\uFFFD", "d\uFFFDe");
    }

    @Test
    void deprecationIsTheFirstDeprecatedParagraphOfTheModuleComments() {
        assertThat(parse("""
                // Package m does things.
                //
                // Deprecated: use example.com/n
                // instead.
                //
                // More.
                module example.com/m
                """).deprecated()).isEqualTo("use example.com/n\ninstead.");
        assertThat(parse("// Deprecated: not attached\n\nmodule example.com/m\n").deprecated()).isEmpty();
        assertThat(parse("module example.com/m // Deprecated: in suffix\n").deprecated()).isEqualTo("in suffix");
        assertThat(parse("// Deprecated: on the block\nmodule (\n\texample.com/m\n)\n").deprecated())
                .isEqualTo("on the block");
        assertThat(parse("// deprecated: lower case\nmodule example.com/m\n").deprecated()).isEmpty();
        assertThat(parse("//Deprecated:x\r\nmodule example.com/m\r\n").deprecated()).isEqualTo("x");
    }

    @Test
    void retractionsTakeIntervalsAndRationaleFromTheirComments() {
        GoMod mod = parse("""
                module example.com/m
                // Some text
                retract (
                	// first
                	// second
                	v1.0.0

                	[v1.1.0, v1.2.0] // suffix
                	v1.3.0
                )
                retract v2.0.0 // one
                retract [ v1.0.0 , v1.1 ]
                retract [v3.0.0,v3.1.0]
                retract "v1.5.0"
                retract anything
                """);
        assertThat(mod.retracts())
                .extracting(GoMod.Retract::low, GoMod.Retract::high, GoMod.Retract::rationale, GoMod.Retract::line)
                .containsExactly(
                        tuple("v1.0.0", "v1.0.0", "first\nsecond", 6),
                        tuple("v1.1.0", "v1.2.0", "suffix", 8),
                        tuple("v1.3.0", "v1.3.0", "Some text", 9),
                        tuple("v2.0.0", "v2.0.0", "one", 11),
                        tuple("v1.0.0", "v1.1", "", 12),
                        tuple("v3.0.0", "v3.1.0", "", 13),
                        tuple("v1.5.0", "v1.5.0", "", 14),
                        tuple("anything", "anything", "", 15));
    }

    @Test
    void replacementsMayTargetAModuleVersionOrADirectory() {
        GoMod mod = parse("""
                replace (
                	example.com/a => example.com/b v1.0.0
                	example.com/a v1.0.0 => ../local
                	example.com/c => /abs
                	example.com/d => C:/x
                	example.com/e v1.0.0+incompatible => "example.com/f" v2.0.0+incompatible
                	example.com/g => .
                )
                """);
        assertThat(mod.replaces()).extracting(r -> r.old().toString(), r -> r.replacement().toString(),
                        GoMod.Replace::isLocal, GoMod.Replace::line)
                .containsExactly(
                        tuple("example.com/a", "example.com/b@v1.0.0", false, 2),
                        tuple("example.com/a@v1.0.0", "../local", true, 3),
                        tuple("example.com/c", "/abs", true, 4),
                        tuple("example.com/d", "C:/x", true, 5),
                        tuple("example.com/e@v1.0.0+incompatible", "example.com/f@v2.0.0+incompatible", false, 6),
                        tuple("example.com/g", ".", true, 7));
    }

    @Test
    void laxParsingKeepsOnlyWhatADependencyContributes() {
        String text = """
                module example.com/dep
                go 1.21.x
                toolchain nonsense
                godebug nonsense
                exclude nonsense
                replace nonsense
                tool a b c
                frobnicate
                unknown (
                	x
                )
                require a/b c (
                )
                retract [v1.0.0 v1.1.0]
                retract v1.2.0 extra // why
                require example.com/a v1.0.0
                ignore ./x
                """;
        GoMod mod = parseLax(text);
        assertThat(mod.modulePath()).isEqualTo("example.com/dep");
        assertThat(mod.goVersion()).isEqualTo("1.21");
        assertThat(mod.toolchain()).isEmpty();
        assertThat(mod.godebugs()).isEmpty();
        assertThat(mod.excludes()).isEmpty();
        assertThat(mod.replaces()).isEmpty();
        assertThat(mod.tools()).isEmpty();
        assertThat(mod.retracts()).extracting(GoMod.Retract::low, GoMod.Retract::rationale)
                .containsExactly(tuple("v1.2.0", "why"));
        assertThat(mod.requires()).extracting(r -> r.mod().toString()).containsExactly("example.com/a@v1.0.0");
        assertThat(mod.ignores()).containsExactly("./x");

        assertThat(errors(text)).containsExactly(
                "go.mod:2: invalid go version '1.21.x': must match format 1.23.0",
                "go.mod:3: invalid toolchain version 'nonsense': must match format go1.23.0 or default",
                "go.mod:4: usage: godebug key=value",
                "go.mod:5: usage: exclude module/path v1.2.3",
                "go.mod:6: usage: replace module/path [v1.2.3] => other/module v1.4\n"
                        + "\t or replace module/path [v1.2.3] => ../local/directory",
                "go.mod:7: tool directive expects exactly one argument",
                "go.mod:8: unknown directive: frobnicate",
                "go.mod:9: unknown block type: unknown",
                "go.mod:12: unknown block type: require a/b c",
                "go.mod:14: expected ',' after version",
                "go.mod:15: unexpected token after version: \"extra\"");
    }

    @Test
    void laxParsingStillRejectsBadRequirementsAndSyntax() {
        assertThatThrownBy(() -> parseLax("require example.com/a latest\n"))
                .hasMessage("go.mod:1: require example.com/a: version \"latest\" invalid: must be of the form v1.2.3");
        assertThatThrownBy(() -> parseLax("go 1.21.x.y\ngo v1.22\n"))
                .hasMessage("go.mod:2: repeated go statement");
        assertThatThrownBy(() -> parseLax("go x1.21\n"))
                .hasMessage("go.mod:1: invalid go version 'x1.21': must match format 1.23.0");
        assertThatThrownBy(() -> parseLax("module x /* c */\n"))
                .hasMessage("go.mod:1:10: mod files must use // comments (not /* */ comments)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "module example.com/m\\n\\ngo 1.21\\nfoo bar\\n                | go.mod:4: unknown directive: foo",
        "\"module\" x\\n                                              | go.mod:1: unknown directive: \"module\"",
        "require (\\n\\texample.com/a v1.2\\n\\texample.com/b/v2 v1.0.0\\n)\\n"
                + "| go.mod:3:2: require example.com/b/v2: version \"v1.0.0\" invalid: should be v2, not v1",
        "module \"example.com/\\\\q\"\\n                               | go.mod:1: invalid quoted string: invalid syntax",
        "module 'x'\\n                               | go.mod:1: invalid quoted string: unquoted string cannot contain quote",
        "module a\"b\\n                              | go.mod:1: invalid quoted string: unquoted string cannot contain quote",
        "module\\n                                                   | go.mod:1: usage: module module/path",
        "module a b\\n                                               | go.mod:1: usage: module module/path",
        "module a\\nmodule b\\n                                      | go.mod:2: repeated module statement",
        "go 1.21\\ngo 1.22\\n                                        | go.mod:2: repeated go statement",
        "go 1.21.x\\n                       | go.mod:1: invalid go version '1.21.x': must match format 1.23.0",
        "go 1.021\\n                        | go.mod:1: invalid go version '1.021': must match format 1.23.0",
        "go\\n                                          | go.mod:1: go directive expects exactly one argument",
        "toolchain go2\\n   | go.mod:1: invalid toolchain version 'go2': must match format go1.23.0 or default",
        "toolchain go1.21 x\\n                   | go.mod:1: toolchain directive expects exactly one argument",
        "toolchain go1.21\\ntoolchain default\\n                      | go.mod:2: repeated toolchain statement",
        "godebug k\\n                                                | go.mod:1: usage: godebug key=value",
        "godebug \"k=v\"\\n                                          | go.mod:1: usage: godebug key=value",
        "godebug k=v,w\\n                                            | go.mod:1: usage: godebug key=value",
        "require example.com/a\\n                                    | go.mod:1: usage: require module/path v1.2.3",
        "require example.com/a latest\\n"
                + "| go.mod:1: require example.com/a: version \"latest\" invalid: must be of the form v1.2.3",
        "require example.com/a v1.0.0'\\n"
                + "| go.mod:1: require example.com/a: version \"v1.0.0'\" invalid: unquoted string cannot contain quote",
        "require example.com/a \"v1\\\\x\"\\n"
                + "| go.mod:1: require example.com/a: version \"\\\"v1\\\\x\\\"\" invalid: invalid syntax",
        "require example.com/a/v2.1 v1.0.0\\n                        | go.mod:1: invalid module path",
        "require example.com/a v2.0.0\\n"
                + "| go.mod:1: require example.com/a: version \"v2.0.0\" invalid: should be v0 or v1, not v2",
        "exclude gopkg.in/yaml.v2 v3.0.0\\n"
                + "| go.mod:1: exclude gopkg.in/yaml.v2: version \"v3.0.0\" invalid: should be v2, not v3",
        "replace a => b\\n"
                + "| go.mod:1: replacement module without version must be directory path (rooted or starting with . or ..)",
        "replace a => b@v1.0.0\\n"
                + "| go.mod:1: replacement module must match format 'path version', not 'path@version'",
        "replace a => ./d v1.0.0\\n| go.mod:1: replacement module directory path \"./d\" cannot have version",
        "replace a => .\\\\d\\n| go.mod:1: replacement directory appears to be Windows path (on a non-windows system)",
        "replace a/v2.1 => ./x\\n                                    | go.mod:1: replace a/v2.1: invalid module path",
        "replace a/v2 v1.0.0 => ./x\\n"
                + "| go.mod:1: replace a/v2: version \"v1.0.0\" invalid: should be v2, not v1",
        "replace \"\" v2.0.0 => ./x\\n | go.mod:1: replace: version \"v2.0.0\" invalid: should be v0 or v1, not v2",
        "retract\\n                                                  | go.mod:1: expected '[' or version",
        "retract (\\n\\t(\\n)\\n                                     | go.mod:2:2: expected '[' or version",
        "retract [\\n                                                | go.mod:1: expected version after '['",
        "retract [v1.0.0\\n                                          | go.mod:1: expected ',' after version",
        "retract [v1.0.0,\\n                                         | go.mod:1: expected version after ','",
        "retract [v1.0.0, v1.1.0\\n                                  | go.mod:1: expected ']' after version",
        "retract [v1.0.0, v1.1.0] extra\\n                | go.mod:1: unexpected token after version: \"extra\"",
        "retract v1.0.0 v1.1.0\\n                        | go.mod:1: unexpected token after version: \"v1.1.0\"",
        "retract 'x'\\n"
                + "| go.mod:1: retract: version \"'x'\" invalid: unquoted string cannot contain quote",
        "tool\\n                                      | go.mod:1: tool directive expects exactly one argument",
        "ignore a b\\n                              | go.mod:1: ignore directive expects exactly one argument",
        "require (\\n\\texample.com/a v1.0.0\\n  | go.mod:3: syntax error (unterminated block started at go.mod:1:1)",
        "require (\\n) x\\n                        | go.mod:2:4: syntax error (expected newline after closing paren)",
        "module x /* c */\\n                   | go.mod:1:10: mod files must use // comments (not /* */ comments)",
        "module x/*c*/\\n                       | go.mod:1:9: mod files must use // comments (not /* */ comments)",
        "module \"abc\\n                                             | go.mod:1:12: unexpected newline in string",
        "module \"abc                                                | go.mod:1:8: unexpected EOF in string",
        "module \"abc\\\\                                              | go.mod:1:8: unexpected EOF in string",
        "module \\x0b\\n                                     | go.mod:1:8: unexpected input character '\\v'",
        "module \\xc2\\xa0x\\n                            | go.mod:1:8: unexpected input character '\\u00a0'",
        "module é\\xe2\\x80\\x8b\\n                       | go.mod:1:9: unexpected input character '\\u200b'",
        "require ( x\\n | go.mod:1: require (: version \"x\" invalid: must be of the form v1.2.3",
        "foo (\\n)\\n                                                 | go.mod:1: unknown block type: foo",
        "require a b (\\n)\\n                                         | go.mod:1: unknown block type: require a b",
        "require a v1.0.0 ( )\\n                                 | go.mod:1: unknown block type: require a v1.0.0",
        "go (\\n)\\n                                                  | go.mod:1: unknown block type: go",
        "\\t\\tmodule  é\\n\\t\\tfoo\\n                                   | go.mod:2:3: unknown directive: foo",
        "require \\xff v2.0.0\\n     | go.mod:1: require \uFFFD: version \"v2.0.0\" invalid: should be v0 or v1, not v2",
    })
    void reportsErrorsAsTheGoCommandDoes(String escapedText, String expected) {
        assertThat(errors(bytes(escapedText))).containsExactly(expected);
    }

    @Test
    void collectsEveryDirectiveErrorButStopsAtTheFirstSyntaxError() {
        assertThat(errors("go 1\nfoo\nrequire a\n")).containsExactly(
                "go.mod:1: invalid go version '1': must match format 1.23.0",
                "go.mod:2: unknown directive: foo",
                "go.mod:3: usage: require module/path v1.2.3");
        assertThat(errors("go 1\nfoo /* x */\nrequire a\n")).containsExactly(
                "go.mod:2:5: mod files must use // comments (not /* */ comments)");
    }

    @Test
    void errorsNameTheFileAsGiven() {
        assertThatThrownBy(() -> GoMod.parse("/tmp/x/go.mod", "require (\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("/tmp/x/go.mod:2: syntax error (unterminated block started at /tmp/x/go.mod:1:1)");
    }

    @Test
    void arbitraryBytesEitherParseOrFailWithParseErrors() {
        String alphabet = "module require retract replace go ( ) [ ] , => \" ` ' \\ // /* \n\t\r v1.0.0 x.y/z é";
        String[] words = alphabet.split(" ");
        Random rnd = new Random(42);
        for (int i = 0; i < 3000; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n = rnd.nextInt(30);
            for (int k = 0; k < n; k++) {
                if (rnd.nextInt(6) == 0) {
                    out.write(rnd.nextInt(256));
                } else {
                    out.writeBytes(words[rnd.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
                    out.write(rnd.nextBoolean() ? ' ' : '\n');
                }
            }
            byte[] data = out.toByteArray();
            for (boolean strict : new boolean[] {true, false}) {
                try {
                    GoModParser.parse("go.mod", data, strict);
                } catch (GoModParseException e) {
                    assertThat(e.errors()).isNotEmpty().allMatch(m -> m.startsWith("go.mod:"));
                }
            }
        }
    }
}

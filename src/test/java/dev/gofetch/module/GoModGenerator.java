package dev.gofetch.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/// Random go.mod text, valid and malformed, for differential tests against the go command.
/// Deterministic for a given seed. Every file is valid UTF-8 (so the go command's output is too).
final class GoModGenerator {
    private final Random rnd;

    GoModGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    /// Path and version pairs that go together, versions in various spellings.
    private static final String[][] GOOD_REQUIREMENTS = {
        {"example.com/m", "v1.2.3"}, {"golang.org/x/text", "v0.3"}, {"github.com/a/b", "v1"},
        {"gopkg.in/yaml.v2", "v2.4.0"}, {"gopkg.in/check.v1", "v0.0.0-20161208181325-20d25e280405"},
        {"example.com/m/v2", "v2.0.0"}, {"example.com/m/v3", "\"v3.1.4\""}, {"rsc.io/quote", "v1.5.2"},
        {"example.com/é", "v1.0.0-rc.1"}, {"example.com/日本", "v1.0.0+meta"}, {"\"example.com/quoted\"", "v0.1.0"},
        {"\"example.com/with space\"", "v1.0.0"}, {"example.com/old", "v2.0.0+incompatible"},
        {"\"example.com/esc\\u00e9\"", "v1.0.0-pre+build"},
    };

    private static final String[] PATHS = {
        "example.com/m", "golang.org/x/text", "github.com/a/b", "gopkg.in/yaml.v2", "gopkg.in/check.v1",
        "example.com/m/v2", "example.com/m/v3", "rsc.io/quote", "example.com/é", "example.com/日本",
        "\"example.com/quoted\"", "\"example.com/with space\"", "\"example.com/esc\\u00e9\"",
        // malformed in one way or another
        "example.com/m/v1", "example.com/m/v2.1", "gopkg.in/foo", "gopkg.in/foo.v0x", "\"bad\\q\"", "'single'",
        "a\"b", "`raw`", "\"\"", "example.com/m/v0", "/v2", "x/v10",
    };

    private static final String[] VERSIONS = {
        "v1.2.3", "v1.2", "v1", "v0.0.0-20200101000000-abcdefabcdef", "v2.0.0+incompatible", "v1.0.0-rc.1",
        "v1.0.0+meta", "v0.1.0", "v2.0.0", "v3.1.4", "\"v1.5.0\"", "v1.0.0-pre+build",
        // malformed
        "1.2.3", "v1.2.3.4", "latest", "v01.0.0", "v1'", "\"v1\\x\"", "v1.0.0+incompatible+x", "master", "\"\"",
    };

    private static final String[] GO_VERSIONS = {
        "1.21", "1.21.0", "1.22rc1", "1.23.4", "1.0", "2.0", "1.2.3.4", "1", "v1.21", "1.021", "go1.21", "\"1.21\"",
        "1.21beta", "1.21.x",
    };

    private static final String[] TOOLCHAINS = {
        "go1.21.3", "default", "go1", "go1.22rc1", "go1.21.0-gccgo", "go2", "1.21", "gccgo", "go1x", "\"go1.21\"",
    };

    private static final String[] GODEBUGS = {
        "key=value", "default=go1.21", "panicnil=1", "k=", "a=b=c", "=x", "novalue", "\"a=b\"", "k=v,w", "k='v'",
    };

    private static final String[] DIRS = {
        "./local", "../up", "/abs/dir", ".", "..", "\"./with space\"", "d:/x", "C:\\win", ".\\win", "\\\\server",
    };

    private static final String[] COMMENTS = {
        "// indirect", "// indirect; for tests", "//indirect", "// Indirect", "// just text", "// indirect foo",
        "//", "// Deprecated: use example.com/other", "// 日本語",
    };

    private static final String[] JUNK = {
        "foo", "(", ")", "[", "]", ",", "{", "}", "=>", "x,y", "a(b", "\"unterminated\"x",
    };

    String file() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(9);
        if (rnd.nextInt(5) > 0) {
            bad = chance(10);
            sb.append(moduleDirective());
        }
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(6) == 0) {
                sb.append(wholeLineComments());
            }
            if (rnd.nextInt(8) == 0) {
                sb.append('\n');
            }
            sb.append(statement());
        }
        String text = sb.toString();
        if (rnd.nextInt(12) == 0) {
            text = text.replace("\n", "\r\n");
        }
        if (rnd.nextInt(10) == 0 && text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (rnd.nextInt(25) == 0) {
            text = lexicalTrouble(text);
        }
        return text;
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private boolean chance(int oneIn) {
        return rnd.nextInt(oneIn) == 0;
    }

    private String ws() {
        return switch (rnd.nextInt(8)) {
            case 0 -> "\t";
            case 1 -> "  ";
            case 2 -> " \t ";
            default -> " ";
        };
    }

    private String path() {
        return chance(3) ? PATHS[rnd.nextInt(8)] : pick(PATHS);
    }

    private String version() {
        return chance(2) ? VERSIONS[rnd.nextInt(5)] : pick(VERSIONS);
    }

    /// Whether the statement being generated may be malformed.
    private boolean bad;

    private String[] requirement() {
        return bad ? new String[] {path(), version()} : pick(GOOD_REQUIREMENTS);
    }

    private String goodOrBad(String[] pool, int good) {
        return bad ? pick(pool) : pool[rnd.nextInt(good)];
    }

    private String eol() {
        return (chance(6) ? ws() + pick(COMMENTS) : chance(15) ? ws() : "") + "\n";
    }

    private String moduleDirective() {
        StringBuilder sb = new StringBuilder();
        if (chance(3)) {
            sb.append(deprecationComment());
        }
        String p = bad ? pick(PATHS) : PATHS[rnd.nextInt(13)];
        if (chance(8)) {
            sb.append("module (\n").append('\t').append(p).append(eol()).append(")\n");
        } else if (bad && chance(3)) {
            sb.append("module").append(chance(2) ? "" : " " + p + " extra").append(eol());
        } else {
            sb.append("module").append(ws()).append(p).append(chance(4) ? ws() + "// Deprecated: in suffix" : "")
                    .append("\n");
        }
        return sb.toString();
    }

    private String deprecationComment() {
        return switch (rnd.nextInt(5)) {
            case 0 -> "// Deprecated: use example.com/new instead.\n";
            case 1 -> "// Some module.\n//\n// Deprecated: second paragraph\n// continues here.\n//\n// Third.\n";
            case 2 -> "//Deprecated:no space\n";
            case 3 -> "// deprecated: lower case does not count\n";
            default -> "// Deprecated:\n";
        };
    }

    private String wholeLineComments() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(chance(4) ? ws() : "").append(pick(COMMENTS)).append('\n');
        }
        return sb.toString();
    }

    private String statement() {
        bad = chance(8);
        return switch (rnd.nextInt(14)) {
            case 0, 1, 2 -> directiveOrBlock("require", this::requireArgs);
            case 3 -> directiveOrBlock("exclude", this::requireArgs);
            case 4, 5 -> directiveOrBlock("replace", this::replaceArgs);
            case 6 -> directiveOrBlock("retract", this::retractArgs);
            case 7 -> "go" + ws() + (bad && chance(10) ? "" : goodOrBad(GO_VERSIONS, 6))
                    + (bad && chance(5) ? " 1.22" : "") + eol();
            case 8 -> "toolchain" + ws() + goodOrBad(TOOLCHAINS, 5) + (bad && chance(5) ? " extra" : "") + eol();
            case 9 -> directiveOrBlock("godebug", () -> goodOrBad(GODEBUGS, 6));
            case 10 -> directiveOrBlock("ignore", () -> goodOrBad(DIRS, 7) + (bad && chance(5) ? " extra" : ""));
            case 11 -> directiveOrBlock("tool",
                    () -> requirement()[0] + (chance(2) ? "/cmd/x" : "") + (bad && chance(5) ? " y" : ""));
            case 12 -> bad ? oddStatement() : moduleDirective();
            default -> chance(2) ? moduleDirective() : directiveOrBlock("require", this::requireArgs);
        };
    }

    private interface Args {
        String get();
    }

    private String directiveOrBlock(String verb, Args args) {
        if (chance(3)) {
            StringBuilder sb = new StringBuilder();
            if (chance(4)) {
                sb.append("// block comment for ").append(verb).append('\n');
            }
            sb.append(verb).append(bad && chance(10) ? " extra" : "").append(ws()).append("(")
                    .append(chance(5) ? ws() + "// on the paren" : "").append('\n');
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (chance(4)) {
                    sb.append('\t').append(pick(COMMENTS)).append('\n');
                }
                if (chance(6)) {
                    sb.append('\n');
                }
                sb.append(chance(10) ? "" : "\t").append(args.get()).append(eol());
            }
            sb.append(bad && chance(10) ? ") trailing\n" : ")" + eol());
            return sb.toString();
        }
        if (chance(25)) {
            return verb + " ()" + eol();
        }
        return verb + ws() + args.get() + eol();
    }

    private String requireArgs() {
        List<String> a = new ArrayList<>(List.of(requirement()));
        mutate(a);
        return String.join(ws(), a);
    }

    private String replaceArgs() {
        List<String> a = new ArrayList<>();
        String[] old = requirement();
        a.add(old[0]);
        if (chance(2)) {
            a.add(old[1]);
        }
        a.add(bad && chance(5) ? "->" : "=>");
        switch (rnd.nextInt(bad ? 5 : 3)) {
            case 0, 1 -> a.addAll(List.of(requirement()));
            case 2 -> a.add(goodOrBad(DIRS, 7));
            case 3 -> a.add(chance(2) ? path() : path() + "@v1.0.0");
            default -> {
                a.add(pick(DIRS));
                a.add(version());
            }
        }
        mutate(a);
        return String.join(ws(), a);
    }

    private String retractArgs() {
        List<String> a = new ArrayList<>();
        switch (rnd.nextInt(bad ? 4 : 3)) {
            case 0, 1 -> a.add(version());
            case 2 -> a.addAll(List.of("[", version(), ",", version(), "]"));
            default -> {
                a.add(chance(2) ? "[" + version() : "[");
                a.add(version() + (chance(2) ? "," : ""));
                a.add(version() + "]");
            }
        }
        if (bad && chance(3)) {
            a.add(chance(2) ? "(" : "v9.9.9");
        }
        mutate(a);
        String text = String.join(chance(3) ? "" : ws(), a);
        return text + (chance(3) ? " // rationale: " + pick(new String[] {"broken", "security fix", "oops"}) : "");
    }

    private void mutate(List<String> a) {
        if (!bad) {
            return;
        }
        if (chance(4) && !a.isEmpty()) {
            a.remove(rnd.nextInt(a.size()));
        }
        if (chance(4)) {
            a.add(rnd.nextInt(a.size() + 1), pick(JUNK));
        }
    }

    private String oddStatement() {
        return switch (rnd.nextInt(12)) {
            case 0 -> "foo bar" + eol();
            case 1 -> "\"require\" example.com/m v1.0.0" + eol();
            case 2 -> "foo (\n\tx\n)\n";
            case 3 -> "require example.com/m (\n\tv1.0.0\n)\n";
            case 4 -> "go (\n\t1.21\n)\n";
            case 5 -> "require example.com/m v1.0.0 ( )" + eol();
            case 6 -> "exclude ( ) extra" + eol();
            case 7 -> "( require x" + eol();
            case 8 -> "] x" + eol();
            case 9 -> "replace example.com/a => example.com/b v1.0.0 => c" + eol();
            case 10 -> "require example.com/m v1.0.0//indirect\n";
            default -> "require\texample.com/日本 v1.0.0 // indirect; 日本\n";
        };
    }

    /// A file that trips the lexer or the block structure, which stops modfile at the first problem.
    private String lexicalTrouble(String text) {
        String trouble = switch (rnd.nextInt(8)) {
            case 0 -> "/* block comment */\n";
            case 1 -> "module \"unterminated\n";
            case 2 -> "require example.com/m v1.0.0 \u000b\n";
            case 3 -> "require \u00a0x\n";
            case 4 -> "require (\n\texample.com/m v1.0.0\n";
            case 5 -> "require (\n) x\n";
            case 6 -> "module é/*x*/\n";
            default -> "replace \"a\\\" => b\n";
        };
        int at = text.indexOf('\n', rnd.nextInt(text.length() + 1));
        return at < 0 ? text + "\n" + trouble : text.substring(0, at + 1) + trouble + text.substring(at + 1);
    }
}

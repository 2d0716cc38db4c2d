package dev.gofetch.cli;

import dev.gofetch.module.GoStrings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.env.GoEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// The command's formats and flag handling without a go command (the differential test compares
/// with the real one).
class EnvCommandTest {
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void noGoInstalled() {
        env.put("HOME", "/home/gopher");
        env.put("PATH", "");
        env.put("GOENV", "off");
    }

    private int run(String... args) {
        return EnvCommand.run(List.of(args), GoEnv.load(env),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutNamesListsOurVariablesAsAShellScript() {
        env.put("GOPRIVATE", "it's");
        assertThat(run()).isZero();
        assertThat(stdout()).isEqualTo("""
                GOAUTH='netrc'
                GOENV=''
                GOFLAGS=''
                GOINSECURE=''
                GOMODCACHE='/home/gopher/go/pkg/mod'
                GONOPROXY='it'\\''s'
                GONOSUMDB='it'\\''s'
                GOPATH='/home/gopher/go'
                GOPRIVATE='it'\\''s'
                GOPROXY='https://proxy.golang.org,direct'
                GOROOT=''
                GOSUMDB='sum.golang.org'
                GOTOOLCHAIN='auto'
                GOVCS=''
                """);
    }

    @Test
    void namesPrintBareValuesInArgumentOrder() {
        env.put("GOPROXY", "a b");
        assertThat(run("GOSUMDB", "GOPROXY", "GOSUMDB", "UNKNOWN")).isZero();
        assertThat(stdout()).isEqualTo("sum.golang.org\na b\nsum.golang.org\n\n");
    }

    @Test
    void jsonIsSortedTabIndentedAndEscapedLikeGo() {
        env.put("GOPROXY", "<a&b> \"q\" \\ \n\t\u0001 é \u2028\u007f");
        assertThat(run("-json", "GOSUMDB", "GOPROXY", "GOSUMDB")).isZero();
        assertThat(stdout()).isEqualTo("{\n"
                + "\t\"GOPROXY\": \"\\u003ca\\u0026b\\u003e \\\"q\\\" \\\\ \\n\\t\\u0001 é \\u2028\u007f\",\n"
                + "\t\"GOSUMDB\": \"sum.golang.org\"\n"
                + "}\n");
    }

    @Test
    void jsonKeysSortByCodePointLikeGoStrings() {
        // UTF-16 order would put U+1F600 (a surrogate pair, D83D...) before U+FF21.
        assertThat(run("-json", "\ud83d\ude00", "\uff21", "B", "a")).isZero();
        assertThat(stdout()).isEqualTo("{\n\t\"B\": \"\",\n\t\"a\": \"\",\n\t\"\uff21\": \"\",\n\t\"\ud83d\ude00\": \"\"\n}\n");
    }

    @Test
    void changedListsOnlyVariablesThatDifferFromTheDefaults() {
        env.put("GOPROXY", "https://proxy.golang.org,direct");
        env.put("GOSUMDB", "off");
        assertThat(run("-changed")).isZero();
        assertThat(stdout()).isEqualTo("GOSUMDB='off'\n");
        out.reset();
        assertThat(run("-changed", "-json", "GOPROXY")).isZero();
        assertThat(stdout()).isEqualTo("{}\n");
    }

    @Test
    void goflagsCanSetJson() {
        env.put("GOFLAGS", "-mod=mod -json");
        assertThat(run("GOFLAGS")).isZero();
        assertThat(stdout()).isEqualTo("{\n\t\"GOFLAGS\": \"-mod=mod -json\"\n}\n");
    }

    @Test
    void unknownFlagsPrintUsageAndExitTwo() {
        assertThat(run("-x", "GOPROXY=x")).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("flag provided but not defined: -x\n" + EnvCommand.USAGE);
    }

    @Test
    void anAssignmentIsNotAVariableName() {
        assertThat(run("GOPROXY", "GOPROXY=off")).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("gofetch: invalid variable name \"GOPROXY=off\" (use -w to set variable)\n");
    }
}

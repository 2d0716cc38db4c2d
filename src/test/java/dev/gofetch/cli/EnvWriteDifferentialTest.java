package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/// `go env -w`/`-u` and `gofetch env -w`/`-u` run the same sequence of edits, each against its own
/// env file starting from the same bytes; after every step the exit status, the output (with `go`
/// renamed to `gofetch` and the file's directory neutralised) and the file's bytes must agree.
class EnvWriteDifferentialTest {
    @TempDir
    Path tmp;

    /// A hand-edited file: comments, a blank line, a lower-case key (not a setting, but a key to the
    /// editor), duplicates, lines that are not settings, non-ASCII keys and values, no final newline.
    private static final String MESSY = """
            # written by hand
            GOPROXY=https://first.example
            lower=case
            GOSUMDB=off
            GOPROXY=https://second.example|direct

            ZZZ=kept because it is in the file
            GOPRIVATE=*.corp.example
            not a setting
            #GONOSUMDB=commented
            É=accented key
            A#B=hash in key
            =no key
            GONOPROXY=git.corp.example/ünïcode""";

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("fresh file: set, change, unset until empty", null, List.of(
                        List.of("-w", "GOPROXY=https://a.example,direct", "GOPRIVATE=*.corp.example"),
                        List.of("-w", "GONOSUMDB=x.example", "GOFLAGS=-mod=mod", "GOINSECURE="),
                        List.of("-w", "GOPROXY=https://b.example|https://c.example,off"),
                        List.of("-u", "GOPRIVATE"),
                        List.of("-u", "GOPROXY", "GONOSUMDB", "GOFLAGS", "GOINSECURE"),
                        List.of("-u", "GOPROXY"))),
                Arguments.of("a hand-edited file keeps what it does not touch", MESSY, List.of(
                        List.of("-w", "GOFLAGS=-mod=mod", "GOPROXY=https://third.example"),
                        List.of("-w", "ZZZ=changed", "GONOSUMDB=sum.corp.example"),
                        List.of("-u", "ZZZ", "lower"),
                        List.of("-w", "ZZZ=unknown now"),
                        List.of("-u", "GOTOOLCHAIN"),
                        List.of("-w", "GO111MODULE=on", "GOPATH=/abs/gopath", "GOMODCACHE=", "CC=gcc -O2",
                                "CXX='/opt/my cxx/g++' -x", "GOTMPDIR=/tmp/x", "GOAUTH=netrc"))),
                Arguments.of("an unsorted file is sorted in runs by any edit", "B=1\nA=2\n# c\nD=3\nC=4\n", List.of(
                        List.of("-u", "GOPROXY"))),
                Arguments.of("refused edits leave the file alone", "GOPROXY=https://kept.example\n", List.of(
                        List.of("-w"),
                        List.of("-u"),
                        List.of("-w", "GOPROXY"),
                        List.of("-w", "GOENV=/x"),
                        List.of("-u", "GODEBUG"),
                        List.of("-w", "GOVERSION=go1"),
                        List.of("-w", "GOWORK=off"),
                        List.of("-w", "NOT_A_GO_VARIABLE=1"),
                        List.of("-w", "GO111MODULE=maybe"),
                        List.of("-w", "GOPATH=relative/dir"),
                        List.of("-w", "GOPATH=~/go"),
                        List.of("-w", "GOMODCACHE=rel"),
                        List.of("-w", "CC=bin/gcc"),
                        List.of("-w", "CC='unterminated"),
                        List.of("-w", "CXX=   "),
                        List.of("-w", "GOTMPDIR=rel"),
                        List.of("-w", "GOPRIVATE=a", "GOPRIVATE=b"),
                        List.of("-w", "GOPRIVATE=a\nb"),
                        List.of("-w", "GOPRIVATE=a\rb"),
                        List.of("-json", "-w", "GOPROXY=x"),
                        List.of("-json", "-u", "GOPROXY"),
                        List.of("-u", "-w", "GOPROXY"))),
                Arguments.of("the process environment wins, with a warning", null, List.of(
                        // GOSUMDB is "off" in the process environment: setting it to anything else warns.
                        List.of("-w", "GOSUMDB=sum.golang.org", "GONOPROXY=x"),
                        List.of("-w", "GOSUMDB=off"),
                        // warned about, then refused for the next argument
                        List.of("-w", "GOSUMDB=other", "NOPE=1"))),
                Arguments.of("unsetting without a file fails", null, List.of(
                        List.of("-u", "GOPROXY"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void editsGiveTheGoCommandsBytesAndMessages(String name, String initial, List<List<String>> steps)
            throws IOException {
        Path goDir = Files.createDirectories(tmp.resolve("go-side"));
        Path oursDir = Files.createDirectories(tmp.resolve("gofetch-side"));
        // The files live one directory further down, which the first write must create.
        Path goFile = goDir.resolve("cfg/env");
        Path ourFile = oursDir.resolve("cfg/env");
        if (initial != null) {
            for (Path f : List.of(goFile, ourFile)) {
                Files.createDirectories(f.getParent());
                Files.write(f, initial.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (List<String> step : steps) {
            String[] args = Stream.concat(Stream.of("env"), step.stream()).toArray(String[]::new);
            GoTool.Result go = GoTool.run(goDir, environment(goDir, goFile), args);
            GoTool.Result ours = GofetchRunner.run(oursDir, environment(oursDir, ourFile), args);
            String expectedErr = go.stderr().replaceAll("(?m)^go: ", "gofetch: ").replace(goDir.toString(), "DIR");
            assertThat(ours.exitCode()).as("exit status of %s\n%s", step, go.stderr()).isEqualTo(go.exitCode());
            assertThat(ours.stdout()).as("stdout of %s", step).isEqualTo(go.stdout());
            assertThat(ours.stderr().replace(oursDir.toString(), "DIR")).as("stderr of %s", step).isEqualTo(expectedErr);
            assertThat(Files.exists(ourFile)).as("file exists after %s", step).isEqualTo(Files.exists(goFile));
            if (Files.exists(goFile)) {
                assertThat(new String(Files.readAllBytes(ourFile), StandardCharsets.ISO_8859_1))
                        .as("file after %s", step)
                        .isEqualTo(new String(Files.readAllBytes(goFile), StandardCharsets.ISO_8859_1));
            }
        }
    }

    @ParameterizedTest(name = "GOENV={0} HOME={1} XDG_CONFIG_HOME={2}")
    @CsvSource(nullValues = "-", value = {
        "off, home, -",
        "-, home, -",
        "-, home, /XDG",
        "-, -, -",
        "-, home, relative/config",
    })
    void theFileIsFoundWhereTheGoCommandLooks(String goenv, String home, String xdg) throws IOException {
        Path goDir = Files.createDirectories(tmp.resolve("go-side"));
        Path oursDir = Files.createDirectories(tmp.resolve("gofetch-side"));
        for (String[] args : List.of(new String[] {"env", "-w", "GOPROXY=x"}, new String[] {"env", "-u", "GOPROXY"},
                new String[] {"env", "-u", "GOPROXY"})) {
            GoTool.Result go = GoTool.run(goDir, placed(goDir, goenv, home, xdg), args);
            GoTool.Result ours = GofetchRunner.run(oursDir, placed(oursDir, goenv, home, xdg), args);
            assertThat(ours.exitCode()).as(go.stderr()).isEqualTo(go.exitCode());
            assertThat(ours.stderr().replace(oursDir.toString(), "DIR"))
                    .isEqualTo(go.stderr().replaceAll("(?m)^go: ", "gofetch: ").replace(goDir.toString(), "DIR"));
            for (String where : List.of("home/.config/go/env", "XDG/go/env")) {
                Path goFile = goDir.resolve(where);
                Path ourFile = oursDir.resolve(where);
                assertThat(Files.exists(ourFile)).as(where).isEqualTo(Files.exists(goFile));
                if (Files.exists(goFile)) {
                    assertThat(Files.readAllBytes(ourFile)).isEqualTo(Files.readAllBytes(goFile));
                }
            }
        }
    }

    private static Map<String, String> placed(Path scratch, String goenv, String home, String xdg) {
        Map<String, String> env = GoTool.pinnedEnv(scratch, "off");
        env.remove("GOENV");
        env.remove("HOME");
        if (goenv != null) {
            env.put("GOENV", goenv);
        }
        if (home != null) {
            env.put("HOME", scratch.resolve(home).toString());
        }
        if (xdg != null) {
            env.put("XDG_CONFIG_HOME", xdg.startsWith("/") ? scratch.resolve(xdg.substring(1)).toString() : xdg);
        }
        return env;
    }

    private static Map<String, String> environment(Path scratch, Path envFile) {
        Map<String, String> env = GoTool.pinnedEnv(scratch, "off");
        env.put("GOENV", envFile.toString());
        return env;
    }
}

package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gofetch.env.GoEnv;
import dev.gofetch.env.GoEnvException;
import dev.gofetch.testing.GoTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Runs the real `go env` and `gofetch env` with the same process environment and compares
/// stdout byte for byte, the exit status, and stderr (with `go` renamed to `gofetch`).
class EnvCommandDifferentialTest {
    private static final List<String> SETTINGS_WE_RESOLVE = List.of(
            "GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOVCS", "GOAUTH",
            "GOTOOLCHAIN", "GOFLAGS", "GOMODCACHE", "GOPATH", "GOENV", "GOROOT");

    @TempDir
    Path tmp;

    /// Shared so that `go env`'s C compiler probes are cached once for the class.
    @TempDir
    static Path sharedGoCache;

    @BeforeAll
    static void requireGoWithGoAuth() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("GOENV", "off");
        String version = GoTool.run(Path.of(System.getProperty("java.io.tmpdir")), env, "env", "GOVERSION")
                .requireSuccess().stdout().strip();
        Matcher m = Pattern.compile("go1\\.(\\d+)").matcher(version);
        assumeTrue(m.lookingAt() && Integer.parseInt(m.group(1)) >= 24, "needs Go 1.24+ (GOAUTH), have " + version);
    }

    /// The pinned environment with none of the settings gofetch resolves: what a fresh user has.
    private Map<String, String> freshUser() throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(tmp, "off");
        SETTINGS_WE_RESOLVE.forEach(env::remove);
        env.put("GOCACHE", sharedGoCache.toString());
        // The go binary the test runs must be the one gofetch finds on PATH.
        String goBin = Path.of(GoTool.binary()).getParent().toString();
        env.put("PATH", goBin + ":" + env.get("PATH"));
        Files.createDirectories(tmp.resolve("home"));
        return env;
    }

    private record Outcome(int status, String stdout, String stderr) {}

    private Outcome go(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env"));
        cmd.addAll(List.of(args));
        Path work = Files.createDirectories(tmp.resolve("work"));
        GoTool.Result r = GoTool.run(work, env, cmd.toArray(String[]::new));
        String stderr = r.stderr()
                .replace("usage: go env [-json] [-changed] [-u] [-w] [var ...]\nRun 'go help env' for details.\n",
                        EnvCommand.USAGE)
                .replaceAll("(?m)^go: ", "gofetch: ");
        return new Outcome(r.exitCode(), r.stdout(), stderr);
    }

    /// What the CLI does: load the settings (fatal problems exit 2), print warnings, run the command.
    private static Outcome gofetch(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status;
        try {
            GoEnv goEnv = GoEnv.load(env);
            goEnv.warnings().forEach(w -> errStream.print(w + "\n"));
            status = EnvCommand.run(List.of(args), goEnv, new PrintStream(out, true, StandardCharsets.UTF_8), errStream);
        } catch (GoEnvException e) {
            errStream.print("gofetch: " + e.getMessage() + "\n");
            status = 2;
        }
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void assertSameAsGo(Map<String, String> env, String... args) throws IOException {
        Outcome expected = go(env, args);
        assertThat(gofetch(env, args)).as("gofetch env %s", String.join(" ", args)).isEqualTo(expected);
    }

    private static String[] knownNames(String... flags) {
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(GoEnv.KNOWN);
        return args.toArray(String[]::new);
    }

    /// Every way of printing: values, JSON, shell script of changed values, and the full listing
    /// (go's listing filtered to our variables).
    private void assertAllFormsSameAsGo(Map<String, String> env) throws IOException {
        assertSameAsGo(env, knownNames());
        assertSameAsGo(env, knownNames("-json"));
        assertSameAsGo(env, knownNames("-changed"));
        assertSameAsGo(env, knownNames("-json", "-changed"));
        Outcome full = go(env);
        if (full.status() == 0 && !GoEnv.KNOWN.stream().map(env::get).anyMatch(v -> v != null && v.contains("\n"))) {
            String ours = Pattern.compile("\n").splitAsStream(full.stdout())
                    .filter(line -> GoEnv.KNOWN.contains(line.substring(0, line.indexOf('='))))
                    .map(line -> line + "\n")
                    .collect(Collectors.joining());
            assertThat(gofetch(env)).isEqualTo(new Outcome(0, ours, full.stderr()));
        }
    }

    @Test
    void freshUserGetsTheDistributionDefaults() throws IOException {
        assertAllFormsSameAsGo(freshUser());
    }

    @Test
    void goprivateIsTheDefaultForGonoproxyAndGonosumdb() throws IOException {
        Map<String, String> env = freshUser();
        env.put("GOPRIVATE", "*.corp.example.com,rsc.io/private");
        env.put("GONOSUMDB", "none");
        assertAllFormsSameAsGo(env);
        env.put("GONOPROXY", "*.corp.example.com,rsc.io/private");
        assertAllFormsSameAsGo(env);
    }

    @Test
    void valuesWithSpacesQuotesAndSpecialCharacters() throws IOException {
        Map<String, String> env = freshUser();
        env.put("GOFLAGS", "-mod=mod  '-modcacherw' \"-trimpath\"");
        env.put("GOINSECURE", "it's \"quoted\" <&> $HOME `cmd` \\ back\\slash");
        env.put("GOVCS", "private:all,public:git|hg; é ü 日本 \u2028 \u2029 \u00a0 \u007f");
        env.put("GOPROXY", "https://user:p%40ss@proxy.example.com/a b,off");
        env.put("GOSUMDB", "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 https://sum.example.com");
        env.put("GOAUTH", "netrc;git /tmp/dir");
        env.put("GOTOOLCHAIN", "local+auto");
        assertAllFormsSameAsGo(env);
    }

    @Test
    void controlCharactersAndNewlinesInValues() throws IOException {
        Map<String, String> env = freshUser();
        env.put("GOINSECURE", "line1\nline2\ttab\rcr\u0001\u001f\b\f");
        env.put("GOPRIVATE", "a'b\n'c");
        assertAllFormsSameAsGo(env);
    }

    @Test
    void settingsWrittenByGoEnvWAreReadAndTheEnvironmentOverridesThem() throws IOException {
        Map<String, String> env = freshUser();
        Path envFile = tmp.resolve("config/goenv");
        env.put("GOENV", envFile.toString());
        GoTool.run(tmp, env, "env", "-w",
                "GOPROXY=https://file.example.com|direct",
                "GOPRIVATE=file.example.com/*",
                "GOMODCACHE=" + tmp.resolve("file cache"),
                "GOFLAGS=-modcacherw -mod=readonly",
                "GOINSECURE=insecure.example.com",
                "GOSUMDB=off",
                "GOTOOLCHAIN=local",
                "GOAUTH=off",
                "GOPATH=" + tmp.resolve("file gopath") + ":/second").requireSuccess();
        assertThat(envFile).exists();
        assertAllFormsSameAsGo(env);

        env.put("GOPROXY", "https://env.example.com");  // process environment wins
        env.put("GOSUMDB", "");                         // empty means unset: the file's value counts
        env.put("GONOSUMDB", "env.example.com");
        env.put("GOPATH", tmp.resolve("env gopath").toString());
        assertAllFormsSameAsGo(env);

        env.remove("GOMODCACHE");
        GoTool.run(tmp, env, "env", "-u", "GOMODCACHE").requireSuccess();
        assertAllFormsSameAsGo(env); // default GOMODCACHE follows the environment's GOPATH
    }

    @Test
    void settingsValuesThatMatchGoEnvDefaultsAreNotChanged() throws IOException {
        Map<String, String> env = freshUser();
        env.put("GOPROXY", "https://proxy.golang.org,direct");
        env.put("GOSUMDB", "sum.golang.org");
        env.put("GOAUTH", "netrc");
        env.put("GOPATH", tmp.resolve("home/go").toString());
        env.put("GOMODCACHE", tmp.resolve("home/go/pkg/mod").toString());
        assertAllFormsSameAsGo(env);
    }

    @Test
    void handWrittenEnvFileQuirks() throws IOException {
        Map<String, String> env = freshUser();
        Path envFile = tmp.resolve("env");
        env.put("GOENV", envFile.toString());
        Files.writeString(envFile, String.join("\n",
                "# a comment",
                "GOPROXY=",                        // empty: hides go.env's GOPROXY
                "goprivate=lower.example.com",     // not a valid name: ignored
                "GOINSECURE first=ignored?",
                "no equals sign",
                "",
                " GOVCS=leading space ignored",
                "GOPRIVATE=first.example.com",
                "GOPRIVATE=second.example.com=x",  // the last one wins; value keeps its '='
                "GOTOOLCHAIN=local",
                "GOFLAGS=-mod=mod\r",              // the CR is part of the value
                "UNKNOWN_TO_GO=shown by go env NAME",
                "GOSUMDB=off"));
        assertAllFormsSameAsGo(env);
        assertSameAsGo(env, "UNKNOWN_TO_GO", "GOINSECURE first", "GO111MODULE", "NOT_SET_ANYWHERE", "HOME");
        assertSameAsGo(env, "-json", "UNKNOWN_TO_GO", "GOPROXY", "GOPROXY", "HOME");
    }

    @Test
    void userConfigDirectoryLocatesTheDefaultEnvFile() throws IOException {
        Map<String, String> env = freshUser();
        Path xdg = tmp.resolve("xdg");
        Files.createDirectories(xdg.resolve("go"));
        Files.writeString(xdg.resolve("go/env"), "GOPROXY=https://xdg.example.com\nGOVCS=*:off\n");
        Files.createDirectories(tmp.resolve("home/.config/go"));
        Files.writeString(tmp.resolve("home/.config/go/env"), "GOPROXY=https://home.example.com\n");
        assertAllFormsSameAsGo(env);                 // $HOME/.config/go/env
        env.put("XDG_CONFIG_HOME", xdg.toString());
        assertAllFormsSameAsGo(env);                 // $XDG_CONFIG_HOME/go/env
        env.put("XDG_CONFIG_HOME", "relative/xdg");
        assertAllFormsSameAsGo(env);                 // error: GOENV is empty, no file
        env.put("XDG_CONFIG_HOME", xdg.toString());
        env.put("GOENV", "off");
        assertAllFormsSameAsGo(env);                 // GOENV=off: no file
    }

    @Test
    void gopathAndGomodcacheDefaults() throws IOException {
        Map<String, String> env = freshUser();
        env.put("HOME", tmp.resolve("home") + "/./");
        assertAllFormsSameAsGo(env);                 // cleaned $HOME/go
        env.put("GOPATH", "/a/b/../c/:/d");
        assertAllFormsSameAsGo(env);                 // GOMODCACHE from the first entry, cleaned
        env.put("GOPATH", ":/a");
        assertAllFormsSameAsGo(env);                 // empty first entry: no GOMODCACHE
        env.remove("GOPATH");
        env.put("HOME", "relative-home");
        assertAllFormsSameAsGo(env);                 // inferred relative GOPATH is dropped, GOMODCACHE is not
        env.remove("HOME");
        assertAllFormsSameAsGo(env);                 // no HOME: no GOPATH, no GOENV
        env.put("GOMODCACHE", "relative/cache");
        assertAllFormsSameAsGo(env);                 // printed as is
    }

    @Test
    void invalidGopathIsFatalLikeInGo() throws IOException {
        Map<String, String> env = freshUser();
        env.put("GOPATH", "relative/gopath");
        assertSameAsGo(env, "GOPATH");
        env.put("GOPATH", "/abs:~/tilde");
        assertSameAsGo(env, "GOPATH");
        env.remove("GOPATH");
        Path envFile = tmp.resolve("env");
        Files.writeString(envFile, "GOPATH=from-file\n");
        env.put("GOENV", envFile.toString());
        assertSameAsGo(env, "GOPATH");
    }

    @Test
    void gopathEqualToGorootOnlyWarns() throws IOException {
        Map<String, String> env = freshUser();
        String goroot = go(env, "GOROOT").stdout().strip();
        env.put("GOPATH", goroot + "/");
        assertAllFormsSameAsGo(env);
    }

    @Test
    void explicitGorootSuppliesGoEnvDefaults() throws IOException {
        Map<String, String> env = freshUser();
        Path goroot = Files.createDirectories(tmp.resolve("goroot"));
        Files.writeString(goroot.resolve("go.env"), String.join("\n",
                "# distribution defaults",
                "GOPROXY=https://goroot.example.com",
                "GOTOOLCHAIN=local",
                "GOPRIVATE=goroot.example.com",
                "GOAUTH=off",
                "GOROOT=/ignored"));
        env.put("GOROOT", goroot + "/");
        assertAllFormsSameAsGo(env);
        env.put("GOPROXY", "https://goroot.example.com");   // equal to go.env: not changed
        env.put("GOAUTH", "netrc");                         // differs from go.env: changed
        assertAllFormsSameAsGo(env);
        env.put("GOROOT", tmp.resolve("missing").toString());
        assertSameAsGo(env, "GOROOT");
    }

    @Test
    void gorootIsFoundThroughASymlinkedGoOnPath() throws IOException {
        Map<String, String> env = freshUser();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("go"), Path.of(GoTool.binary()).toRealPath());
        env.put("PATH", bin + ":/usr/bin:/bin");
        assertAllFormsSameAsGo(env);
        Files.delete(bin.resolve("go")); // @TempDir cleanup warns about links that leave the directory
    }

    @Test
    void goflagsCanTurnOnThisCommandsFlags() throws IOException {
        Map<String, String> env = freshUser();
        env.put("GOFLAGS", "-mod=mod --json");
        assertSameAsGo(env, "GOFLAGS", "GOPROXY");
        assertSameAsGo(env, "-json=false", "GOFLAGS");
        env.put("GOFLAGS", "'-changed=true' -json -json=F");
        env.put("GOPROXY", "https://changed.example.com");
        assertSameAsGo(env, "GOFLAGS", "GOPROXY", "GOSUMDB");
        env.put("GOFLAGS", "xjson");  // not a flag; go env ignores the error and still reads it
        assertSameAsGo(env, "GOPROXY");
        env.put("GOFLAGS", "-json '-changed");
        assertSameAsGo(env, "GOPROXY");
        env.put("GOFLAGS", "-json=maybe");
        assertSameAsGo(env, "GOPROXY");
    }

    @Test
    void commandLineProblemsGiveGosMessages() throws IOException {
        Map<String, String> env = freshUser();
        assertSameAsGo(env, "-nosuchflag", "GOPROXY");
        assertSameAsGo(env, "-json=perhaps", "GOPROXY");
        assertSameAsGo(env, "-h");
        assertSameAsGo(env, "---json");
        assertSameAsGo(env, "-=x");
        assertSameAsGo(env, "GOPROXY=https://x.example.com");
        assertSameAsGo(env, "GOPROXY", "-json");
        assertSameAsGo(env, "--", "-json");
        assertSameAsGo(env, "-", "GOPROXY");
        assertSameAsGo(env, "--json", "-changed=0", "GOPROXY", "GOPROXY");
        assertSameAsGo(env, "-changed", "GOPROXY", "GOPROXY", "NOT_A_GO_VARIABLE");
    }
}

package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// `go mod download -x path@query` with GOPROXY=direct and `gofetch download -x` of the same, each on
/// a fresh module cache: the git commands (`cd DIR; git ARGS` and their timing lines), the work
/// directory notes and the scheme pings on stderr must be the same lines in the same order, once
/// timings and the cache directory are normalised.
class DirectModeTraceGoDifferentialTest {
    private static final Pattern TIMING = Pattern.compile("^\\d+\\.\\d{3}s # ");

    @TempDir
    static Path scratch;

    static GitFixture fixture;

    @BeforeAll
    static void buildRepos() throws IOException {
        fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo lib = fixture.repo("lib");
        lib.file("go.mod", "module git.example.test/lib.git\n\ngo 1.20\n")
                .file("lib.go", "package lib\n")
                .file("sub/go.mod", "module git.example.test/lib.git/sub\n")
                .file("sub/s.go", "package sub\n")
                .symlink("link.go", "lib.go");
        lib.commit("one");
        lib.tag("v1.0.0").tag("sub/v0.1.0");
        lib.file("lib.go", "package lib\n\n// two\n").commit("two");
        lib.annotatedTag("v1.1.0");
        lib.file("lib.go", "package lib\n\n// three\n").commit("three");
        lib.publish();

        GitFixture.Repo nomod = fixture.repo("nomod");
        nomod.file("n.go", "package nomod\n").commit("one");
        nomod.tag("v2.0.0");
        nomod.publish();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "git.example.test/lib.git@v1.0.0",
        "git.example.test/lib.git@latest",
        "git.example.test/lib.git@main",
        "git.example.test/lib.git/sub@v0.1.0",
        "git.example.test/nomod.git@v2.0.0",
        "git.example.test/lib.git@v9.9.9",
    })
    void printsTheGitCommandsGoPrints(String query) {
        Path goHome = scratch.resolve("go-" + Integer.toHexString(query.hashCode()));
        Path ourHome = scratch.resolve("gofetch-" + Integer.toHexString(query.hashCode()));
        GoTool.Result go = GoTool.run(scratch, env(goHome), "mod", "download", "-x", query);
        GoTool.Result ours = GofetchRunner.run(scratch, env(ourHome), "download", "-x", query);

        List<String> want = traced(go.stderr(), goHome.resolve("modcache"));
        List<String> got = traced(ours.stderr(), ourHome.resolve("modcache"));
        assertThat(want).as("go stderr: %s", go.stderr()).anyMatch(l -> l.startsWith("cd $CACHE/cache/vcs/"));
        assertThat(got).as("gofetch stderr: %s", ours.stderr()).containsExactlyElementsOf(want);
        assertThat(ours.exitCode()).isEqualTo(go.exitCode());
    }

    static Map<String, String> env(Path dir) {
        Map<String, String> env = GoTool.pinnedEnv(dir, "direct");
        env.put("HOME", fixture.home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GOPRIVATE", "git.example.test");
        env.put("GOFLAGS", "-modcacherw");
        return env;
    }

    /// The trace lines about git and its work directories, timings as `T`, the module cache as `$CACHE`.
    static List<String> traced(String stderr, Path modCache) {
        return stderr.lines()
                .map(l -> l.replace(modCache.toString(), "$CACHE"))
                .map(l -> {
                    Matcher m = TIMING.matcher(l);
                    return m.find() ? "T # " + l.substring(m.end()) : l;
                })
                .filter(l -> l.startsWith("cd ") || l.startsWith("git ") || l.startsWith("mkdir -p ")
                        || l.startsWith("# lock ") || l.startsWith("# $CACHE") || l.startsWith("T # "))
                .toList();
    }
}

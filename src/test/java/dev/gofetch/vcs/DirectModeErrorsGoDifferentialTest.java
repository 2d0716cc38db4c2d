package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// Versions that version control cannot give a module (wrong pseudo-versions, major versions that do
/// not fit the path, go.mod files that claim other paths, directories without a module) and edge
/// cases around them: gofetch must answer with the go command's words, or the same success.
class DirectModeErrorsGoDifferentialTest {
    @org.junit.jupiter.api.io.TempDir
    static Path scratch;

    static GitFixture fixture;
    static String one;
    static String two;
    static Map<String, JsonNode> goResults;
    static Map<String, JsonNode> gofetchResults;

    static List<String> queries() {
        return List.of(
                "git.example.test/lib.git@v1.0.1-0.20240102050405-000000000000",
                "git.example.test/lib.git@v1.0.1-0.20990101000000-SHORT2",
                "git.example.test/lib.git@v0.0.0-20240102050405-SHORT2",
                "git.example.test/lib.git@v1.0.0+incompatible",
                "git.example.test/lib.git@v2.0.0",
                "git.example.test/lib.git/v2@v1.0.0",
                "git.example.test/lib.git/nested@latest",
                "git.example.test/lib.git/nope@latest",
                "git.example.test/lib.git@v1.0.0-bad",
                "git.example.test/lib.git@>v9",
                "git.example.test/other.git@v1.0.0",
                "git.example.test/other.git@v2.0.0",
                "git.example.test/lib.git@>=v1.0.0",
                "git.example.test/lib.git@<=v1",
                "git.example.test/lib.git@>v1.0.0-bad");
    }

    @BeforeAll
    static void buildReposAndDownload() throws IOException {
        fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo lib = fixture.repo("lib");
        lib.file("go.mod", "module git.example.test/lib.git\n\ngo 1.20\n").file("lib.go", "package lib\n")
                .file("nested/go.mod", "module git.example.test/lib.git/nested\n").file("nested/n.go", "package nested\n");
        one = lib.commit("one");
        lib.tag("v1.0.0").tag("v2.0.0").tag("v1.0.0-bad+meta");
        lib.file("lib.go", "package lib // two\n");
        two = lib.commit("two");
        lib.publish();
        GitFixture.Repo other = fixture.repo("other");
        other.file("go.mod", "module example.com/elsewhere\n").file("o.go", "package o\n").commit("one");
        other.tag("v1.0.0");
        other.file("go.mod", "module example.com/elsewhere/v2\n").commit("two");
        other.tag("v2.0.0").publish();

        String[] args = queries().stream().map(DirectModeErrorsGoDifferentialTest::expand).toArray(String[]::new);
        Path goCache = scratch.resolve("go").resolve("modcache");
        Path gfCache = scratch.resolve("gofetch").resolve("modcache");
        GoTool.Result go = GoTool.run(scratch, env(scratch.resolve("go")),
                DirectModeGoDifferentialTest.concat("mod", "download", "-json", args));
        GoTool.Result gf = GofetchRunner.run(scratch, env(scratch.resolve("gofetch")),
                DirectModeGoDifferentialTest.concat("download", "-json", args));
        goResults = DirectModeGoDifferentialTest.byQuery(go.stdout().replace(goCache.toString(), "$GOMODCACHE"), goCache);
        gofetchResults = DirectModeGoDifferentialTest.byQuery(gf.stdout().replace(gfCache.toString(), "$GOMODCACHE"),
                gfCache);
        assertThat(goResults).as("go stderr: %s", go.stderr()).hasSize(args.length);

        Path goCache2 = scratch.resolve("go2").resolve("modcache");
        Path gfCache2 = scratch.resolve("gofetch2").resolve("modcache");
        goResults.putAll(DirectModeGoDifferentialTest.byQuery(GoTool.run(scratch, env(scratch.resolve("go2")),
                "mod", "download", "-json", expand(ALONE)).stdout(), goCache2));
        gofetchResults.putAll(DirectModeGoDifferentialTest.byQuery(GofetchRunner.run(scratch,
                env(scratch.resolve("gofetch2")), "download", "-json", expand(ALONE)).stdout(), gfCache2));
    }

    static String expand(String q) {
        return q.replace("SHORT2", two.substring(0, 12)).replace("FULL1", one);
    }

    static Map<String, String> env(Path dir) {
        Map<String, String> env = GoTool.pinnedEnv(dir, "direct");
        env.put("HOME", fixture.home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GOPRIVATE", "git.example.test");
        env.put("GOFLAGS", "-modcacherw");
        return env;
    }

    static Stream<String> queryArgs() {
        return Stream.concat(queries().stream(), Stream.of(ALONE));
    }

    /// A commit hash that a tag names resolves to the tag, and the go command remembers that answer
    /// (without the tag's ref) for other queries of the run: asked on its own.
    static final String ALONE = "git.example.test/lib.git@FULL1";

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryArgs")
    void answersAsGoDoes(String query) {
        String key = expand(query);
        JsonNode want = goResults.get(key);
        assertThat(want).as("go's answer for %s among %s", key, goResults.keySet()).isNotNull();
        JsonNode got = gofetchResults.get(key);
        assertThat(got).as("gofetch's answer for %s among %s", key, gofetchResults.keySet()).isNotNull();
        assertThat(got.toPrettyString()).isEqualTo(want.toPrettyString());
    }
}

package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// `go mod download -json path@query` with GOPROXY=direct, inside a main module and outside one,
/// against `gofetch download -json`, each on a fresh module cache: the Origin reported is the query's
/// (with the TagSum of the tags it looked at, not the one in the .info file), and a repository that
/// cannot be found is reported against the query (`path@latest: ...`).
class DirectModeQueryOriginGoDifferentialTest {
    @TempDir
    static Path scratch;

    static GitFixture fixture;
    static Path mainModule;
    static Path outside;

    @BeforeAll
    static void buildRepos() throws IOException {
        fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo lib = fixture.repo("lib");
        lib.file("go.mod", "module git.example.test/lib.git\n\ngo 1.20\n").file("lib.go", "package lib\n");
        lib.commit("one");
        lib.tag("v1.0.0");
        lib.file("lib.go", "package lib\n\n// two\n").commit("two");
        lib.tag("v1.1.0-pre");
        lib.file("lib.go", "package lib\n\n// three\n").commit("three");
        lib.publish();

        mainModule = scratch.resolve("main");
        Files.createDirectories(mainModule);
        Files.writeString(mainModule.resolve("go.mod"), "module example.com/m\n\ngo 1.22\n");
        outside = scratch.resolve("outside");
        Files.createDirectories(outside);
    }

    @ParameterizedTest
    @CsvSource({
        "main, git.example.test/lib.git@latest",
        "main, git.example.test/lib.git@main",
        "main, git.example.test/lib.git@v1",
        "main, git.example.test/nosuch.git@latest",
        "main, git.example.test/nosuch.git@upgrade",
        "main, git.example.test/nosuch.git@v1.0.0",
        "outside, git.example.test/lib.git@latest",
        "outside, git.example.test/nosuch.git@latest",
        "outside, git.example.test/nosuch.git@main",
    })
    void reportsWhatGoReports(String where, String query) {
        Path dir = where.equals("main") ? mainModule : outside;
        String name = where + "-" + Integer.toHexString(query.hashCode());
        Path goScratch = scratch.resolve("go-" + name);
        Path ourScratch = scratch.resolve("gofetch-" + name);
        GoTool.Result go = GoTool.run(dir, env(goScratch), "mod", "download", "-json", query);
        GoTool.Result ours = GofetchRunner.run(dir, env(ourScratch), "download", "-json", query);

        String want = go.stdout().replace(goScratch.toString(), "$SCRATCH");
        String got = ours.stdout().replace(ourScratch.toString(), "$SCRATCH");
        assertThat(want).as("go stderr: %s", go.stderr()).contains("\"Path\"");
        assertThat(got).as("gofetch stderr: %s", ours.stderr()).isEqualTo(want);
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
}

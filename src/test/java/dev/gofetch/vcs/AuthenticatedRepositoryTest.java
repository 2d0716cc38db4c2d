package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A private repository behind HTTP Basic authentication: without credentials gofetch fails at once
/// (no prompt, no hang) with the go command's error; with a ~/.netrc git authenticates, and the
/// password appears nowhere in gofetch's output or cache.
class AuthenticatedRepositoryTest {
    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path scratch;

    @Test
    void failsFastWithoutCredentialsAndSucceedsWithNetrc() throws IOException {
        GitFixture fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo secret = fixture.repo("secret");
        secret.file("go.mod", "module git.example.test/secret.git\n\ngo 1.20\n").file("s.go", "package secret\n")
                .commit("one");
        secret.tag("v1.0.0").publish();
        Path goCache = scratch.resolve("go");
        try (AuthenticatedGitServer server = new AuthenticatedGitServer(fixture.repos, "user", PASSWORD)) {
            Files.writeString(fixture.home.resolve(".gitconfig"), "[url \"" + server.baseUrl() + "\"]\n"
                    + "\tinsteadOf = https://git.example.test/\n", StandardCharsets.UTF_8);

            Path gfCache = scratch.resolve("gofetch");
            long start = System.nanoTime();
            GoTool.Result gf = GofetchRunner.run(scratch, env(fixture, gfCache), "download", "-json",
                    "git.example.test/secret.git@v1.0.0");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(gf.exitCode()).isNotZero();
            assertThat(seconds).isLessThan(30);
            GoTool.Result go = GoTool.run(scratch, env(fixture, goCache), "mod", "download", "-json",
                    "git.example.test/secret.git@v1.0.0");
            // Discovery probes the https URL with git first; refused, it fails as the go command does.
            assertThat(gf.stdout()).contains("no secure protocol found for repository")
                    .isEqualTo(go.stdout());

            Files.writeString(fixture.home.resolve(".netrc"), "machine 127.0.0.1 login user password " + PASSWORD + "\n");
            Path fresh = scratch.resolve("gofetch2");
            GoTool.Result ok = GofetchRunner.run(scratch, env(fixture, fresh), "download", "-json",
                    "git.example.test/secret.git@v1.0.0");
            assertThat(ok.exitCode()).as(ok.stderr() + ok.stdout()).isZero();
            assertThat(ok.stdout()).contains("\"Sum\": \"h1:").doesNotContain(PASSWORD);
            assertThat(ok.stderr()).doesNotContain(PASSWORD);
            try (var walk = Files.walk(fresh)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).as(p.toString())
                            .doesNotContain(PASSWORD);
                }
            }
        }
    }

    private static Map<String, String> env(GitFixture fixture, Path dir) {
        Map<String, String> env = GoTool.pinnedEnv(dir, "direct");
        env.put("HOME", fixture.home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GOPRIVATE", "git.example.test");
        env.put("GOFLAGS", "-modcacherw");
        return env;
    }
}

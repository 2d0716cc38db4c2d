package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// gofetch and the go command take turns on one module cache: each reuses the bare mirror the other
/// made in `cache/vcs`, and each accepts what the other downloaded.
class SharedMirrorTest {
    @TempDir
    Path scratch;

    @Test
    void goAndGofetchShareMirrorsAndDownloads() throws IOException {
        GitFixture fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo lib = fixture.repo("lib");
        lib.file("go.mod", "module git.example.test/lib.git\n\ngo 1.20\n").file("lib.go", "package lib\n").commit("one");
        lib.tag("v1.0.0");
        lib.file("lib.go", "package lib // two\n").commit("two");
        lib.tag("v1.1.0");
        lib.file("lib.go", "package lib // three\n").commit("three");
        lib.publish();
        Map<String, String> env = GoTool.pinnedEnv(scratch.resolve("shared"), "direct");
        env.put("HOME", fixture.home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GOPRIVATE", "git.example.test");
        env.put("GOFLAGS", "-modcacherw");
        Path vcs = Path.of(env.get("GOMODCACHE")).resolve("cache/vcs");

        GoTool.run(scratch, env, "mod", "download", "git.example.test/lib.git@v1.0.0").requireSuccess();
        long mirrors = count(vcs);
        JsonNode byGofetch = json(GofetchRunner.run(scratch, env, "download", "-json", "git.example.test/lib.git@main"));
        assertThat(byGofetch.path("Error").asText()).isEmpty();
        assertThat(count(vcs)).isEqualTo(mirrors);

        JsonNode byGo = json(GoTool.run(scratch, env, "mod", "download", "-json", "git.example.test/lib.git@main"));
        assertThat(byGo.path("Version").asText()).isEqualTo(byGofetch.path("Version").asText());
        assertThat(byGo.path("Sum").asText()).isEqualTo(byGofetch.path("Sum").asText());

        JsonNode again = json(GofetchRunner.run(scratch, env, "download", "-json", "git.example.test/lib.git@v1.1.0"));
        assertThat(again.path("Error").asText()).isEmpty();
        JsonNode goAgain = json(GoTool.run(scratch, env, "mod", "download", "-json", "git.example.test/lib.git@v1.1.0"));
        assertThat(goAgain.path("Sum").asText()).isEqualTo(again.path("Sum").asText());
        assertThat(count(vcs)).isEqualTo(mirrors);
    }

    private static long count(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    private static JsonNode json(GoTool.Result r) throws IOException {
        return new ObjectMapper().readTree(r.stdout());
    }
}

package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A main module requiring private modules: gofetch lists and downloads them from git, and the go
/// command then builds offline (GOPROXY=off) from what gofetch put in the module cache.
class PrivateModulesBuildTest {
    @TempDir
    Path scratch;

    @Test
    void goBuildsOfflineFromWhatGofetchDownloaded() throws IOException {
        GitFixture fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo greet = fixture.repo("greet");
        greet.file("go.mod", "module git.example.test/greet.git\n\ngo 1.20\n\nrequire git.example.test/words.git v1.2.0\n")
                .file("greet.go", "package greet\n\nimport \"git.example.test/words.git\"\n\n"
                        + "func Hello() string { return words.Hello + \", world\" }\n")
                .commit("greet");
        greet.tag("v0.3.0").publish();
        GitFixture.Repo words = fixture.repo("words");
        words.file("go.mod", "module git.example.test/words.git\n\ngo 1.20\n")
                .file("words.go", "package words\n\nconst Hello = \"hello\"\n").commit("words");
        words.tag("v1.2.0").publish();

        Path main = scratch.resolve("main");
        Files.createDirectories(main);
        Files.writeString(main.resolve("go.mod"), "module example.com/app\n\ngo 1.20\n\n"
                + "require git.example.test/greet.git v0.3.0\n\nrequire git.example.test/words.git v1.2.0 // indirect\n");
        Files.writeString(main.resolve("main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n"
                + "\t\"git.example.test/greet.git\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");

        Map<String, String> env = GoTool.pinnedEnv(scratch.resolve("cache"), "direct");
        env.put("HOME", fixture.home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GOPRIVATE", "git.example.test");
        env.put("GOFLAGS", "-modcacherw");

        GoTool.Result download = GofetchRunner.run(main, env, "download", "all");
        assertThat(download.exitCode()).as(download.stderr()).isZero();
        assertThat(Files.readString(main.resolve("go.sum"))).contains("git.example.test/greet.git v0.3.0/go.mod h1:")
                .contains("git.example.test/words.git v1.2.0 h1:");

        GoTool.Result list = GofetchRunner.run(main, env, "list");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).isEqualTo("example.com/app\ngit.example.test/greet.git v0.3.0\n"
                + "git.example.test/words.git v1.2.0\n");

        env.put("GOPROXY", "off");
        env.put("GOFLAGS", "-modcacherw -mod=mod");
        GoTool.Result build = GoTool.run(main, env, "build", "-o", scratch.resolve("app").toString(), ".");
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        GoTool.Result verify = GoTool.run(main, env, "mod", "verify");
        assertThat(verify.stdout()).as(verify.stderr()).isEqualTo("all modules verified\n");
    }
}

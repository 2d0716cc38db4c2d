package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Bad input gets a clear one-line error naming what is wrong, the go command's wording where it has
/// one, and leaves the module cache without partial files.
class BadInputTest {
    @TempDir
    Path tmp;

    private Path tree() throws IOException {
        ProxyTree t = new ProxyTree(tmp.resolve("proxy"));
        t.add("example.com/good", "v1.0.0", Instant.parse("2024-01-02T03:04:05Z"),
                "module example.com/good\n\ngo 1.21\n", Map.of("good.go", "package good\n"));
        return t.root();
    }

    private Path mainModule(String goMod) throws IOException {
        Path dir = tmp.resolve("main");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), goMod);
        return dir;
    }

    @Test
    void malformedGoModNamesFileAndLineLikeTheGoCommand() throws IOException {
        Path dir = mainModule("module example.com/m\n\ngo 1.21\n\nrequire example.com/good v1.0.0 extra\nbogus x\n");
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), "file://" + tree());
        GoTool.Result want = GoTool.run(dir, env, "list", "-m", "all");
        GoTool.Result got = GofetchRunner.run(dir, env, "list");
        assertThat(got.exitCode()).isEqualTo(1);
        assertThat(want.exitCode()).isEqualTo(1);
        assertThat(got.stderr()).contains("go.mod:5: usage: require module/path v1.2.3")
                .contains("go.mod:6: unknown directive: bogus");
        assertThat(got.stderr().replace("gofetch: ", "go: ")).isEqualTo(want.stderr());
        assertThat(got.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void invalidModulePathInARequirement() throws IOException {
        Path dir = mainModule("module example.com/m\n\ngo 1.21\n\nrequire Example.com/x v1.0.0\n");
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), "file://" + tree());
        GoTool.Result want = GoTool.run(dir, env, "list", "-m", "all");
        GoTool.Result got = GofetchRunner.run(dir, env, "list");
        assertThat(got.exitCode()).isEqualTo(want.exitCode()).isEqualTo(1);
        assertThat(got.stderr().replace("gofetch: ", "go: ")).isEqualTo(want.stderr());
    }

    @Test
    void infoWithTheWrongVersionIsRefused() throws IOException {
        Path root = tree();
        Files.writeString(root.resolve("example.com/good/@v/v1.0.0.info"), "{\"Version\":\"v1.0.1\"}");
        assertSameDownloadError("file://" + root, "example.com/good@v1.0.0");
    }

    @Test
    void invalidJsonFromAMirror() throws IOException {
        try (LabServer lab = LabServer.builder(tree()).faults(Faults.parse("badjson:/")).start()) {
            GoTool.Result got = downloadJson(lab.baseUri().toString(), "example.com/good@v1.0.0");
            assertThat(got.exitCode()).isEqualTo(1);
            assertThat(got.stdout()).contains("example.com/good@v1.0.0: invalid response from proxy \\\""
                    + lab.baseUri().toString().replaceAll("/$", ""));
        }
    }

    @Test
    void aMirrorThatAnswersHtmlIsNotTrusted() throws IOException {
        try (LabServer lab = LabServer.builder(tree()).faults(Faults.parse("html:/")).start()) {
            GoTool.Result got = downloadJson(lab.baseUri().toString(), "example.com/good@v1.0.0");
            assertThat(got.exitCode()).isEqualTo(1);
            assertThat(got.stdout()).contains("invalid response from proxy");
            assertThat(cacheFiles()).noneMatch(p -> p.endsWith(".zip") || p.endsWith(".mod"));
        }
    }

    @Test
    void truncatedGoModIsCaughtByItsHash() throws IOException {
        // go.sum knows the right hash: a truncated body is a security error, and nothing is kept.
        Path root = tree();
        Path dir = mainModule("module example.com/m\n\ngo 1.21\n\nrequire example.com/good v1.0.0\n");
        String right = dev.gofetch.verify.Hash1.hashGoMod(Files.readAllBytes(root.resolve("example.com/good/@v/v1.0.0.mod")));
        Files.writeString(dir.resolve("go.sum"), "example.com/good v1.0.0/go.mod " + right + "\n");
        Files.writeString(root.resolve("example.com/good/@v/v1.0.0.mod"), "module example.com/good\n");
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), "file://" + root);
        GoTool.Result want = GoTool.run(dir, env, "mod", "download", "example.com/good");
        GoTool.Result got = GofetchRunner.run(dir, env, "download", "example.com/good");
        assertThat(got.exitCode()).isEqualTo(want.exitCode()).isEqualTo(1);
        assertThat(got.stderr()).contains("verifying example.com/good@v1.0.0/go.mod: checksum mismatch")
                .contains("SECURITY ERROR").contains("go.sum:     " + right);
        assertThat(Files.exists(Path.of(env.get("GOMODCACHE"), "cache/download/example.com/good/@v/v1.0.0.mod")))
                .isFalse();
        assertThat(Files.readString(dir.resolve("go.sum"))).isEqualTo("example.com/good v1.0.0/go.mod " + right + "\n");
    }

    @Test
    void refusedConnectionIsNamedWithTheUrl() throws IOException {
        try (LabServer lab = LabServer.builder(tree()).faults(Faults.parse("refuse")).start()) {
            GoTool.Result got = downloadJson(lab.baseUri().toString(), "example.com/good@v1.0.0");
            assertThat(got.exitCode()).isEqualTo(1);
            assertThat(got.stdout()).contains("connect: connection refused")
                    .contains("127.0.0.1:" + lab.port());
        }
    }

    @Test
    void aZipThatDisagreesWithGoSumIsASecurityErrorAndNothingIsKept() throws IOException {
        Path root = tree();
        Path dir = mainModule("module example.com/m\n\ngo 1.21\n\nrequire example.com/good v1.0.0\n");
        String modHash = dev.gofetch.verify.Hash1.hashGoMod(Files.readAllBytes(root.resolve("example.com/good/@v/v1.0.0.mod")));
        String wrong = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        Files.writeString(dir.resolve("go.sum"), "example.com/good v1.0.0 " + wrong + "\n"
                + "example.com/good v1.0.0/go.mod " + modHash + "\n");
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), "file://" + root);
        Map<String, String> goEnv = GoTool.pinnedEnv(tmp.resolve("goenv"), "file://" + root);
        GoTool.Result want = GoTool.run(dir, goEnv, "mod", "download", "example.com/good");
        GoTool.Result got = GofetchRunner.run(dir, env, "download", "example.com/good");
        assertThat(got.exitCode()).isEqualTo(want.exitCode()).isEqualTo(1);
        assertThat(got.stderr()).contains("verifying example.com/good@v1.0.0: checksum mismatch")
                .contains("go.sum:     " + wrong).contains("served by:  file://" + root)
                .contains("This download does NOT match an earlier download recorded in go.sum.");
        Path download = Path.of(env.get("GOMODCACHE"), "cache/download/example.com/good/@v");
        try (var files = Files.list(download)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".zip") || n.endsWith(".ziphash") || n.contains(".zip"));
        }
        assertThat(Path.of(env.get("GOMODCACHE"), "example.com/good@v1.0.0")).doesNotExist();
    }

    @Test
    void aHostileZipIsRejectedWithItsReasonAndNothingIsExtracted() throws IOException {
        ProxyTree t = new ProxyTree(tmp.resolve("proxy"));
        t.add(new ProxyTree.Release("example.com/evil", "v1.0.0",
                ProxyTree.infoJson("v1.0.0", Instant.parse("2024-01-02T03:04:05Z")),
                "module example.com/evil\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.List.of(ProxyTree.Entry.file("go.mod", "module example.com/evil\n"),
                        ProxyTree.Entry.file("a.go", "package evil\n"),
                        ProxyTree.Entry.file("A.go", "package evil\n"))));
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), t.goproxy());
        Map<String, String> goEnv = GoTool.pinnedEnv(tmp.resolve("goenv"), t.goproxy());
        Files.createDirectories(tmp.resolve("out"));
        GoTool.Result want = GoTool.run(tmp.resolve("out"), goEnv, "mod", "download", "-json", "example.com/evil@v1.0.0");
        GoTool.Result got = GofetchRunner.run(tmp.resolve("out"), env, "download", "-json", "example.com/evil@v1.0.0");
        assertThat(got.exitCode()).isEqualTo(want.exitCode()).isEqualTo(1);
        assertThat(got.stdout()).contains("case-insensitive file name collision");
        assertThat(Path.of(env.get("GOMODCACHE"), "example.com/evil@v1.0.0")).doesNotExist();
    }

    private void assertSameDownloadError(String goproxy, String arg) throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), goproxy);
        Map<String, String> goEnv = GoTool.pinnedEnv(tmp.resolve("goenv"), goproxy);
        Files.createDirectories(tmp.resolve("out"));
        GoTool.Result want = GoTool.run(tmp.resolve("out"), goEnv, "mod", "download", "-json", arg);
        GoTool.Result got = GofetchRunner.run(tmp.resolve("out"), env, "download", "-json", arg);
        assertThat(got.exitCode()).isEqualTo(want.exitCode()).isEqualTo(1);
        assertThat(got.stdout()).isEqualTo(want.stdout());
    }

    private GoTool.Result downloadJson(String goproxy, String arg) throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), goproxy);
        Files.createDirectories(tmp.resolve("out"));
        return GofetchRunner.run(tmp.resolve("out"), env, "download", "-json", arg);
    }

    private java.util.List<String> cacheFiles() throws IOException {
        Path mc = tmp.resolve("env/modcache");
        if (!Files.exists(mc)) {
            return java.util.List.of();
        }
        try (var s = Files.walk(mc)) {
            return s.map(Path::toString).toList();
        }
    }
}

package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import dev.gofetch.testing.TreeCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The air-gap rehearsal: a bundle is made from every main module of a generated universe served by a
/// LabServer; the server is then shut down, and the real go command builds and verifies each main
/// module with nothing but the bundle — imported into a fresh GOMODCACHE under `GOPROXY=off`, served by
/// `gofetch serve`, or unpacked with `tar` and used as a `file://` GOPROXY.
class BundleRehearsalTest {
    @TempDir
    static Path shared;
    static BundleFixture fixture;

    @BeforeAll
    static void makeBundle() throws IOException {
        fixture = BundleFixture.create(UniverseSpec.builder().seed(41).build(), shared);
    }

    /// A copy of each main module (the go command may rewrite go.mod and go.sum).
    private static List<Path> mainModules(Path into) {
        Path mains = fixture.universe.mainModules().get(0).getParent();
        Path copy = TreeCopy.copy(mains, into);
        return fixture.universe.mainModules().stream().map(m -> copy.resolve(m.getFileName().toString())).toList();
    }

    @Test
    void importedBundleBuildsAndVerifiesWithNoMirror(@TempDir Path tmp) {
        Map<String, String> env = BundleFixture.offline(tmp.resolve("env"));
        GoTool.Result imported = GofetchRunner.run(tmp, env, "bundle", "import", fixture.bundle.toString());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.stdout()).startsWith("imported " + fixture.bundle + " into " + env.get("GOMODCACHE"));

        for (Path main : mainModules(tmp.resolve("mains"))) {
            GoTool.Result build = GoTool.run(main, env, "build", "./...");
            assertThat(build.exitCode()).as("GOPROXY=off go build in " + main + ":\n" + build.stderr()).isZero();
            GoTool.Result verify = GoTool.run(main, env, "mod", "verify");
            assertThat(verify.stdout()).as(verify.stderr()).isEqualTo("all modules verified\n");
        }
    }

    @Test
    void importTwiceKeepsWhatIsThere(@TempDir Path tmp) {
        Map<String, String> env = BundleFixture.offline(tmp.resolve("env"));
        assertThat(GofetchRunner.run(tmp, env, "bundle", "import", fixture.bundle.toString()).exitCode()).isZero();
        GoTool.Result again = GofetchRunner.run(tmp, env, "bundle", "import", fixture.bundle.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).contains("(0 new)");
    }

    @Test
    void servedBundleIsAGoproxyForTheGoCommand(@TempDir Path tmp) throws Exception {
        try (ServeRun serve = new ServeRun(tmp, new HashMap<>(), "serve", fixture.bundle.toString(),
                "-addr", "127.0.0.1:0")) {
            String goproxy = serve.goproxy(Duration.ofSeconds(60));
            assertThat(goproxy).as(serve.stderr()).startsWith("http://127.0.0.1:");
            Map<String, String> env = BundleFixture.goEnv(tmp.resolve("env"), goproxy);
            for (Path main : mainModules(tmp.resolve("mains"))) {
                GoTool.Result download = GoTool.run(main, env, "mod", "download", "all");
                assertThat(download.exitCode()).as("go mod download all via gofetch serve:\n" + download.stderr())
                        .isZero();
                GoTool.Result build = GoTool.run(main, env, "build", "./...");
                assertThat(build.exitCode()).as(build.stderr()).isZero();
            }
            assertThat(serve.stop()).isZero();
            assertThat(serve.stderr()).contains("stopped serving");
        }
    }

    @Test
    void unpackedBundleIsAFileGoproxyAndChecksWithSha256sum(@TempDir Path tmp) throws Exception {
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        run(tmp, "tar", "-xf", fixture.bundle.toString(), "-C", unpacked.toString());
        run(unpacked, "sha256sum", "--check", "--quiet", "SHA256SUMS");

        Map<String, String> env = BundleFixture.goEnv(tmp.resolve("env"), unpacked.resolve("proxy").toUri().toString());
        for (Path main : mainModules(tmp.resolve("mains"))) {
            GoTool.Result download = GoTool.run(main, env, "mod", "download", "all");
            assertThat(download.exitCode()).as("go mod download all via file://:\n" + download.stderr()).isZero();
        }
    }

    static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ":\n" + output).isZero();
    }
}

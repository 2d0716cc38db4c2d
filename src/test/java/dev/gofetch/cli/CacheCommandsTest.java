package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gofetch verify` against `go mod verify`, and `gofetch clean` on read-only trees.
class CacheCommandsTest {
    @TempDir
    Path tmp;

    private record Setup(Path main, Map<String, String> env) {}

    private Setup downloaded() throws IOException {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(31).plain().build(), tmp.resolve("u"));
        Path main = u.mainModules().get(0);
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), u.proxy().goproxy());
        GoTool.Result r = GofetchRunner.run(main, env, "download", "all");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return new Setup(main, env);
    }

    private static Path anyExtractedFile(Path modcache) throws IOException {
        try (Stream<Path> s = Files.walk(modcache)) {
            return s.filter(p -> p.toString().endsWith(".go") && !p.toString().contains("cache/download"))
                    .findFirst().orElseThrow();
        }
    }

    private static Path anyZip(Path modcache) throws IOException {
        try (Stream<Path> s = Files.walk(modcache.resolve("cache/download"))) {
            return s.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    @Test
    void verifyAgreesWithTheGoCommandOnACleanAndATamperedCache() throws IOException {
        Setup s = downloaded();
        Map<String, String> offline = new HashMap<>(s.env());
        offline.put("GOPROXY", "off");
        GoTool.Result ok = GofetchRunner.run(s.main(), offline, "verify");
        assertThat(ok.stdout()).isEqualTo("all modules verified\n");
        assertThat(GoTool.run(s.main(), offline, "mod", "verify").stdout()).isEqualTo("all modules verified\n");

        Path modcache = Path.of(s.env().get("GOMODCACHE"));
        Path file = anyExtractedFile(modcache);
        file.getParent().toFile().setWritable(true);
        file.toFile().setWritable(true);
        Files.writeString(file, "package tampered\n");
        Path zip = anyZip(modcache);
        Files.write(zip, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        GoTool.Result want = GoTool.run(s.main(), offline, "mod", "verify");
        GoTool.Result got = GofetchRunner.run(s.main(), offline, "verify");
        assertThat(want.exitCode()).isEqualTo(1);
        assertThat(got.exitCode()).isEqualTo(1);
        assertThat(got.stdout()).isEqualTo(want.stdout());
        assertThat(got.stderr().replace("gofetch: ", "")).isEqualTo(want.stderr().replace("go: ", ""));
    }

    @Test
    void cleanOneVersionLeavesACacheTheGoCommandStillAccepts() throws IOException {
        Setup s = downloaded();
        Path modcache = Path.of(s.env().get("GOMODCACHE"));
        Path zip = anyZip(modcache);
        String escapedPath = modcache.resolve("cache/download").relativize(zip.getParent().getParent()).toString();
        String version = zip.getFileName().toString().replaceAll("\\.zip$", "");
        String path = dev.gofetch.module.ModulePath.unescapePath(escapedPath);
        GoTool.Result r = GofetchRunner.run(s.main(), s.env(), "clean", path + "@" + version);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(zip).doesNotExist();
        assertThat(modcache.resolve(escapedPath + "@" + version)).doesNotExist();
        // The go.mod went too, so the go command needs the mirror again for the graph; the rest verifies.
        GoTool.Result verify = GoTool.run(s.main(), s.env(), "mod", "verify");
        assertThat(verify.stdout()).as(verify.stderr()).isEqualTo("all modules verified\n");
    }

    @Test
    void cleanAllRemovesAReadOnlyCacheEntirely() throws IOException {
        Setup s = downloaded();
        Path modcache = Path.of(s.env().get("GOMODCACHE"));
        assertThat(GofetchRunner.run(s.main(), s.env(), "clean", "-all").exitCode()).isZero();
        assertThat(modcache).doesNotExist();
    }

    @Test
    void cleanRefusesWhatIsNotAModuleCache() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("documents"));
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), "off");
        env.put("HOME", home.toString());
        env.put("GOMODCACHE", home.toString());
        GoTool.Result r = GofetchRunner.run(tmp, env, "clean", "-all");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gofetch: ");
        assertThat(home.resolve("documents")).exists();
        env.put("GOMODCACHE", "/");
        assertThat(GofetchRunner.run(tmp, env, "clean", "-all").exitCode()).isEqualTo(1);
    }
}

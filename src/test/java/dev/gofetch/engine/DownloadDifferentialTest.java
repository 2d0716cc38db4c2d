package dev.gofetch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import dev.gofetch.testing.TreeCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/// `gofetch download` against `go mod download` on generated universes: the same JSON (paths under
/// each tool's own GOMODCACHE), the same exit status, byte-identical module caches, and a cache filled
/// only by gofetch that the go command accepts offline (`go mod verify`, `go build`).
class DownloadDifferentialTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(11L, new String[] {"-json"}),
                Arguments.of(12L, new String[] {"-json", "all"}),
                Arguments.of(13L, new String[] {"-json", "all"}),
                Arguments.of(14L, new String[] {"-json"}),
                Arguments.of(15L, new String[] {"-json", "all"}));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("cases")
    void downloadMatchesTheGoCommand(long seed, String[] args, @TempDir Path tmp) throws IOException {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(seed).build(), tmp.resolve("u"));
        String goproxy = u.proxy().goproxy();
        int i = 0;
        for (Path main : u.mainModules()) {
            Path s = tmp.resolve("s" + i++);
            Path goDir = TreeCopy.copy(main.getParent(), s.resolve("go")).resolve(main.getFileName().toString());
            Path ourDir = TreeCopy.copy(main.getParent(), s.resolve("ours")).resolve(main.getFileName().toString());
            Map<String, String> goEnv = GoTool.pinnedEnv(s.resolve("go-env"), goproxy);
            Map<String, String> ourEnv = GoTool.pinnedEnv(s.resolve("our-env"), goproxy);
            String[] goArgs = Stream.concat(Stream.of("mod", "download"), Stream.of(args)).toArray(String[]::new);
            String[] ourArgs = Stream.concat(Stream.of("download"), Stream.of(args)).toArray(String[]::new);
            GoTool.Result want = GoTool.run(goDir, goEnv, goArgs);
            GoTool.Result got = GofetchRunner.run(ourDir, ourEnv, ourArgs);
            String ctx = "\n--- go.mod:\n" + Files.readString(main.resolve("go.mod")) + "\n--- go stderr:\n"
                    + want.stderr() + "\n--- gofetch stderr:\n" + got.stderr();
            assertThat(got.exitCode()).as("exit status" + ctx).isEqualTo(want.exitCode());
            assertThat(got.stdout().replace(ourEnv.get("GOMODCACHE"), "$GOMODCACHE"))
                    .as("download -json output" + ctx)
                    .isEqualTo(want.stdout().replace(goEnv.get("GOMODCACHE"), "$GOMODCACHE"));
            assertThat(snapshot(Path.of(ourEnv.get("GOMODCACHE"))))
                    .as("module cache contents" + ctx)
                    .isEqualTo(snapshot(Path.of(goEnv.get("GOMODCACHE"))));
            if (want.exitCode() == 0) {
                Map<String, String> offline = new java.util.HashMap<>(ourEnv);
                offline.put("GOPROXY", "off");
                GoTool.Result verify = GoTool.run(goDir, offline, "mod", "verify");
                assertThat(verify.stdout()).as("go mod verify on gofetch's cache: " + verify.stderr())
                        .isEqualTo("all modules verified\n");
                GoTool.Result build = GoTool.run(goDir, offline, "build", "./...");
                assertThat(build.exitCode()).as("GOPROXY=off go build on gofetch's cache: " + build.stderr())
                        .isZero();
            }
        }
    }

    /// Every file under the cache with its size and hash-relevant content, minus cmd/go's side lock.
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.equals("cache/lock") || rel.startsWith("cache/download/sumdb")) {
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    out.put(rel, Files.size(p) + ":" + Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p)))
                            + ":" + (Files.isWritable(p) ? "w" : "r"));
                } else if (Files.isDirectory(p)) {
                    out.put(rel + "/", "dir");
                }
            }
        }
        return out;
    }
}

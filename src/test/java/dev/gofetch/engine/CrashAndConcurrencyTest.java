package dev.gofetch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A gofetch process killed with SIGKILL mid-download or mid-extraction leaves a cache that the next
/// run completes and `go mod verify` accepts; gofetch and the go command filling one cache at the
/// same moment both succeed (they exclude each other with the same flock locks).
class CrashAndConcurrencyTest {
    @TempDir
    Path tmp;

    private Universe universe(UniverseSpec.ZipSizes sizes) throws IOException {
        return UniverseGenerator.generate(UniverseSpec.builder().seed(77).plain().modulePaths(12)
                .requirementsPerModule(3).zipSizes(sizes).build(), tmp.resolve("u"));
    }

    private static Process startGofetch(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gofetch.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("../gofetch.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    private static boolean anyFile(Path root, String suffix) {
        if (!Files.exists(root)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void killWhen(Process p, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private void assertRecovers(Path main, Map<String, String> env) {
        GoTool.Result again = GofetchRunner.run(main, env, "download", "all");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        Map<String, String> offline = new HashMap<>(env);
        offline.put("GOPROXY", "off");
        GoTool.Result verify = GoTool.run(main, offline, "mod", "verify");
        assertThat(verify.stdout()).as(verify.stderr()).isEqualTo("all modules verified\n");
        // Stale zip downloads are removed under the version lock as the go command does; a killed
        // writer of a small .info/.mod may leave its temporary file, which both tools ignore.
        assertThat(files(Path.of(env.get("GOMODCACHE")), ".tmp")).as("temporary zip files left")
                .noneMatch(p -> p.getFileName().toString().matches(".*\\.zip.*\\.tmp"));
        assertThat(anyFile(Path.of(env.get("GOMODCACHE")), ".partial")).as("partial markers left").isFalse();
    }

    @Test
    void killedInTheMiddleOfAZipDownload() throws Exception {
        Universe u = universe(new UniverseSpec.ZipSizes(0, 0, 0, 0, 1.0, 2 << 20, 3 << 20));
        try (LabServer lab = LabServer.builder(u.proxy().root()).faults(Faults.parse("rate=512k")).start()) {
            Path main = u.mainModules().get(0);
            Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), lab.baseUri().toString());
            Process p = startGofetch(main, env, "download", "all");
            Path modcache = Path.of(env.get("GOMODCACHE"));
            killWhen(p, () -> anyFile(modcache, ".tmp"));
            assertThat(anyFile(modcache, ".tmp")).as("the kill came while a zip was being written").isTrue();
            assertRecovers(main, env);
        }
    }

    @Test
    void killedInTheMiddleOfAnExtraction() throws Exception {
        Universe u = universe(new UniverseSpec.ZipSizes(0, 0, 0, 0, 1.0, 24 << 20, 32 << 20));
        Path main = u.mainModules().get(0);
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), u.proxy().goproxy());
        Path modcache = Path.of(env.get("GOMODCACHE"));
        Process p = startGofetch(main, env, "download", "-p", "1", "all");
        killWhen(p, () -> anyFile(modcache, ".partial"));
        assertThat(anyFile(modcache, ".partial")).as("the kill came while a module was being extracted").isTrue();
        assertRecovers(main, env);
    }

    @Test
    void gofetchAndTheGoCommandFillOneCacheAtTheSameTime() throws Exception {
        Universe u = universe(new UniverseSpec.ZipSizes(64 << 10, 0.5, 256 << 10, 1 << 20, 0, 0, 0));
        try (LabServer lab = LabServer.builder(u.proxy().root()).faults(Faults.parse("latency=20ms")).start()) {
            Path main = u.mainModules().get(0);
            Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), lab.baseUri().toString());
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<GoTool.Result> go = CompletableFuture.supplyAsync(() -> {
                await(start);
                return GoTool.run(main, env, "mod", "download", "all");
            });
            CompletableFuture<GoTool.Result> ours = CompletableFuture.supplyAsync(() -> {
                await(start);
                return GofetchRunner.run(main, env, "download", "all");
            });
            assertThat(go.get(5, TimeUnit.MINUTES).exitCode()).as(go.get().stderr()).isZero();
            assertThat(ours.get(5, TimeUnit.MINUTES).exitCode()).as(ours.get().stderr()).isZero();
            Map<String, String> offline = new HashMap<>(env);
            offline.put("GOPROXY", "off");
            GoTool.Result verify = GoTool.run(main, offline, "mod", "verify");
            assertThat(verify.stdout()).as(verify.stderr()).isEqualTo("all modules verified\n");
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}

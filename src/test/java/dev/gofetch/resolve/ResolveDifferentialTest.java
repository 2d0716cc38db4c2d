package dev.gofetch.resolve;

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
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// `gofetch list` and `gofetch graph` against `go list -m all` and `go mod graph` over randomly
/// generated module universes: same exit status, byte-identical standard output.
class ResolveDifferentialTest {

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 8).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void listAndGraphMatchTheGoCommand(long seed, @TempDir Path tmp) throws IOException {
        UniverseSpec spec = UniverseSpec.builder().seed(seed).build();
        Universe u = UniverseGenerator.generate(spec, tmp.resolve("u"));
        compareAll(u, tmp);
    }

    @ParameterizedTest(name = "dense seed {0}")
    @MethodSource("seeds")
    void denseUniversesMatchTheGoCommand(long seed, @TempDir Path tmp) throws IOException {
        UniverseSpec spec = UniverseSpec.builder().seed(1000 + seed).modulePaths(30).versionsPerPath(8)
                .requirementsPerModule(3.5).build();
        Universe u = UniverseGenerator.generate(spec, tmp.resolve("u"));
        compareAll(u, tmp);
    }

    static void compareAll(Universe u, Path tmp) {
        String goproxy = u.proxy().goproxy();
        int i = 0;
        for (Path main : u.mainModules()) {
            Path scratch = tmp.resolve("s" + i++);
            compare(main, scratch, goproxy, "list", new String[] {"list", "-m", "all"}, new String[] {"list"});
            compare(main, scratch, goproxy, "graph", new String[] {"mod", "graph"}, new String[] {"graph"});
            compareReadonly(main, scratch, goproxy);
        }
    }

    static void compare(Path main, Path scratch, String goproxy, String label, String[] goArgs, String[] ourArgs) {
        Path goDir = TreeCopy.copy(main.getParent(), scratch.resolve("go-" + label)).resolve(main.getFileName().toString());
        Path ourDir = TreeCopy.copy(main.getParent(), scratch.resolve("gofetch-" + label))
                .resolve(main.getFileName().toString());
        Map<String, String> goEnv = GoTool.pinnedEnv(scratch.resolve("go-env-" + label), goproxy);
        Map<String, String> ourEnv = GoTool.pinnedEnv(scratch.resolve("our-env-" + label), goproxy);
        GoTool.Result want = GoTool.run(goDir, goEnv, goArgs);
        GoTool.Result got = GofetchRunner.run(ourDir, ourEnv, ourArgs);
        String context = "\n--- go.mod " + main + ":\n" + read(main.resolve("go.mod"))
                + "\n--- go stderr:\n" + want.stderr() + "\n--- gofetch stderr:\n" + got.stderr();
        assertThat(got.exitCode() == 0).as("exit status (go %d, gofetch %d)%s", want.exitCode(), got.exitCode(), context)
                .isEqualTo(want.exitCode() == 0);
        assertThat(got.stdout()).as("stdout of %s%s", label, context).isEqualTo(want.stdout());
    }

    /// Under -mod=readonly (the go command's default) an inconsistent go.mod or a go.sum lacking a
    /// line is an error: same status, same stdout, same message.
    static void compareReadonly(Path main, Path scratch, String goproxy) {
        Path goDir = TreeCopy.copy(main.getParent(), scratch.resolve("go-ro")).resolve(main.getFileName().toString());
        Path ourDir = TreeCopy.copy(main.getParent(), scratch.resolve("gofetch-ro"))
                .resolve(main.getFileName().toString());
        Map<String, String> goEnv = GoTool.pinnedEnv(scratch.resolve("go-env-ro"), goproxy);
        Map<String, String> ourEnv = GoTool.pinnedEnv(scratch.resolve("our-env-ro"), goproxy);
        goEnv.put("GOFLAGS", "-mod=readonly");
        ourEnv.put("GOFLAGS", "-mod=readonly");
        GoTool.Result want = GoTool.run(goDir, goEnv, "list", "-m", "all");
        GoTool.Result got = GofetchRunner.run(ourDir, ourEnv, "list");
        String context = "\n--- go.mod " + main + ":\n" + read(main.resolve("go.mod"))
                + "\n--- go stderr:\n" + want.stderr() + "\n--- gofetch stderr:\n" + got.stderr();
        assertThat(got.exitCode() == 0).as("readonly exit status%s", context).isEqualTo(want.exitCode() == 0);
        assertThat(got.stdout()).as("readonly stdout%s", context).isEqualTo(want.stdout());
        assertThat(got.stderr().replace("gofetch: ", "go: ")).as("readonly stderr%s", context)
                .isEqualTo(want.stderr());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }
}

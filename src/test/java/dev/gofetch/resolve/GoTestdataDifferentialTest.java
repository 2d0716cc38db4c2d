package dev.gofetch.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.GoTestdataTree;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.PseudoVersion;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import dev.gofetch.testing.TreeCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// The go toolchain's own test modules (`$GOROOT/src/cmd/go/testdata/mod`, converted to a GOPROXY tree
/// at test time) as dependencies of generated main modules: `gofetch list`/`graph` must match
/// `go list -m all`/`go mod graph`, including the deliberately broken fixtures' errors.
class GoTestdataDifferentialTest {
    @TempDir
    static Path tmp;
    static ProxyTree tree;
    static List<ModuleVersion> fixtures;
    static final java.util.concurrent.atomic.AtomicInteger succeeded = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void convert() throws IOException {
        tree = new ProxyTree(tmp.resolve("proxy"));
        fixtures = new ArrayList<>(GoTestdataTree.convert(GoTestdataTree.fixtureDir(GoTool.goroot()), tree));
        fixtures.removeIf(m -> PseudoVersion.isPseudoVersion(m.version()) && m.path().startsWith("example.com/"));
        fixtures.sort(ModuleVersion.ORDER);
    }

    /// The comparison means something only if the fixtures exercise both outcomes.
    @org.junit.jupiter.api.AfterAll
    static void bothOutcomesWereCompared() {
        assertThat(succeeded.get()).as("cases the go command resolved").isGreaterThan(runs.get() / 3);
        assertThat(succeeded.get()).as("cases the go command rejected").isLessThan(runs.get());
        System.out.println("go testdata: " + succeeded + " of " + runs + " resolved");
    }

    static Stream<Integer> cases() {
        return IntStream.range(0, 24).boxed();
    }

    @ParameterizedTest(name = "main module {0}")
    @MethodSource("cases")
    void fixturesResolveLikeTheGoCommand(int n, @TempDir Path scratch) throws IOException {
        Random r = new Random(4242 + n);
        String[] goLines = {"", "go 1.16\n", "go 1.17\n", "go 1.21\n", "go 1.23\n"};
        StringBuilder mod = new StringBuilder("module example.org/main\n\n").append(goLines[r.nextInt(goLines.length)]);
        int count = 1 + r.nextInt(4);
        List<String> seen = new ArrayList<>();
        mod.append("\nrequire (\n");
        for (int i = 0; i < count; i++) {
            ModuleVersion m = fixtures.get(r.nextInt(fixtures.size()));
            if (seen.contains(m.path())) {
                continue;
            }
            seen.add(m.path());
            mod.append('\t').append(m.path()).append(' ').append(m.version()).append('\n');
        }
        mod.append(")\n");
        Path main = scratch.resolve("src/main");
        Files.createDirectories(main);
        Files.writeString(main.resolve("go.mod"), mod.toString());
        Files.writeString(main.resolve("main.go"), "package main\n\nfunc main() {}\n");
        for (String[] cmd : List.of(new String[] {"list", "-m", "all"}, new String[] {"mod", "graph"})) {
            String label = cmd[0] + "-" + cmd[1];
            Path goDir = TreeCopy.copy(main, scratch.resolve("go-" + label));
            Path ourDir = TreeCopy.copy(main, scratch.resolve("our-" + label));
            Map<String, String> goEnv = GoTool.pinnedEnv(scratch.resolve("ge-" + label), tree.goproxy());
            Map<String, String> ourEnv = GoTool.pinnedEnv(scratch.resolve("oe-" + label), tree.goproxy());
            GoTool.Result want = GoTool.run(goDir, goEnv, cmd);
            GoTool.Result got = GofetchRunner.run(ourDir, ourEnv, cmd[0].equals("list") ? "list" : "graph");
            String ctx = "\n--- go.mod:\n" + mod + "--- go stderr:\n" + want.stderr() + "--- gofetch stderr:\n"
                    + got.stderr();
            assertThat(got.exitCode() == 0).as(label + " success" + ctx).isEqualTo(want.exitCode() == 0);
            runs.incrementAndGet();
            if (want.exitCode() == 0) {
                succeeded.incrementAndGet();
            }
            assertThat(got.stdout()).as(label + " stdout" + ctx).isEqualTo(want.stdout());
        }
    }
}

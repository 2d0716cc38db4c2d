package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gofetch bundle create` on its own: the union of several main modules' build lists, explicit
/// `path@version` queries, failures that leave no file behind, and usage errors.
class BundleCommandTest {
    @TempDir
    static Path shared;
    static Universe universe;
    static LabServer lab;

    @BeforeAll
    static void serve() throws IOException {
        universe = UniverseGenerator.generate(UniverseSpec.builder().seed(5).plain().modulePaths(10)
                .versionsPerPath(3).mainModules(2).build(), shared.resolve("u"));
        lab = LabServer.start(universe.proxy().root());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static Map<String, String> env(Path scratch) {
        return BundleFixture.goEnv(scratch, lab.baseUri().toString());
    }

    private static Set<ModuleVersion> zipModules(Path bundleFile) throws Exception {
        Set<ModuleVersion> s = new HashSet<>();
        for (Manifest.Module m : Bundle.open(bundleFile, Progress.NONE).manifest().modules()) {
            if (m.zip() != null) {
                s.add(m.id());
            }
        }
        return s;
    }

    @Test
    void aBundleOfSeveralMainModulesHoldsTheUnionOfTheirBuildLists(@TempDir Path tmp) throws Exception {
        Path m0 = universe.mainModules().get(0);
        Path m1 = universe.mainModules().get(1);
        assertThat(GofetchRunner.run(m0, env(tmp.resolve("a")), "bundle", "create", "-o", tmp + "/a.tar").exitCode())
                .isZero();
        assertThat(GofetchRunner.run(m1, env(tmp.resolve("b")), "bundle", "create", "-o", tmp + "/b.tar").exitCode())
                .isZero();
        GoTool.Result both = GofetchRunner.run(universe.root(), env(tmp.resolve("c")), "bundle", "create",
                "-o", tmp + "/both.tar", "-C", m0.toString(), "-C=" + m1, "all");
        assertThat(both.exitCode()).as(both.stderr()).isZero();
        assertThat(both.stdout()).matches("wrote " + tmp + "/both.tar: \\d+ module versions \\(\\d+ with zips, \\d+ "
                + "go.mod only\\), .*\n");

        Set<ModuleVersion> union = new HashSet<>(zipModules(tmp.resolve("a.tar")));
        union.addAll(zipModules(tmp.resolve("b.tar")));
        assertThat(zipModules(tmp.resolve("both.tar"))).isEqualTo(union);
        assertThat(Bundle.open(tmp.resolve("both.tar"), Progress.NONE).manifest().sources())
                .extracting(Manifest.Source::module).containsExactly("lab.example/m0", "lab.example/m1");
    }

    @Test
    void explicitVersionsOutsideAnyModule(@TempDir Path tmp) throws Exception {
        String path = universe.published().keySet().iterator().next();
        String version = universe.published().get(path).get(0);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        GoTool.Result r = GofetchRunner.run(empty, env(tmp.resolve("s")), "bundle", "create", "-o", "one.tar",
                path + "@" + version);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Manifest m = Bundle.open(empty.resolve("one.tar"), Progress.NONE).manifest();
        assertThat(m.modules()).extracting(Manifest.Module::id).containsExactly(new ModuleVersion(path, version));
        assertThat(m.sources()).isEmpty();
        assertThat(m.query()).containsExactly(path + "@" + version);
    }

    @Test
    void aModuleThatCannotBeDownloadedFailsTheBundleAndWritesNothing(@TempDir Path tmp) {
        GoTool.Result r = GofetchRunner.run(tmp, env(tmp.resolve("s")), "bundle", "create", "-o", "x.tar",
                "example.com/not/there@v1.0.0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gofetch: example.com/not/there@v1.0.0: ");
        assertThat(tmp.resolve("x.tar")).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("x.tar"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void usageErrors(@TempDir Path tmp) {
        for (List<String> args : List.of(List.of("bundle"), List.of("bundle", "pack"),
                List.of("bundle", "create", "all"), List.of("bundle", "verify"), List.of("bundle", "import", "a", "b"),
                List.of("bundle", "create", "-o", "x.tar", "-created", "yesterday"))) {
            GoTool.Result r = GofetchRunner.run(tmp, env(tmp.resolve("s")), args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.stderr()).as(String.join(" ", args)).contains("usage: gofetch bundle create -o file");
        }
        assertThat(GofetchRunner.run(tmp, env(tmp.resolve("s")), "bundle", "create").stderr())
                .startsWith("gofetch: missing -o file\n");
        assertThat(GofetchRunner.run(tmp, env(tmp.resolve("s")), "bundle", "verify", "nope.tar").stderr())
                .isEqualTo("gofetch: open nope.tar: no such file or directory\n");
    }
}

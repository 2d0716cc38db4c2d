package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Same inputs, same bytes: a bundle made twice (fresh module caches, another server, the main
/// modules named in another order) is byte-identical, and its tar entries carry nothing of the machine
/// that made them.
class BundleReproducibilityTest {
    @TempDir
    static Path shared;
    static Universe universe;

    @BeforeAll
    static void generate() throws IOException {
        universe = UniverseGenerator.generate(UniverseSpec.builder().seed(23).modulePaths(12).versionsPerPath(3)
                .mainModules(2).build(), shared.resolve("u"));
    }

    private static GoTool.Result create(Path scratch, Path out, Map<String, String> extraEnv, boolean reversed,
                                        String... extraArgs) throws IOException {
        try (LabServer lab = LabServer.start(universe.proxy().root())) {
            Map<String, String> env = BundleFixture.goEnv(scratch, lab.baseUri().toString());
            env.putAll(extraEnv);
            List<String> args = new ArrayList<>(List.of("bundle", "create", "-o", out.toString()));
            List<Path> mains = new ArrayList<>(universe.mainModules());
            if (reversed) {
                java.util.Collections.reverse(mains);
            }
            for (Path m : mains) {
                args.addAll(List.of("-C", m.toString()));
            }
            args.addAll(List.of(extraArgs));
            GoTool.Result r = GofetchRunner.run(universe.root(), env, args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            return r;
        }
    }

    @Test
    void creatingTwiceGivesIdenticalBytes(@TempDir Path tmp) throws IOException {
        Path first = tmp.resolve("first.tar");
        Path second = tmp.resolve("second.tar");
        create(tmp.resolve("a"), first, Map.of(), false);
        create(tmp.resolve("b"), second, Map.of(), true);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.size(first) % TarWriter.RECORD).isZero();
    }

    @Test
    void aWarmModuleCacheGivesTheSameBytesAsAColdOne(@TempDir Path tmp) throws IOException {
        Path cold = tmp.resolve("cold.tar");
        Path warm = tmp.resolve("warm.tar");
        create(tmp.resolve("a"), cold, Map.of(), false);
        create(tmp.resolve("a"), warm, Map.of(), false);
        assertThat(Files.readAllBytes(warm)).isEqualTo(Files.readAllBytes(cold));
    }

    @Test
    void creationTimeComesFromSourceDateEpochOrTheFlagAndIsReproducible(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.tar");
        Path b = tmp.resolve("b.tar");
        Path c = tmp.resolve("c.tar");
        create(tmp.resolve("s1"), a, Map.of("SOURCE_DATE_EPOCH", "1700000000"), false);
        create(tmp.resolve("s2"), b, Map.of(), false, "-created", "2023-11-14T22:13:20Z");
        create(tmp.resolve("s3"), c, Map.of(), false);
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        Bundle bundle = Bundle.open(a, Progress.NONE);
        assertThat(bundle.manifest().created()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000L));
        assertThat(Bundle.open(c, Progress.NONE).manifest().created()).as("no time given: none recorded").isNull();
        assertThat(new String(bundle.read(Layout.MANIFEST), StandardCharsets.UTF_8))
                .contains("\"created\": \"2023-11-14T22:13:20Z\"");

        // Every entry: a plain file, 0644, owner 0/0 without names, the creation time.
        Process p = new ProcessBuilder("tar", "--list", "--verbose", "--numeric-owner", "--full-time",
                "--utc", "-f", a.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(listing).isZero();
        List<String> lines = listing.lines().toList();
        assertThat(lines).hasSize(bundle.files().size());
        assertThat(lines).allSatisfy(l -> assertThat(l).matches(
                "-rw-r--r-- 0/0 +\\d+ 2023-11-14 22:13:20 \\S+"));
        assertThat(lines.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList())
                .as("sorted by name").isSorted();
    }

    @Test
    void theArchiveHoldsExactlyTheManifestsFiles(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("b.tar");
        create(tmp.resolve("s"), out, Map.of(), false);
        Bundle bundle = Bundle.open(out, Progress.NONE);
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(out)) {
            TarReader r = new TarReader(in);
            for (TarReader.Entry e; (e = r.next()) != null; ) {
                names.add(e.name());
            }
        }
        assertThat(names.subList(0, 3)).containsExactly(Layout.SUMS, Layout.GO_SUM, Layout.MANIFEST);
        assertThat(names).contains(Layout.sourceFile(0, "go.mod"), Layout.sourceFile(1, "go.mod"));
        for (Manifest.Module m : bundle.manifest().modules()) {
            assertThat(names).contains(Layout.versionFile(m.id(), Layout.Ext.MOD), Layout.listFile(m.path()));
            if (m.zip() != null) {
                assertThat(names).contains(Layout.versionFile(m.id(), Layout.Ext.ZIP),
                        Layout.versionFile(m.id(), Layout.Ext.INFO));
            }
        }
        String goSum = new String(bundle.read(Layout.GO_SUM), StandardCharsets.UTF_8);
        for (Manifest.Module m : bundle.manifest().modules()) {
            assertThat(goSum).contains(m.path() + " " + m.version() + "/go.mod " + m.mod().h1() + "\n");
        }
    }
}

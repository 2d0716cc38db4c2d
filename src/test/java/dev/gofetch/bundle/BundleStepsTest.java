package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.cache.ModCache;
import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.module.ModuleVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The steps the app's bundle wizard drives one by one: a review of the plan before anything is
/// downloaded, the scope without the graph's extra go.mod files, cancellation of each long step by
/// interrupting its thread, the count of checks a verification made, and an import preview.
class BundleStepsTest {
    @TempDir
    static Path shared;
    static Universe universe;
    static LabServer lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        universe = UniverseGenerator.generate(UniverseSpec.builder().seed(7).plain().modulePaths(10)
                .versionsPerPath(3).mainModules(1).build(), shared.resolve("u"));
        lab = LabServer.start(universe.proxy().root());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Session session(Path scratch) throws Exception {
        Map<String, String> env = BundleFixture.goEnv(scratch, lab.baseUri().toString());
        return Session.open(GoEnv.load(env), 4);
    }

    private BundleCreator plan(Session s, boolean graphGoMods) throws BundleException {
        return BundleCreator.plan(s, List.of(universe.mainModules().get(0)), List.of(), graphGoMods, tmp, w -> { });
    }

    private static Path written;

    /// A bundle written by the steps, once for the tests that only read it.
    private Path written() throws Exception {
        if (written == null) {
            Path out = shared.resolve("b.tar");
            try (Session s = session(shared.resolve("scratch"))) {
                BundleCreator creator = plan(s, true);
                creator.download(DownloadListener.NONE, 4);
                creator.write(out, null, Progress.NONE);
            }
            written = out;
        }
        return written;
    }

    @Test
    void theReviewShowsWhatIsCachedAndItsSizeOnDisk() throws Exception {
        try (Session s = session(tmp.resolve("scratch"))) {
            BundleCreator creator = plan(s, true);
            List<BundleCreator.Entry> before = creator.review();
            assertThat(before).hasSize(creator.moduleCount());
            assertThat(before.stream().filter(BundleCreator.Entry::zip)).hasSize(creator.zipCount())
                    .allSatisfy(e -> assertThat(e.cached()).as("zips are not downloaded yet").isFalse())
                    .allSatisfy(e -> assertThat(e.bytes()).isEqualTo(-1));
            // Resolving read every go.mod, so the go.mod-only entries are cached already.
            assertThat(before.stream().filter(e -> !e.zip()))
                    .allSatisfy(e -> assertThat(e.cached()).isTrue());

            creator.download(DownloadListener.NONE, 4);
            ModCache cache = s.cache();
            for (BundleCreator.Entry e : creator.review()) {
                ModuleVersion m = e.module();
                long want = Files.size(cache.modFile(m))
                        + (e.zip() ? Files.size(cache.zipFile(m)) + Files.size(cache.infoFile(m)) : 0);
                assertThat(e.cached()).as(m.toString()).isTrue();
                assertThat(e.bytes()).as(m.toString()).isEqualTo(want);
            }
        }
    }

    @Test
    void withoutTheGraphsGoModFilesOnlyTheBuildListRemains() throws Exception {
        try (Session s = session(tmp.resolve("scratch"))) {
            List<BundleCreator.Entry> all = plan(s, true).review();
            List<BundleCreator.Entry> buildList = plan(s, false).review();
            assertThat(all).as("this universe's graph reads older go.mod files").anyMatch(e -> !e.zip());
            assertThat(buildList).allMatch(BundleCreator.Entry::zip);
            assertThat(buildList.stream().map(BundleCreator.Entry::module))
                    .containsExactlyElementsOf(all.stream().filter(BundleCreator.Entry::zip)
                            .map(BundleCreator.Entry::module).toList());
        }
    }

    @Test
    void interruptingTheWriteLeavesNoFileBehind() throws Exception {
        Path out = tmp.resolve("out/b.tar");
        try (Session s = session(tmp.resolve("scratch"))) {
            BundleCreator creator = plan(s, true);
            creator.download(DownloadListener.NONE, 4);
            assertThatThrownBy(() -> creator.write(out, null, (phase, done, total) -> {
                if (phase.equals("writing")) {
                    Thread.currentThread().interrupt();
                }
            })).isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted()).as("the interrupt status stays set").isTrue();
            try (Stream<Path> left = Files.list(out.getParent())) {
                assertThat(left).as("neither the bundle nor its temporary file").isEmpty();
            }
            // Not interrupted, the same creator writes the bundle.
            creator.write(out, null, Progress.NONE);
            assertThat(out).isRegularFile();
        }
    }

    @Test
    void interruptingTheDownloadsStopsThem() throws Exception {
        try (Session s = session(tmp.resolve("scratch"))) {
            BundleCreator creator = plan(s, true);
            Thread caller = Thread.currentThread();
            assertThatThrownBy(() -> creator.download(new DownloadListener() {
                @Override
                public void moduleStarted(ModuleVersion m) {
                    caller.interrupt();
                }
            }, 1)).isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted()).isTrue();
            assertThat(creator.review()).as("not every zip was fetched").anyMatch(e -> !e.cached());
        }
    }

    @Test
    void verificationCountsTheFilesAndHashesItChecked() throws Exception {
        Path out = written();
        Bundle b = Bundle.open(out, Progress.NONE);
        int entries = TarSurgery.read(out).size();
        Bundle.Summary sum = b.summary();
        Bundle.Checked checked = b.checked();
        assertThat(checked.files()).isEqualTo(entries);
        assertThat(checked.sha256Hashes()).isEqualTo(entries - 1);
        // a zip and a go.mod per zip module, a go.mod per go.mod-only one, the main module's go.mod
        // (the generated main module has no go.sum)
        assertThat(checked.h1Hashes()).isEqualTo(2 * sum.zips() + sum.goModOnly()
                + b.manifest().sources().size() + (int) b.manifest().sources().stream().filter(x -> x.goSum() != null).count());
    }

    @Test
    void thePreviewOfAnImportTellsNewFromPresentAndConflicting() throws Exception {
        Path out = written();
        Bundle b = Bundle.open(out, Progress.NONE);
        ModCache fresh = new ModCache(tmp.resolve("fresh"));
        assertThat(BundleImporter.preview(b, fresh)).hasSize(b.modules().size())
                .allSatisfy(p -> assertThat(p.effect()).isEqualTo(BundleImporter.Effect.ADD));
        assertThat(fresh.root()).as("a preview writes nothing").doesNotExist();

        BundleImporter.importInto(b, fresh, false, 2, Progress.NONE);
        List<BundleImporter.Preview> after = BundleImporter.preview(b, fresh);
        assertThat(after).allSatisfy(p -> assertThat(p.effect()).isEqualTo(BundleImporter.Effect.PRESENT));

        ModCache other = new ModCache(tmp.resolve("other"));
        Manifest.Module m = b.manifest().modules().get(0);
        other.writeMod(m.id(), "module other.example/x\n".getBytes(StandardCharsets.UTF_8));
        BundleImporter.Preview p = BundleImporter.preview(b, other).get(0);
        assertThat(p.effect()).isEqualTo(BundleImporter.Effect.CONFLICT);
        assertThat(p.conflict()).contains(m.id() + ": the module cache holds a different go.mod");
    }

    @Test
    void interruptingAVerificationOrAnImportCancelsIt() throws Exception {
        Path out = written();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Bundle.open(out, Progress.NONE)).isInstanceOf(CancellationException.class);
        assertThat(Thread.interrupted()).isTrue();

        Bundle b = Bundle.open(out, Progress.NONE);
        ModCache fresh = new ModCache(tmp.resolve("fresh"));
        Thread caller = Thread.currentThread();
        assertThatThrownBy(() -> BundleImporter.importInto(b, fresh, false, 1, (phase, done, total) -> caller.interrupt()))
                .isInstanceOf(CancellationException.class);
        assertThat(Thread.interrupted()).isTrue();
    }
}

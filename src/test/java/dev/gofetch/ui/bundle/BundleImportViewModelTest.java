package dev.gofetch.ui.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.BundleCreator;
import dev.gofetch.bundle.BundleImporter;
import dev.gofetch.bundle.Manifest;
import dev.gofetch.bundle.Progress;
import dev.gofetch.cache.ModCache;
import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.bundle.BundleImportViewModel.Step;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Fact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// File → Import bundle with the engine on the test's thread: a good bundle into a fresh module cache,
/// a tampered one (nothing imported), a cache that already has it, and one that disagrees with it.
class BundleImportViewModelTest {
    @TempDir
    static Path shared;
    static Path bundle;
    static Bundle verified;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeBundle() throws Exception {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(11).plain().modulePaths(8)
                .versionsPerPath(2).mainModules(1).build(), shared.resolve("u"));
        bundle = shared.resolve("b.tar");
        try (LabServer lab = LabServer.start(u.proxy().root());
             Session s = Session.open(GoEnv.load(GoTool.pinnedEnv(shared.resolve("creator"), lab.baseUri().toString())), 4)) {
            BundleCreator c = BundleCreator.plan(s, u.mainModules(), List.of(), shared, w -> { });
            c.download(DownloadListener.NONE, 4);
            c.write(bundle, null, Progress.NONE);
        }
        verified = Bundle.open(bundle, Progress.NONE);
    }

    /// Go's settings with a fresh module cache and no mirror at all.
    private Map<String, String> offline() {
        return GoTool.pinnedEnv(tmp.resolve("scratch"), "off");
    }

    private BundleImportViewModel importer() {
        return new BundleImportViewModel(Engine.of(offline()), UiBridge.direct(), Runnable::run);
    }

    private ModCache cache() {
        return new ModCache(Path.of(offline().get("GOMODCACHE")));
    }

    @Test
    void aGoodBundleIsPreviewedThenImportedIntoAFreshCache() throws Exception {
        BundleImportViewModel vm = importer();
        vm.open(bundle);
        assertThat(vm.stepProperty().get()).isEqualTo(Step.PREVIEW);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.previewRows()).hasSize(verified.modules().size())
                .allMatch(p -> p.effect() == BundleImporter.Effect.ADD);
        assertThat(vm.previewSummaryProperty().get())
                .startsWith("Verified. " + verified.modules().size() + " module versions to add (")
                .endsWith("0 already in the module cache");
        assertThat(vm.canImportProperty().get()).isTrue();
        assertThat(vm.modCacheProperty().get()).isEqualTo(cache().root().toString());

        vm.importBundle();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REPORT);
        assertThat(vm.reportOkProperty().get()).isTrue();
        assertThat(vm.reportTitleProperty().get()).isEqualTo("Imported b.tar");
        int zips = verified.summary().zips();
        assertThat(vm.report()).contains(new Fact("Modules", zips + " added, 0 already present"));
        assertThat(vm.report()).extracting(Fact::label).contains("Verified");
        ModCache cache = cache();
        for (Manifest.Module m : verified.manifest().modules()) {
            assertThat(cache.modFile(m.id())).isRegularFile();
            if (m.zip() != null) {
                assertThat(cache.zipFile(m.id())).isRegularFile();
                assertThat(cache.readZipHash(m.id())).contains(m.zip().h1());
                assertThat(cache.extractedDir(m.id())).isDirectory();
            }
        }

        // Opened again, everything is there already and there is nothing to import.
        vm.open(bundle);
        assertThat(vm.previewRows()).allMatch(p -> p.effect() == BundleImporter.Effect.PRESENT);
        assertThat(vm.canImportProperty().get()).isFalse();
    }

    @Test
    void aTamperedBundleImportsNothingAndSaysWhatWasAltered() throws Exception {
        byte[] bytes = Files.readAllBytes(bundle);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("module ", text.indexOf(".mod\0")); // the content of the first go.mod entry
        bytes[at] = 'M';
        Path bad = Files.write(tmp.resolve("tampered.tar"), bytes);

        BundleImportViewModel vm = importer();
        vm.open(bad);
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REPORT);
        assertThat(vm.reportOkProperty().get()).isFalse();
        assertThat(vm.reportTitleProperty().get()).isEqualTo("tampered.tar failed verification: nothing was imported");
        assertThat(vm.report().get(0)).isEqualTo(new Fact("In short", "Some files in the bundle are not the ones it"
                + " was made with: it was changed or damaged after it was written. Do not use it; copy it again or"
                + " make a new one."));
        assertThat(vm.report()).extracting(Fact::value)
                .anyMatch(p -> p.contains(".mod: sha256 is ") && p.endsWith("(the file was altered)"))
                .anyMatch(p -> p.contains(".mod: h1 hash is "));
        assertThat(vm.canImportProperty().get()).isFalse();
        vm.importBundle();
        assertThat(cache().root()).as("nothing imported").doesNotExist();
    }

    @Test
    void aCacheThatDisagreesBlocksTheImportAndNamesTheModule() throws Exception {
        Manifest.Module m = verified.manifest().modules().get(0);
        ModCache cache = cache();
        byte[] other = "module other.example/x\n".getBytes(StandardCharsets.UTF_8);
        cache.writeMod(m.id(), other);

        BundleImportViewModel vm = importer();
        vm.open(bundle);
        assertThat(vm.stepProperty().get()).isEqualTo(Step.PREVIEW);
        assertThat(vm.previewRows().get(0).effect()).isEqualTo(BundleImporter.Effect.CONFLICT);
        assertThat(vm.errorProperty().get()).startsWith("The module cache holds different files for 1 module version "
                + "than the bundle, so nothing can be imported:\n" + m.id() + ": the module cache holds a different go.mod");
        assertThat(vm.canImportProperty().get()).isFalse();
        vm.importBundle();
        assertThat(cache.zipFile(verified.manifest().modules().stream().filter(x -> x.zip() != null).findFirst()
                .orElseThrow().id())).doesNotExist();
        assertThat(Files.readAllBytes(cache.modFile(m.id()))).isEqualTo(other);
    }

    @Test
    void aMissingFileIsReportedInPlainWords() {
        BundleImportViewModel vm = importer();
        vm.open(tmp.resolve("nowhere.tar"));
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REPORT);
        assertThat(vm.reportOkProperty().get()).isFalse();
        assertThat(vm.report()).containsExactly(new Fact("In short", "There is no bundle at that place."),
                new Fact("Problem", "no such file or directory: " + tmp.resolve("nowhere.tar")));
    }
}

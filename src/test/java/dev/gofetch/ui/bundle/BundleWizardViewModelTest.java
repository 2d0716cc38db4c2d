package dev.gofetch.ui.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.BundleCreator;
import dev.gofetch.bundle.Progress;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Fact;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Scope;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The wizard's steps with the engine on the test's thread (a same-thread executor and
/// {@link UiBridge#direct}) against a generated universe on a loopback lab mirror.
class BundleWizardViewModelTest {
    @TempDir
    static Path shared;
    static Universe universe;
    static LabServer lab;

    @TempDir
    Path tmp;

    private BundleWizardViewModel vm;

    @BeforeAll
    static void serve() throws Exception {
        universe = UniverseGenerator.generate(UniverseSpec.builder().seed(7).plain().modulePaths(10)
                .versionsPerPath(3).mainModules(2).build(), shared.resolve("u"));
        lab = LabServer.start(universe.proxy().root());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
        Thread.interrupted();
    }

    private BundleWizardViewModel wizard(Path project, List<Path> recent) {
        return wizard(project, recent, UiBridge.direct());
    }

    private BundleWizardViewModel wizard(Path project, List<Path> recent, UiBridge ui) {
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp.resolve("scratch"), lab.baseUri().toString()));
        vm = new BundleWizardViewModel(engine, ui, Runnable::run, project, recent, LocalDate.of(2026, 11, 26));
        return vm;
    }

    private static Path main(int i) {
        return universe.mainModules().get(i);
    }

    @Test
    void theOpenProjectIsPreselectedAndEachProjectIsAddedOnce() {
        wizard(main(0), List.of(main(1)));
        assertThat(vm.projects()).containsExactly(main(0).toAbsolutePath().normalize());
        assertThat(vm.recentProjects()).containsExactly(main(1));
        vm.addProject(main(1));
        vm.addProject(main(1).resolve("."));
        assertThat(vm.projects()).hasSize(2);
        assertThat(vm.scopeProperty().get()).isEqualTo(Scope.ALL);
        assertThat(vm.defaultFileName()).isEqualTo("gofetch-bundle-2026-11-26.tar");
    }

    @Test
    void withoutProjectsTheWizardAsksForOne() {
        wizard(null, List.of());
        vm.review();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.CHOOSE);
        assertThat(vm.errorProperty().get()).startsWith("Choose at least one project");
    }

    @Test
    void theReviewListsEveryModuleOfBothProjectsAndWhatIsToDownload() throws Exception {
        wizard(main(0), List.of());
        vm.addProject(main(1));
        vm.review();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REVIEW);
        List<BundleCreator.Entry> rows = List.copyOf(vm.reviewRows());
        long zips = rows.stream().filter(BundleCreator.Entry::zip).count();
        assertThat(zips).isPositive();
        assertThat(rows.stream().filter(BundleCreator.Entry::zip)).allMatch(e -> !e.cached());
        assertThat(vm.reviewSummaryProperty().get()).startsWith(rows.size() + " module versions (" + zips
                + " with source zips, " + (rows.size() - zips) + " go.mod only)")
                .endsWith(zips + " to download (their size is known once downloaded)");

        // Back to the first step, the build list only: the go.mod-only rows are gone.
        vm.back();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.CHOOSE);
        vm.scopeProperty().set(Scope.BUILD_LIST);
        vm.review();
        assertThat(vm.reviewRows()).hasSize((int) zips).allMatch(BundleCreator.Entry::zip);
    }

    @Test
    void aFolderWithoutAModuleStaysOnTheFirstStepWithTheReason() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-module"));
        wizard(empty, List.of());
        vm.review();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.CHOOSE);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("Cannot bundle these projects:\n" + empty
                + ": no go.mod in this folder or any folder above it");
    }

    @Test
    void creatingDownloadsWritesAndReportsTheVerifiedBundle() throws Exception {
        wizard(main(0), List.of());
        vm.review();
        int modules = vm.reviewRows().size();
        Path out = tmp.resolve("out").resolve(vm.defaultFileName());
        vm.create(out);

        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REPORT);
        assertThat(vm.reportOkProperty().get()).isTrue();
        assertThat(vm.reportTitleProperty().get()).isEqualTo("gofetch-bundle-2026-11-26.tar is written and verified");
        Bundle b = Bundle.open(out, Progress.NONE);
        assertThat(b.modules()).hasSize(modules);
        assertThat(vm.report()).extracting(Fact::label)
                .containsExactly("File", "Modules", "Files", "Hashes checked", "Checksum database", "Made from");
        assertThat(vm.report().get(1).value()).startsWith(modules + " module versions: " + b.summary().zips()
                + " with source zips");
        assertThat(vm.report().get(2).value()).startsWith(b.checked().files() + " files, ");
        assertThat(vm.report().get(3).value()).startsWith(b.checked().sha256Hashes() + " sha256 against SHA256SUMS, "
                + b.checked().h1Hashes() + " h1 against the manifest");
        assertThat(vm.report().get(4).value()).startsWith("no proofs included");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void anUnwritableTargetSaysWhyAndAnotherPlaceCanBeChosen() throws Exception {
        wizard(main(0), List.of());
        vm.review();
        Path inTheWay = Files.writeString(tmp.resolve("a-file"), "not a directory");
        vm.create(inTheWay.resolve("bundle.tar"));

        assertThat(vm.stepProperty().get()).isEqualTo(Step.CREATE);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("Could not write bundle.tar: not a directory: " + inTheWay
                + ". Go back to choose another place.");

        vm.back();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REVIEW);
        Path out = tmp.resolve("ok.tar");
        vm.create(out);
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REPORT);
        assertThat(out).isRegularFile();
    }

    @Test
    void cancellingWhileWritingLeavesNoFileAndReturnsToTheReview() throws Exception {
        // Progress reaches the view model at once, on the thread that reports it (the write reports on
        // the thread that runs the step, here the test's), so the cancel lands in the middle of the write.
        wizard(main(0), List.of(), new UiBridge(Runnable::run));
        vm.review();
        vm.progressTextProperty().addListener((obs, was, now) -> {
            if (now.startsWith("Writing the bundle")) {
                vm.cancel();
            }
        });
        Path dir = Files.createDirectories(tmp.resolve("out"));
        vm.create(dir.resolve("b.tar"));
        Thread.interrupted(); // the cancel interrupted the step, which ran on this thread

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.CREATE);
        assertThat(vm.errorProperty().get()).startsWith("Cancelled: no bundle was written.");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        vm.back();
        assertThat(vm.stepProperty().get()).isEqualTo(Step.REVIEW);
    }
}

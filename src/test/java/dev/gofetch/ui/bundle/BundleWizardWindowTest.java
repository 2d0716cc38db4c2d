package dev.gofetch.ui.bundle;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.Manifest;
import dev.gofetch.bundle.Progress;
import dev.gofetch.cache.ModCache;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The wizard walked with the keyboard on a project served by a lab mirror, then the bundle imported
/// through the import dialog into a fresh module cache with no mirror at all.
@ExtendWith(ApplicationExtension.class)
class BundleWizardWindowTest {
    @TempDir
    Path tmp;

    private Universe universe;
    private LabServer lab;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        universe = UniverseGenerator.generate(UniverseSpec.builder().plain().seed(5).modulePaths(6).versionsPerPath(2)
                .mainModules(1).requirementsPerModule(2).build(), tmp.resolve("universe"));
        lab = LabServer.start(universe.proxy().root());
        background = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        lab.close();
    }

    @Test
    void aBundleMadeWithTheWizardImportsIntoAFreshCache(FxRobot robot) throws Exception {
        Engine online = Engine.of(GoTool.pinnedEnv(tmp.resolve("online"), lab.baseUri().toString()));
        Path project = universe.mainModules().get(0);
        BundleWizardViewModel vm = new BundleWizardViewModel(online, UiBridge.fx(), background, project, List.of(),
                LocalDate.of(2026, 11, 26));
        Path out = tmp.resolve("out");
        BundleWizard[] wizard = new BundleWizard[1];
        robot.interact(() -> {
            wizard[0] = new BundleWizard(vm, null);
            wizard[0].chooseWith(Optional::empty, name -> Optional.of(out.resolve(name)));
            wizard[0].show();
        });
        assertThat(robot.lookup("#bundleProjects").queryListView().getItems()).containsExactly(project);

        robot.type(KeyCode.ENTER); // Next: resolve and review
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.stepProperty().get() == BundleWizardViewModel.Step.REVIEW);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> review = robot.lookup("#reviewTable").queryAs(TableView.class);
        assertThat(review.getItems()).isNotEmpty().hasSameSizeAs(vm.reviewRows());
        assertThat(robot.lookup("#reviewSummary").queryLabeled().getText()).contains(" to download");

        robot.type(KeyCode.ENTER); // Create…: the save dialog answers out/gofetch-bundle-2026-11-26.tar
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> vm.stepProperty().get() == BundleWizardViewModel.Step.REPORT);
        WaitForAsyncUtils.waitForFxEvents();
        Path file = out.resolve("gofetch-bundle-2026-11-26.tar");
        assertThat(robot.lookup("#reportTitle").queryLabeled().getText())
                .isEqualTo("gofetch-bundle-2026-11-26.tar is written and verified");
        assertThat(robot.lookup("#wizardNext").queryButton().getText()).isEqualTo("Close");
        robot.type(KeyCode.ENTER); // Close
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wizard[0].stage().isShowing()).isFalse();

        lab.close(); // from here on no mirror answers
        Bundle bundle = Bundle.open(file, Progress.NONE);
        Engine offline = Engine.of(GoTool.pinnedEnv(tmp.resolve("offline"), "off"));
        BundleImportViewModel importer = new BundleImportViewModel(offline, UiBridge.fx(), background);
        BundleImportDialog[] dialog = new BundleImportDialog[1];
        robot.interact(() -> {
            dialog[0] = new BundleImportDialog(importer, null);
            dialog[0].show(file);
        });
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> importer.stepProperty().get() == BundleImportViewModel.Step.PREVIEW);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#previewTable").queryAs(TableView.class).getItems()).hasSize(bundle.modules().size());
        assertThat(robot.lookup("#wizardNext").queryButton().getText()).isEqualTo("Import");

        robot.type(KeyCode.ENTER); // Import
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> importer.stepProperty().get() == BundleImportViewModel.Step.REPORT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#reportTitle").queryLabeled().getText()).isEqualTo("Imported gofetch-bundle-2026-11-26.tar");
        ModCache cache = new ModCache(tmp.resolve("offline/modcache"));
        for (Manifest.Module m : bundle.manifest().modules()) {
            assertThat(cache.modFile(m.id())).isRegularFile();
            if (m.zip() != null) {
                assertThat(cache.zipFile(m.id())).isRegularFile();
                assertThat(cache.readZipHash(m.id())).contains(m.zip().h1());
                assertThat(cache.extractedDir(m.id()).resolve("go.mod")).isRegularFile();
            }
        }
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog[0].stage().isShowing()).isFalse();
    }

    @Test
    void escapeClosesTheWizardAndTheProjectListGrowsFromTheFolderChooser(FxRobot robot) throws Exception {
        Engine online = Engine.of(GoTool.pinnedEnv(tmp.resolve("online"), lab.baseUri().toString()));
        BundleWizardViewModel vm = new BundleWizardViewModel(online, UiBridge.fx(), background, null, List.of(),
                LocalDate.of(2026, 11, 26));
        BundleWizard[] wizard = new BundleWizard[1];
        Path project = universe.mainModules().get(0);
        robot.interact(() -> {
            wizard[0] = new BundleWizard(vm, null);
            wizard[0].chooseWith(() -> Optional.of(project), name -> Optional.empty());
            wizard[0].show();
        });
        assertThat(robot.lookup("#wizardNext").queryButton().isDisabled()).as("no project yet").isTrue();
        robot.clickOn("#addProject");
        assertThat(vm.projects()).containsExactly(project);
        assertThat(robot.lookup("#wizardNext").queryButton().isDisabled()).isFalse();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wizard[0].stage().isShowing()).isFalse();
    }
}

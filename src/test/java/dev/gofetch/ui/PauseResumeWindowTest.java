package dev.gofetch.ui;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.cache.ModCache;
import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.module.ModulePath;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import dev.gofetch.ui.graph.GraphView;
import dev.gofetch.ui.graph.NodeState;
import dev.gofetch.verify.Hash1;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Button;
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

/// Pause all and Resume all in the window against a rate-capped lab mirror: pausing stops the traffic,
/// resuming finishes every zip, verified, without fetching the paused files again.
@ExtendWith(ApplicationExtension.class)
class PauseResumeWindowTest {
    @TempDir
    Path tmp;

    private Universe universe;
    private LabServer lab;
    private MainViewModel vm;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        // Every zip 1–1.5 MiB at 96 KiB/s per connection: seconds to download, so the pause lands mid-file.
        universe = UniverseGenerator.generate(UniverseSpec.builder().plain().seed(5).modulePaths(4).versionsPerPath(1)
                .mainModules(1).requirementsPerModule(2)
                .zipSizes(new UniverseSpec.ZipSizes(0, 0, 0, 0, 1.0, 1 << 20, 3 << 19)).build(), tmp.resolve("universe"));
        lab = LabServer.builder(universe.proxy().root()).faults(Faults.parse("rate=96k")).start();
        background = Executors.newCachedThreadPool();
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp.resolve("scratch"), lab.baseUri().toString()));
        vm = new MainViewModel(engine, UiBridge.fx(), background, new AppSettings(new MemoryPreferences()),
                GraphView.labelMetrics());
        new MainWindow(vm).show(stage);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        lab.close();
    }

    @Test
    void pauseAllStopsTheTrafficAndResumeAllFinishesEveryZipVerified(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(universe.mainModules().get(0)));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null
                && !vm.graph().runningProperty().get() && !vm.graph().getSnapshot().nodes().isEmpty());
        robot.clickOn("#downloadButton");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> lab.bodyBytesSent() > 400 << 10);

        robot.clickOn("#pauseAllButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#statusMessage").queryLabeled().getText())
                .as("running: %s, served: %d", vm.downloader().runningProperty().get(), lab.bodyBytesSent())
                .isEqualTo("Paused");
        assertThat(robot.lookup("#resumeAllButton").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(vm.downloads().rows()).anySatisfy(r ->
                assertThat(r.phase()).isEqualTo(DownloadsViewModel.Phase.PAUSED));
        assertThat(vm.downloads().rows()).allSatisfy(r ->
                assertThat(r.phase()).isIn(DownloadsViewModel.Phase.PAUSED, DownloadsViewModel.Phase.DONE));
        Thread.sleep(1000);
        long servedAfterOneSecond = lab.bodyBytesSent();
        Thread.sleep(1200);
        assertThat(lab.bodyBytesSent()).as("bytes served while paused").isEqualTo(servedAfterOneSecond);
        assertThat(vm.downloader().runningProperty().get()).isTrue();

        robot.clickOn("#resumeAllButton");
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> !vm.downloader().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.problems()).isEmpty();
        assertThat(vm.downloads().rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.phase()).isEqualTo(DownloadsViewModel.Phase.DONE);
            assertThat(vm.graph().stateOf(r.module())).isEqualTo(NodeState.VERIFIED);
        });
        ModCache cache = new ModCache(tmp.resolve("scratch/modcache"));
        long zipBytes = 0;
        for (DownloadsViewModel.Row r : vm.downloads().rows()) {
            Path original = universe.proxy().root().resolve(ModulePath.escapePath(r.module().path()) + "/@v/"
                    + r.module().version() + ".zip");
            zipBytes += java.nio.file.Files.size(original);
            assertThat(Hash1.hashZip(cache.zipFile(r.module()))).isEqualTo(Hash1.hashZip(original));
        }
        // only what was in flight at the pause is fetched twice
        assertThat(lab.bodyBytesSent()).isLessThan(zipBytes + (640 << 10));
    }

    @Test
    void ctrlPPausesAndCtrlShiftPResumes(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(universe.mainModules().get(0)));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null
                && !vm.graph().runningProperty().get() && !vm.graph().getSnapshot().nodes().isEmpty());
        robot.interact(vm::download);
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> lab.bodyBytesSent() > 200 << 10);

        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.downloader().pausedProperty().get()).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.downloader().pausedProperty().get()).isFalse();
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> !vm.downloader().runningProperty().get());
        assertThat(vm.downloads().rows()).allSatisfy(r ->
                assertThat(r.phase()).isEqualTo(DownloadsViewModel.Phase.DONE));
    }
}

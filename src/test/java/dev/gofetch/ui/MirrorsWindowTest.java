package dev.gofetch.ui;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import dev.gofetch.ui.graph.GraphView;
import dev.gofetch.ui.graph.NodeState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The Mirrors panel against two lab mirrors serving the same modules, GOPROXY=A,B: while a download
/// runs on A, switching A off and applying sends the rest of the download to B.
@ExtendWith(ApplicationExtension.class)
class MirrorsWindowTest {
    @TempDir
    Path tmp;

    private Universe universe;
    private LabServer first;
    private LabServer second;
    private MainViewModel vm;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        universe = UniverseGenerator.generate(UniverseSpec.builder().plain().seed(11).modulePaths(14).versionsPerPath(1)
                .mainModules(1).requirementsPerModule(3).build(), tmp.resolve("universe"));
        first = LabServer.start(universe.proxy().root());
        second = LabServer.start(universe.proxy().root());
        background = Executors.newCachedThreadPool();
        String goproxy = url(first) + "," + url(second);
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp.resolve("scratch"), goproxy));
        vm = new MainViewModel(engine, UiBridge.fx(), background, new AppSettings(new MemoryPreferences()),
                GraphView.labelMetrics());
        new MainWindow(vm).show(stage);
        vm.loadSettings();
    }

    private static String url(LabServer lab) {
        return lab.baseUri().toString().replaceFirst("/$", "");
    }

    @AfterEach
    void stop() {
        vm.shutdown();
        background.shutdownNow();
        first.close();
        second.close();
    }

    @Test
    void switchingTheFirstMirrorOffMovesTheRunningDownloadToTheNext(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(universe.mainModules().get(0)));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null
                && !vm.graph().runningProperty().get() && vm.graph().getSnapshot().nodes().size() > 6);
        // From here on the first mirror is very slow, so the download is still waiting on it when A is
        // switched off, however long the clicks take.
        first.faults(Faults.parse("latency=5s"));
        first.clearExchanges();
        second.clearExchanges();

        robot.clickOn("#downloadButton");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> !vm.downloads().rows().isEmpty());
        assertThat(vm.downloader().runningProperty().get()).as("download still running").isTrue();

        robot.clickOn("#navMirrors");
        CheckBox switchA = robot.lookup("#mirrorSwitch0").queryAs(CheckBox.class);
        assertThat(switchA.isSelected()).isTrue();
        robot.clickOn(switchA);
        int secondBefore = second.exchanges().size();
        robot.clickOn("#mirrorsApply");
        boolean runningAtApply = vm.downloader().runningProperty().get();
        first.faults(Faults.NONE); // what was asked of A before is answered now
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> vm.mirrors().statusProperty().get().startsWith("Applied"));
        assertThat(vm.mirrors().statusProperty().get())
                .isEqualTo("Applied to this app's downloads: GOPROXY=" + url(second));

        WaitForAsyncUtils.waitFor(30, SECONDS, () -> !vm.downloader().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        List<DownloadsViewModel.Row> rows = vm.downloads().rows();
        assertThat(rows).hasSizeGreaterThan(6).allSatisfy(r -> {
            assertThat(r.phase()).as(r.module().toString()).isEqualTo(DownloadsViewModel.Phase.DONE);
            assertThat(vm.graph().stateOf(r.module())).as(r.module().toString()).isEqualTo(NodeState.VERIFIED);
        });
        assertThat(secondBefore).as("B is only tried after A answers 404/410: unused before").isZero();
        long zipsFromB = second.exchanges().stream().filter(x -> x.path() != null && x.path().endsWith(".zip")).count();
        long zipsFromA = first.exchanges().stream().filter(x -> x.path() != null && x.path().endsWith(".zip")
                && x.status() == 200).count();
        assertThat(zipsFromB).as("zips from B after A was switched off; B %s; A %s; running at apply %s", second.exchanges().size(),
                first.exchanges().size(), runningAtApply).isPositive();
        assertThat(zipsFromA).as("A served only what had started before").isLessThan(rows.size());
    }
}

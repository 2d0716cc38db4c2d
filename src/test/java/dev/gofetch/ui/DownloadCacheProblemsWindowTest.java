package dev.gofetch.ui;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.cache.ModCache;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.Problem;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.cache.CacheViewModel;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import dev.gofetch.ui.graph.GraphView;
import dev.gofetch.ui.graph.NodeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The window against a small generated universe on a loopback lab mirror: downloading, then removing
/// a module in the Cache panel, and a checksum mismatch reaching the Problems panel.
@ExtendWith(ApplicationExtension.class)
class DownloadCacheProblemsWindowTest {
    @TempDir
    Path tmp;

    private Universe universe;
    private LabServer lab;
    private MainViewModel vm;
    private MainWindow window;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        universe = UniverseGenerator.generate(UniverseSpec.builder().plain().seed(5).modulePaths(5).versionsPerPath(1)
                .mainModules(1).requirementsPerModule(2).build(), tmp.resolve("universe"));
        lab = LabServer.start(universe.proxy().root());
        background = Executors.newCachedThreadPool();
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp.resolve("scratch"), lab.baseUri().toString()));
        vm = new MainViewModel(engine, UiBridge.fx(), background, new AppSettings(new MemoryPreferences()),
                GraphView.labelMetrics());
        window = new MainWindow(vm);
        window.show(stage);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        lab.close();
    }

    private void openAndDownload(FxRobot robot, Path dir) throws Exception {
        robot.interact(() -> vm.open(dir));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null
                && !vm.graph().runningProperty().get() && !vm.graph().getSnapshot().nodes().isEmpty());
        robot.clickOn("#downloadButton");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> !vm.downloader().runningProperty().get()
                && !vm.downloads().rows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void removingAModuleInTheCachePanelDeletesItFromDisk(FxRobot robot) throws Exception {
        openAndDownload(robot, universe.mainModules().get(0));
        assertThat(vm.downloads().rows()).allSatisfy(r -> assertThat(r.phase()).isEqualTo(DownloadsViewModel.Phase.DONE));
        WaitForAsyncUtils.waitFor(5, SECONDS, () -> robot.listWindows().stream()
                .filter(w -> w instanceof javafx.stage.PopupWindow && w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".label").stream())
                .anyMatch(l -> l instanceof Labeled t && t.getText() != null && t.getText().startsWith("Downloaded ")));
        ModuleVersion victim = vm.downloads().rows().get(0).module();
        assertThat(vm.graph().stateOf(victim)).isEqualTo(NodeState.VERIFIED);
        ModCache cache = new ModCache(tmp.resolve("scratch/modcache"));
        assertThat(cache.extractedDir(victim)).isDirectory();
        assertThat(cache.zipFile(victim)).isRegularFile();

        List<String> asked = new ArrayList<>();
        window.cacheView().confirmWith((title, text, action) -> asked.add(text));
        robot.clickOn("#navCache");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.cache().rows().size() == vm.downloads().rows().size());
        @SuppressWarnings("unchecked")
        TableView<CacheViewModel.Row> table = robot.lookup("#cacheTable").queryAs(TableView.class);
        CacheViewModel.Row row = vm.cache().rows().stream().filter(r -> r.module().equals(victim)).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(row));
        robot.clickOn("#cacheRemove");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.cache().rows().stream().noneMatch(r -> r.module().equals(victim))
                && !vm.cache().busyProperty().get());

        assertThat(asked).singleElement().asString().startsWith("Remove " + victim + " from the module cache? This frees "
                + DownloadsViewModel.formatBytes(row.bytes()));
        assertThat(cache.extractedDir(victim)).doesNotExist();
        assertThat(cache.zipFile(victim)).doesNotExist();
        assertThat(vm.cache().rows()).hasSize(vm.downloads().rows().size() - 1);
        assertThat(robot.lookup("#cacheStatus").queryLabeled().getText()).startsWith("Removed 1 module version, ");
    }

    @Test
    void aChecksumMismatchShowsInProblemsWithTheSecurityTextAndRemedies(FxRobot robot) throws Exception {
        Path main = universe.mainModules().get(0);
        // Find a dependency, then record a wrong zip hash for it in the project's go.sum.
        robot.interact(() -> vm.open(main));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> !vm.graph().runningProperty().get()
                && !vm.graph().getSnapshot().nodes().isEmpty());
        ModuleVersion victim = vm.graph().getSnapshot().nodes().stream().map(n -> n.module())
                .filter(m -> m != null && !m.isMain()).findFirst().orElseThrow();
        String wrong = "h1:" + Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(main.resolve("go.sum"), victim.path() + " " + victim.version() + " " + wrong + "\n",
                StandardOpenOption.APPEND);

        openAndDownload(robot, main);

        Problem p = vm.problems().stream().filter(x -> victim.equals(x.module())).findFirst().orElseThrow();
        assertThat(p.detail()).contains("SECURITY ERROR").contains(wrong);
        assertThat(p.kind()).isEqualTo(dev.gofetch.ui.base.FailureKind.CHECKSUM_MISMATCH);
        assertThat(vm.graph().stateOf(victim)).isEqualTo(NodeState.FAILED);
        robot.clickOn("#navProblems");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".problem-detail").queryAllAs(Labeled.class))
                .anySatisfy(l -> assertThat(l.getText()).contains("SECURITY ERROR"));
        assertThat(robot.lookup("Retry").tryQuery()).isPresent();
        assertThat(robot.lookup("Copy the error").tryQuery()).isPresent();

        // The remedy runs: removing the module from the cache leaves nothing of it behind.
        robot.clickOn("Remove this module from the cache");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.problems().stream().noneMatch(x -> victim.equals(x.module())));
        assertThat(new ModCache(tmp.resolve("scratch/modcache")).zipFile(victim)).doesNotExist();
    }
}

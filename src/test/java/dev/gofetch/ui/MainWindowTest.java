package dev.gofetch.ui;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.GraphView;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The window, headless: empty state, opening projects, panels, shortcuts and remembered bounds.
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    Path tmp;

    private Path app;
    private AppSettings settings;
    private MainViewModel vm;
    private ExecutorService background;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = TestProjects.standard(tmp);
        settings = new AppSettings(new MemoryPreferences());
        background = Executors.newCachedThreadPool();
        vm = new MainViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.fx(), background, settings,
                GraphView.labelMetrics());
        new MainWindow(vm).show(stage);
        vm.loadSettings();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private void openAndWait(FxRobot robot, Path dir) throws Exception {
        robot.interact(() -> vm.open(dir));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null
                && !vm.graph().runningProperty().get() && !vm.graph().getSnapshot().nodes().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void beforeAProjectIsOpenTheWindowSaysWhatToDo(FxRobot robot) {
        assertThat(robot.lookup("#emptyState").queryAs(VBox.class).isVisible()).isTrue();
        assertThat(robot.lookup("#emptyOpenFolder").queryButton().getText()).isEqualTo("Open folder…");
        assertThat(robot.lookup("#emptyDemo").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#resolveButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#statusMessage").queryLabeled().getText()).isEqualTo("Open a Go project to see its modules.");
    }

    @Test
    void openingAProjectShowsItsGraphAndRemembersIt(FxRobot robot) throws Exception {
        openAndWait(robot, app);
        assertThat(robot.lookup("#emptyState").tryQuery()).isEmpty();
        assertThat(robot.lookup("#graphCanvas").tryQuery()).isPresent();
        assertThat(robot.lookup("#graphSummary").queryLabeled().getText()).isEqualTo("4 modules · 2 superseded · 2 pruned");
        assertThat(robot.lookup("#statusMessage").queryLabeled().getText())
                .isEqualTo("Resolved example.com/app: 4 dependencies in the build list");
        assertThat(robot.lookup("#projectLabel").queryLabeled().getText()).isEqualTo(app.toString());
        assertThat(stage.getTitle()).isEqualTo("gofetch — app (" + app + ")");
        assertThat(settings.recentProjects()).containsExactly(app);
        assertThat(robot.lookup("#resolveButton").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aFolderWithoutGoModLeavesTheEmptyStateWithTheReason(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(tmp));
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !vm.openErrorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#openError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).startsWith("go.mod file not found");
    }

    @Test
    void keyboardShortcutsSwitchPanelsAndFocusTheSearch(FxRobot robot) throws Exception {
        openAndWait(robot, app);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.MIRRORS);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !robot.lookup(".mirror-url").queryAll().isEmpty());
        assertThat(robot.lookup(".mirror-url").queryLabeled().getText()).isEqualTo(TestProjects.proxyOf(tmp).url());

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.GRAPH);
        assertThat(robot.lookup("#graphSearch").query().isFocused()).isTrue();
    }

    @Test
    void aFailedModuleIsAProblemThatLeadsToTheGraph(FxRobot robot, @TempDir Path other) throws Exception {
        new TestProjects.ProxyTree(other.resolve("proxy")).simple("example.com/lib", "v1.0.0", "example.com/gone v1.0.0");
        Path broken = TestProjects.writeMainModule(other.resolve("app"), """
                module example.com/broken

                go 1.21

                require (
                	example.com/gone v1.0.0 // indirect
                	example.com/lib v1.0.0
                )
                """);
        MainViewModel failing = new MainViewModel(TestProjects.engine(other, TestProjects.proxyOf(other)), UiBridge.fx(),
                background, new AppSettings(new MemoryPreferences()), GraphView.labelMetrics());
        robot.interact(() -> new MainWindow(failing).show(stage));
        robot.interact(() -> failing.open(broken));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> failing.graph().problems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#problemCount").queryLabeled().getText()).isEqualTo("2");
        assertThat(robot.lookup("#statusMessage").queryLabeled().getStyleClass()).contains("status-error");

        robot.clickOn("#navProblems");
        ListView<?> list = robot.lookup("#problemsList").queryListView();
        assertThat(list.getItems()).hasSize(2);
        robot.doubleClickOn(robot.lookup(".problem-title").match(
                n -> ((Label) n).getText().startsWith("example.com/gone@v1.0.0")).queryLabeled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(failing.panelProperty().get()).isEqualTo(MainViewModel.Panel.GRAPH);
        assertThat(robot.lookup("#detailsTitle").queryLabeled().getText()).isEqualTo("example.com/gone");
        assertThat(robot.lookup("#detailsError").queryLabeled().getText()).isNotBlank();
    }

    @Test
    void theWindowComesBackWhereItWas(FxRobot robot) {
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(900);
            stage.setHeight(640);
            stage.hide();
        });
        assertThat(settings.windowBounds()).contains(new AppSettings.WindowBounds(40, 30, 900, 640, false));
        Stage[] again = new Stage[1];
        robot.interact(() -> {
            again[0] = new Stage();
            new MainWindow(vm).show(again[0]);
        });
        assertThat(again[0].getX()).isEqualTo(40);
        assertThat(again[0].getY()).isEqualTo(30);
        assertThat(again[0].getWidth()).isEqualTo(900);
        assertThat(again[0].getHeight()).isEqualTo(640);
        robot.interact(again[0]::close);
    }

    @Test
    void recentProjectsOpenFromTheEmptyState(FxRobot robot) throws Exception {
        settings.addRecentProject(app);
        MainViewModel withRecent = new MainViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.fx(),
                background, settings, GraphView.labelMetrics());
        robot.interact(() -> new MainWindow(withRecent).show(stage));
        robot.clickOn(".recent-name");
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> withRecent.projectProperty().get() != null
                && !withRecent.graph().runningProperty().get());
        assertThat(withRecent.projectProperty().get()).isEqualTo(app);
    }
}

package dev.gofetch.ui;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.GraphView;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// File → Create offline bundle… opens the wizard over the window with the open project chosen.
@ExtendWith(ApplicationExtension.class)
class BundleMenuTest {
    @TempDir
    Path tmp;

    private MainViewModel vm;
    private ExecutorService background;

    @Start
    void start(Stage stage) {
        background = Executors.newCachedThreadPool();
        vm = new MainViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.fx(), background,
                new AppSettings(new MemoryPreferences()), GraphView.labelMetrics());
        new MainWindow(vm).show(stage);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static boolean wizardShowing() {
        return Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && s.isShowing()
                && "Create an offline bundle".equals(s.getTitle()));
    }

    @Test
    void theFileMenuOpensTheBundleWizardForTheOpenProject(FxRobot robot) throws Exception {
        Path app = TestProjects.standard(tmp);
        robot.interact(() -> vm.open(app));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null);

        robot.clickOn("File").clickOn("Create offline bundle…");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wizardShowing()).isTrue();
        assertThat(robot.lookup("#bundleProjects").queryListView().getItems()).containsExactly(app);
        assertThat(robot.lookup("#menuBar").tryQuery()).isPresent();

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wizardShowing()).isFalse();
    }
}

package dev.gofetch.ui.mirrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.env.GoEnv;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.SwitchableEngine;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The panel on its own: dragging reorders, the separator pills and the switches edit GOPROXY,
/// adding checks the URL, and Save shows the preview before writing.
@ExtendWith(ApplicationExtension.class)
class MirrorsViewTest {
    @TempDir
    static Path tmp;

    private MirrorsViewModel vm;
    private MirrorsView view;

    @Start
    void start(Stage stage) {
        Map<String, String> env = GoTool.pinnedEnv(tmp, "https://a.example,https://b.example,direct");
        env.put("GOENV", tmp.resolve("goenv").toString());
        SwitchableEngine engine = new SwitchableEngine(Engine.of(env));
        vm = new MirrorsViewModel(engine, UiBridge.fx(), Runnable::run);
        vm.show(GoEnv.load(env));
        view = new MirrorsView(vm);
        Scene scene = new Scene(view, 1000, 760);
        scene.getStylesheets().add(dev.gofetch.ui.MainWindow.class.getResource("gofetch.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private Node cell(FxRobot robot, String url) {
        return robot.lookup(".mirror-cell").match(n -> robot.from(n).lookup(".mirror-url")
                .queryAll().stream().anyMatch(l -> ((javafx.scene.control.Label) l).getText().equals(url))).query();
    }

    @Test
    void draggingAnEntryAboveAnotherReordersGoproxy(FxRobot robot) {
        robot.drag(robot.from(cell(robot, "https://b.example")).lookup(".drag-handle").queryAs(Node.class))
                .dropTo(robot.from(cell(robot, "https://a.example")).lookup(".mirror-url").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://b.example,https://a.example,direct");
    }

    @Test
    void switchesPillsAndAddEditGoproxy(FxRobot robot) {
        robot.clickOn("#mirrorPipe0");
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://a.example|https://b.example,direct");
        assertThat(robot.lookup(".mirror-separator.pipe").tryQuery()).isPresent();
        robot.clickOn("#mirrorSwitch1");
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://a.example|direct");

        robot.clickOn("#mirrorsUrl").write("ftp://nope.example").clickOn("#mirrorsAdd");
        assertThat(robot.lookup("#mirrorsAddProblem").queryLabeled().getText())
                .isEqualTo("invalid proxy URL scheme (must be https, http, file): ftp://nope.example");
        robot.doubleClickOn("#mirrorsUrl").eraseText(40).write("https://athens.corp.example").clickOn("#mirrorsAdd");
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://a.example|https://athens.corp.example|direct");
    }

    @Test
    void saveShowsWhatChangesBeforeWriting(FxRobot robot) throws Exception {
        List<String> previews = new ArrayList<>();
        view.confirmWith((plan, text) -> {
            previews.add(text);
            return true;
        });
        robot.clickOn("#mirrorsGONOSUMDB").write("sum.corp.example");
        robot.clickOn("#mirrorsSave");
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> vm.statusProperty().get().startsWith("Saved"));
        assertThat(previews).singleElement().asString()
                .startsWith("Go's env file: " + tmp.resolve("goenv"))
                .contains("GONOSUMDB: (not set)  →  sum.corp.example")
                .contains("GOPROXY: (not set)  →  https://a.example,https://b.example,direct")
                .doesNotContain("⚠");
        assertThat(java.nio.file.Files.readString(tmp.resolve("goenv")))
                .contains("GONOSUMDB=sum.corp.example\n");
    }
}

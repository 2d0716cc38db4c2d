package dev.gofetch.ui.graph;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.ui.AppSettings;
import dev.gofetch.ui.MainViewModel;
import dev.gofetch.ui.MainWindow;
import dev.gofetch.ui.MemoryPreferences;
import dev.gofetch.ui.TestProjects;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The graph panel, headless, against the real engine and a file:// GOPROXY: the boxes that appear,
/// search, clicking a box, and the requirement path in the details.
@ExtendWith(ApplicationExtension.class)
class GraphViewTest {
    @TempDir
    Path tmp;

    private MainViewModel vm;
    private ExecutorService background;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        background = Executors.newCachedThreadPool();
        vm = new MainViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.fx(), background,
                new AppSettings(new MemoryPreferences()), GraphView.labelMetrics());
        new MainWindow(vm).show(stage);
    }

    @BeforeEach
    void openStandardProject(FxRobot robot) throws Exception {
        Path app = TestProjects.standard(tmp);
        robot.interact(() -> vm.open(app));
        WaitForAsyncUtils.waitFor(20, SECONDS, () -> vm.projectProperty().get() != null
                && !vm.graph().runningProperty().get() && vm.graph().getSnapshot().nodes().size() == 7);
        WaitForAsyncUtils.waitForFxEvents();
        canvas = robot.lookup("#graphCanvas").queryAs(GraphCanvas.class);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private Point2D onScreen(String key) {
        DisplayNode n = vm.graph().getSnapshot().node(key);
        double[] p = canvas.toScreen(n.centerX(), n.centerY());
        return canvas.localToScreen(p[0], p[1]);
    }

    private boolean visibleInCanvas(String key) {
        DisplayNode n = vm.graph().getSnapshot().node(key);
        double[] p = canvas.toScreen(n.centerX(), n.centerY());
        return p[0] > 0 && p[1] > 0 && p[0] < canvas.getWidth() && p[1] < canvas.getHeight();
    }

    @Test
    void everyModuleVersionIsDrawnWithItsState() {
        GraphSnapshot s = vm.graph().getSnapshot();
        assertThat(s.nodes()).extracting(DisplayNode::key).contains("example.com/app", "example.com/util@v1.0.0");
        assertThat(s.node("example.com/util@v1.0.0").state()).isEqualTo(NodeState.PRUNED);
        assertThat(s.node("example.com/util@v1.0.0").superseded()).isTrue();
        assertThat(s.node("example.com/lib@v1.2.0").state()).isEqualTo(NodeState.RESOLVED);
        assertThat(GraphCanvas.styleOf(s.node("example.com/util@v1.0.0")))
                .isNotEqualTo(GraphCanvas.styleOf(s.node("example.com/util@v1.1.0")));
        for (DisplayNode n : s.nodes()) {
            assertThat(visibleInCanvas(n.key())).as(n.key() + " on screen").isTrue();
        }
    }

    @Test
    void clickingABoxShowsWhyItIsInTheGraph(FxRobot robot) {
        robot.clickOn(onScreen("example.com/util@v1.0.0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.graph().selectedKeyProperty().get()).isEqualTo("example.com/util@v1.0.0");
        assertThat(robot.lookup("#detailsTitle").queryLabeled().getText()).isEqualTo("example.com/util");
        List<String> steps = robot.lookup("#whyPath").lookup(".module-link").queryAllAs(Hyperlink.class).stream()
                .map(Labeled::getText).collect(Collectors.toList());
        assertThat(steps).containsExactly("example.com/app", "example.com/lib@v1.2.0", "example.com/util@v1.0.0");
        assertThat(robot.lookup(".badge-superseded").queryLabeled().getText()).isEqualTo("superseded by v1.1.0");

        // A link in the path selects that module.
        robot.clickOn(robot.lookup("#whyPath").lookup(".module-link").match(
                (Node n) -> ((Hyperlink) n).getText().equals("example.com/lib@v1.2.0")).queryAs(Hyperlink.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#detailsTitle").queryLabeled().getText()).isEqualTo("example.com/lib");
    }

    @Test
    void clickingEmptySpaceClearsTheSelection(FxRobot robot) {
        robot.interact(() -> vm.graph().select("example.com/lib@v1.2.0"));
        Point2D corner = canvas.localToScreen(3, 3);
        robot.clickOn(corner);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.graph().selectedKeyProperty().get()).isNull();
    }

    @Test
    void searchHighlightsTheMatchesAndCentresTheFirst(FxRobot robot) throws Exception {
        robot.clickOn("#graphSearch").write("x/text");
        WaitForAsyncUtils.waitFor(5, SECONDS, () -> vm.graph().matchesProperty().get().size() == 2);
        // The centring animates for a quarter of a second.
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#searchStatus").queryLabeled().getText()).isEqualTo("1 of 2");
        String focused = vm.graph().focusProperty().get().key();
        assertThat(focused).startsWith("golang.org/x/text@");
        DisplayNode n = vm.graph().getSnapshot().node(focused);
        double[] p = canvas.toScreen(n.centerX(), n.centerY());
        assertThat(p[0]).isCloseTo(canvas.getWidth() / 2, org.assertj.core.data.Offset.offset(2.0));
        assertThat(p[1]).isCloseTo(canvas.getHeight() / 2, org.assertj.core.data.Offset.offset(2.0));
        assertThat(robot.lookup("#detailsTitle").queryLabeled().getText()).isEqualTo("golang.org/x/text");

        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#searchStatus").queryLabeled().getText()).isEqualTo("2 of 2");
        assertThat(vm.graph().selectedKeyProperty().get()).isNotEqualTo(focused).startsWith("golang.org/x/text@");
    }

    @Test
    void hidingSupersededVersionsRedrawsWithFewerBoxes(FxRobot robot) {
        robot.clickOn("#hideSuperseded");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.graph().getSnapshot().nodes()).hasSize(5);
        robot.clickOn("#hideSuperseded");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.graph().getSnapshot().nodes()).hasSize(7);
    }

    @Test
    void wheelZoomsAroundThePointer(FxRobot robot) {
        double before = canvas.scale();
        Point2D target = onScreen("example.com/lib@v1.2.0");
        robot.moveTo(target);
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.scale()).isNotEqualTo(before);
        // The box under the pointer stays under it.
        DisplayNode n = canvas.nodeAtScreen(canvas.screenToLocal(target).getX(), canvas.screenToLocal(target).getY());
        assertThat(n).isNotNull();
        assertThat(n.key()).isEqualTo("example.com/lib@v1.2.0");
    }
}

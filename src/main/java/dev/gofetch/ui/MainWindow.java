package dev.gofetch.ui;

import dev.gofetch.ui.base.Icons;
import dev.gofetch.ui.base.Problem;
import dev.gofetch.ui.bundle.BundleImportDialog;
import dev.gofetch.ui.bundle.BundleWizard;
import dev.gofetch.ui.cache.CacheView;
import dev.gofetch.ui.downloads.DownloadsView;
import dev.gofetch.ui.graph.GraphView;
import dev.gofetch.ui.mirrors.MirrorsView;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/// The main window: toolbar, panel navigation, the panels, and the status bar; opening projects by
/// chooser, drag and drop, recent list and keyboard; remembering its place on screen.
public final class MainWindow {
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private final MainViewModel vm;
    private final GraphView graphView;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Map<MainViewModel.Panel, Node> panels = new EnumMap<>(MainViewModel.Panel.class);
    private final Map<MainViewModel.Panel, ToggleButton> navButtons = new EnumMap<>(MainViewModel.Panel.class);
    private final EmptyState emptyState;
    private final Label dropOverlay = new Label("Drop a folder or go.mod to open it");
    private final SplitMenuButton openButton = new SplitMenuButton();
    private Stage stage;

    public MainWindow(MainViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("main-window");
        graphView = new GraphView(vm.graph());
        emptyState = new EmptyState(vm, this::chooseFolder, this::chooseGoMod);
        panels.put(MainViewModel.Panel.GRAPH, graphView);
        panels.put(MainViewModel.Panel.DOWNLOADS, new DownloadsView(vm.downloads(), vm.downloader()));
        panels.put(MainViewModel.Panel.MIRRORS, new MirrorsView(vm.mirrors()));
        panels.put(MainViewModel.Panel.CACHE, new CacheView(vm.cache()));
        panels.put(MainViewModel.Panel.PROBLEMS, new ProblemsView(vm.problems(), this::openProblem));
        root.setTop(new VBox(menuBar(), toolbar()));
        root.setLeft(navigation());
        dropOverlay.getStyleClass().add("drop-overlay");
        dropOverlay.setVisible(false);
        dropOverlay.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        dropOverlay.setMouseTransparent(true);
        StackPane center = new StackPane(content, dropOverlay);
        root.setCenter(center);
        root.setBottom(statusBar());
        vm.panelProperty().addListener((obs, was, now) -> showPanel());
        vm.projectProperty().addListener((obs, was, now) -> showPanel());
        showPanel();
    }

    public Parent root() {
        return root;
    }

    /// The Cache panel (tests answer its confirmations).
    CacheView cacheView() {
        return (CacheView) panels.get(MainViewModel.Panel.CACHE);
    }

    public GraphView graphView() {
        return graphView;
    }

    /// Puts the window on stage: scene, style, shortcuts, drag and drop, icons, title, and the place
    /// and size it had last time.
    public void show(Stage stage) {
        this.stage = stage;
        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(MainWindow.class.getResource("gofetch.css").toExternalForm());
        installShortcuts(scene);
        installDragAndDrop(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.getIcons().setAll(Icons.appIcons());
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        restoreBounds(stage);
        stage.setOnHidden(e -> saveBounds());
        Notifier.install(vm, stage);
        stage.show();
    }

    private void restoreBounds(Stage stage) {
        vm.settings().windowBounds().ifPresentOrElse(b -> {
            boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), b.width(), b.height())).isEmpty();
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            if (visible) {
                stage.setX(b.x());
                stage.setY(b.y());
            } else {
                stage.centerOnScreen();
            }
            stage.setMaximized(b.maximized());
        }, () -> {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(DEFAULT_WIDTH, screen.getWidth()));
            stage.setHeight(Math.min(DEFAULT_HEIGHT, screen.getHeight()));
            stage.centerOnScreen();
        });
    }

    /// Remembers where the window is (its last un-maximized bounds when maximized).
    void saveBounds() {
        if (stage == null) {
            return;
        }
        vm.settings().saveWindowBounds(new AppSettings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized()));
    }

    // ---- toolbar ----

    private Node toolbar() {
        openButton.setText("Open");
        openButton.setId("openButton");
        openButton.setGraphic(Icons.OPEN.node(14));
        openButton.setTooltip(new Tooltip("Open a project folder (Ctrl+O)"));
        openButton.setOnAction(e -> chooseFolder());
        vm.recentProjects().addListener((ListChangeListener<Path>) c -> fillOpenMenu());
        fillOpenMenu();

        Button resolve = toolButton("Resolve", Icons.RESOLVE, "Load the module graph again (F5)", vm::resolve);
        resolve.setId("resolveButton");
        resolve.disableProperty().bind(vm.projectProperty().isNull().or(vm.graph().runningProperty()));
        Button download = toolButton("Download", Icons.DOWNLOAD, "Download every module in the build list "
                + "into the module cache (F6, Ctrl+D)", vm::download);
        download.setId("downloadButton");
        download.disableProperty().bind(vm.projectProperty().isNull().or(vm.downloader().runningProperty()));
        Button pause = toolButton("Pause all", Icons.PAUSE, "Pause every download: connections close within a "
                + "second and queued files wait (Ctrl+P)", vm::pauseAll);
        pause.setId("pauseAllButton");
        pause.disableProperty().bind(vm.downloader().runningProperty().not().or(vm.downloader().pausedProperty()));
        Button resume = toolButton("Resume all", Icons.RESUME, "Continue every paused download where its byte "
                + "ranges stopped (Ctrl+Shift+P)", vm::resumeAll);
        resume.setId("resumeAllButton");
        resume.disableProperty().bind(vm.downloader().pausedProperty().not());
        Button cancel = toolButton("Cancel all", Icons.CANCEL, "Stop all work in progress; partial files are kept "
                + "and continue on the next Download (Ctrl+.)", vm::cancel);
        cancel.setId("cancelButton");
        cancel.disableProperty().bind(vm.graph().runningProperty().not().and(vm.downloader().runningProperty().not()));

        Label project = new Label();
        project.setId("projectLabel");
        project.getStyleClass().add("project-label");
        project.textProperty().bind(Bindings.createStringBinding(() -> vm.projectProperty().get() == null
                ? "" : vm.projectProperty().get().toString(), vm.projectProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label brand = new Label("gofetch");
        brand.getStyleClass().add("brand");

        HBox bar = new HBox(6, brand, sep(), openButton, resolve, sep(), download, pause, resume, cancel, spacer, project);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("app-toolbar");
        return bar;
    }

    private static Separator sep() {
        Separator s = new Separator(javafx.geometry.Orientation.VERTICAL);
        s.getStyleClass().add("toolbar-separator");
        return s;
    }

    private static Button toolButton(String text, Icons icon, String tip, Runnable action) {
        Button b = new Button(text, icon.node(14));
        b.getStyleClass().add("tool-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void fillOpenMenu() {
        openButton.getItems().clear();
        MenuItem folder = new MenuItem("Open folder…\tCtrl+O");
        folder.setOnAction(e -> chooseFolder());
        MenuItem goMod = new MenuItem("Open go.mod file…\tCtrl+Shift+O");
        goMod.setOnAction(e -> chooseGoMod());
        openButton.getItems().addAll(folder, goMod);
        List<Path> recent = vm.recentProjects();
        if (!recent.isEmpty()) {
            openButton.getItems().add(new SeparatorMenuItem());
            MenuItem header = new MenuItem("Recent projects");
            header.setDisable(true);
            openButton.getItems().add(header);
            for (Path p : recent) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(e -> vm.open(p));
                openButton.getItems().add(item);
            }
        }
    }

    void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a Go project folder");
        initialDirectory().ifPresent(chooser::setInitialDirectory);
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            vm.open(dir.toPath());
        }
    }

    void chooseGoMod() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a go.mod file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("go.mod files", "go.mod"));
        initialDirectory().ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            vm.open(file.toPath());
        }
    }

    /// The parent of the latest project, so the chooser starts near where the user works. Not
    /// checked for existence (that would be I/O on the FX thread): the chooser ignores a missing one.
    private java.util.Optional<File> initialDirectory() {
        if (vm.recentProjects().isEmpty() || vm.recentProjects().get(0).getParent() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(vm.recentProjects().get(0).getParent().toFile());
    }

    // ---- menu ----

    private Node menuBar() {
        MenuItem folder = new MenuItem("Open folder…");
        folder.setOnAction(e -> chooseFolder());
        MenuItem goMod = new MenuItem("Open go.mod file…");
        goMod.setOnAction(e -> chooseGoMod());
        MenuItem create = new MenuItem("Create offline bundle…");
        create.setId("menuCreateBundle");
        create.setOnAction(e -> createBundle());
        MenuItem importBundle = new MenuItem("Import bundle…");
        importBundle.setId("menuImportBundle");
        importBundle.setOnAction(e -> importBundle(BundleImportDialog.chooseFile(stage)));
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, folder, goMod, new SeparatorMenuItem(), create, importBundle,
                new SeparatorMenuItem(), quit);
        MenuItem pauseAll = new MenuItem("Pause all\tCtrl+P");
        pauseAll.setOnAction(e -> vm.pauseAll());
        pauseAll.disableProperty().bind(vm.downloader().runningProperty().not().or(vm.downloader().pausedProperty()));
        MenuItem resumeAll = new MenuItem("Resume all\tCtrl+Shift+P");
        resumeAll.setOnAction(e -> vm.resumeAll());
        resumeAll.disableProperty().bind(vm.downloader().pausedProperty().not());
        MenuItem cancelAll = new MenuItem("Cancel all\tCtrl+.");
        cancelAll.setOnAction(e -> vm.cancel());
        Menu downloads = new Menu("Downloads", null, pauseAll, resumeAll, cancelAll);
        MenuBar bar = new MenuBar(file, downloads);
        bar.setId("menuBar");
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /// Opens the bundle wizard for the open project.
    BundleWizard createBundle() {
        BundleWizard wizard = new BundleWizard(vm.bundleWizard(), stage);
        wizard.show();
        return wizard;
    }

    /// Verifies the bundle file and offers to import it; the Cache panel is measured again afterwards.
    void importBundle(Path file) {
        if (file != null) {
            BundleImportDialog dialog = new BundleImportDialog(vm.bundleImport(), stage);
            dialog.onClosed(() -> vm.cache().refresh());
            dialog.show(file);
        }
    }

    // ---- navigation ----

    private Node navigation() {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(2);
        nav.getStyleClass().add("nav");
        Object[][] items = {
            {MainViewModel.Panel.GRAPH, "Graph", Icons.GRAPH, "Ctrl+1"},
            {MainViewModel.Panel.DOWNLOADS, "Downloads", Icons.DOWNLOAD, "Ctrl+2"},
            {MainViewModel.Panel.MIRRORS, "Mirrors", Icons.MIRRORS, "Ctrl+3"},
            {MainViewModel.Panel.CACHE, "Cache", Icons.CACHE, "Ctrl+4"},
            {MainViewModel.Panel.PROBLEMS, "Problems", Icons.PROBLEMS, "Ctrl+5"},
        };
        for (Object[] item : items) {
            MainViewModel.Panel panel = (MainViewModel.Panel) item[0];
            ToggleButton b = new ToggleButton((String) item[1], ((Icons) item[2]).node(16));
            b.setId("nav" + item[1]);
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setTooltip(new Tooltip(item[1] + " (" + item[3] + ")"));
            b.setOnAction(e -> {
                b.setSelected(true); // a toggle group would otherwise allow none
                vm.panelProperty().set(panel);
            });
            navButtons.put(panel, b);
            nav.getChildren().add(b);
        }
        Label count = new Label();
        count.setId("problemCount");
        count.getStyleClass().add("nav-count");
        count.textProperty().bind(Bindings.size(vm.problems()).asString());
        count.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        // Problems carries a count badge at the right edge.
        ToggleButton problems = navButtons.get(MainViewModel.Panel.PROBLEMS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox graphic = new HBox(10, Icons.PROBLEMS.node(16), new Label("Problems"), spacer, count);
        graphic.setAlignment(Pos.CENTER_LEFT);
        graphic.prefWidthProperty().bind(problems.widthProperty().subtract(28));
        problems.setText(null);
        problems.setGraphic(graphic);
        navButtons.get(vm.panelProperty().get()).setSelected(true);
        vm.panelProperty().addListener((obs, was, now) -> navButtons.get(now).setSelected(true));
        return nav;
    }

    private void showPanel() {
        MainViewModel.Panel p = vm.panelProperty().get();
        boolean needsProject = p == MainViewModel.Panel.GRAPH;
        Node shown = needsProject && vm.projectProperty().get() == null ? emptyState : panels.get(p);
        boolean changed = content.getChildren().isEmpty() || content.getChildren().get(0) != shown;
        content.getChildren().setAll(shown);
        if (changed && p == MainViewModel.Panel.CACHE) {
            vm.cache().refresh();
        }
    }

    private void openProblem(Problem p) {
        if (p.module() != null) {
            vm.panelProperty().set(MainViewModel.Panel.GRAPH);
            vm.graph().selectModule(p.module());
        }
    }

    // ---- status bar ----

    private Node statusBar() {
        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(0);
        vm.messageIsErrorProperty().addListener((obs, was, now) -> {
            message.getStyleClass().remove("status-error");
            if (now) {
                message.getStyleClass().add("status-error");
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label throughput = new Label();
        throughput.setId("throughput");
        throughput.textProperty().bind(vm.throughputProperty());
        throughput.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar progress = new ProgressBar();
        progress.setId("overallProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.progressProperty().isNotEqualTo(0, 0.0));
        progress.managedProperty().bind(progress.visibleProperty());
        HBox bar = new HBox(12, message, spacer, throughput, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    // ---- keyboard, drag and drop ----

    private void installShortcuts(Scene scene) {
        Map<KeyCombination, Runnable> keys = new java.util.LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseFolder);
        keys.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::chooseGoMod);
        keys.put(new KeyCodeCombination(KeyCode.F5), vm::resolve);
        keys.put(new KeyCodeCombination(KeyCode.F6), vm::download);
        keys.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), vm::download);
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::resolve);
        keys.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), vm::pauseAll);
        keys.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::resumeAll);
        keys.put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), vm::cancel);
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.panelProperty().set(MainViewModel.Panel.GRAPH);
            graphView.focusSearch();
        });
        keys.put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), graphView::fit);
        keys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), graphView::zoomIn);
        keys.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), graphView::zoomIn);
        keys.put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), graphView::zoomOut);
        keys.put(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN),
                () -> vm.graph().hideSupersededProperty().set(!vm.graph().hideSupersededProperty().get()));
        keys.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> stage.close());
        MainViewModel.Panel[] order = MainViewModel.Panel.values();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = 0; i < order.length; i++) {
            MainViewModel.Panel p = order[i];
            keys.put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> vm.panelProperty().set(p));
        }
        scene.getAccelerators().putAll(keys);
    }

    private void installDragAndDrop(Scene scene) {
        scene.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() && db.getFiles().size() == 1) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
                dropOverlay.setVisible(true);
            }
            e.consume();
        });
        scene.setOnDragExited(e -> dropOverlay.setVisible(false));
        scene.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean ok = db.hasFiles() && db.getFiles().size() == 1;
            if (ok) {
                vm.open(db.getFiles().get(0).toPath());
            }
            dropOverlay.setVisible(false);
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}

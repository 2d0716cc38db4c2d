package dev.gofetch.ui;

import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.Problem;
import dev.gofetch.ui.base.SwitchableEngine;
import dev.gofetch.ui.bundle.BundleImportViewModel;
import dev.gofetch.ui.bundle.BundleWizardViewModel;
import dev.gofetch.ui.cache.CacheViewModel;
import dev.gofetch.ui.downloads.DownloadController;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import dev.gofetch.ui.graph.GraphViewModel;
import dev.gofetch.ui.graph.TextMetrics;
import dev.gofetch.ui.mirrors.MirrorsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The window's view model: which project is open, which panel shows, the status bar, and the
/// panels' own view models.
public final class MainViewModel {
    public enum Panel { GRAPH, DOWNLOADS, MIRRORS, CACHE, PROBLEMS }

    private final SwitchableEngine engine;
    private final UiBridge ui;
    private final Executor background;
    private final AppSettings settings;
    private final GraphViewModel graph;
    private final MirrorsViewModel mirrors;
    private final DownloadsViewModel downloads;
    private final DownloadController downloader;
    private final CacheViewModel cache;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);

    // Properties
    private final ReadOnlyObjectWrapper<Path> project = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("gofetch");
    private final ObjectProperty<Panel> panel = new SimpleObjectProperty<>(this, "panel", Panel.GRAPH);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Open a Go project to see its modules.");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper throughput = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper openError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modCache = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper demoRunning = new ReadOnlyBooleanWrapper();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private DemoLab demo;
    private boolean downloadWhenResolved;
    private String demoFaults = DemoLab.FAULTS;
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>();

    /// Something worth telling the user even when they are looking elsewhere: a download finished or
    /// failed, or resolution failed. A new object each time, so listeners see every one.
    public record Notice(String title, String text, boolean failure) {}

    public MainViewModel(Engine engine, UiBridge ui, Executor background, AppSettings settings, TextMetrics metrics) {
        this.engine = new SwitchableEngine(Objects.requireNonNull(engine));
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        this.settings = Objects.requireNonNull(settings);
        this.graph = new GraphViewModel(this.engine, ui, background, metrics);
        this.mirrors = new MirrorsViewModel(this.engine, ui, background);
        this.downloads = new DownloadsViewModel(ui, System::nanoTime);
        this.downloader = new DownloadController(this.engine, ui, background, downloads, graph);
        this.cache = new CacheViewModel(this.engine, ui, background);
        graph.problems().addListener((javafx.collections.ListChangeListener<Problem>) c -> updateProblems());
        downloader.problems().addListener((javafx.collections.ListChangeListener<Problem>) c -> updateProblems());
        downloader.statusProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty()) {
                message.set(now);
                messageIsError.set(now.startsWith("Download failed") || now.contains("failed (see Problems)"));
            }
        });
        downloader.runningProperty().addListener((obs, was, now) -> {
            if (was && !now) {
                String text = downloader.statusProperty().get();
                if (text.startsWith("Downloaded") && !text.contains("failed")) {
                    notice.set(new Notice("Download complete", text, false));
                } else if (text.startsWith("Download failed") || text.contains("failed (see Problems)")) {
                    notice.set(new Notice("Download failed", text, true));
                }
            }
        });
        recent.setAll(settings.recentProjects());
        graph.statusProperty().addListener((obs, was, now) -> {
            boolean failed = now.startsWith("Resolution failed");
            // While files download, their progress is the news; a finished resolution is not.
            if (!now.isEmpty() && (failed || !downloader.runningProperty().get())) {
                message.set(now);
                messageIsError.set(now.startsWith("Resolution failed"));
                if (now.startsWith("Resolution failed")) {
                    notice.set(new Notice("Resolution failed", now, true));
                }
            }
        });
        graph.runningProperty().addListener((obs, was, now) -> {
            updateProgress();
            if (was && !now && downloadWhenResolved) {
                downloadWhenResolved = false;
                if (!graph.statusProperty().get().startsWith("Resolution failed")
                        && !graph.statusProperty().get().equals("Resolution cancelled")) {
                    download();
                }
            }
        });
        downloads.activeProperty().addListener((obs, was, now) -> updateProgress());
        downloads.progressProperty().addListener((obs, was, now) -> updateProgress());
        downloads.throughputProperty().addListener((obs, was, now) -> throughput.set(now.doubleValue() > 0
                ? DownloadsViewModel.formatBytes(now.longValue()) + "/s" : ""));
    }

    /// Loads Go's settings (for the Mirrors and Cache panels) in the background.
    public void loadSettings() {
        background.execute(() -> {
            try {
                GoEnv env = engine.loadEnv();
                String cache = env.modCache().toString();
                ui.run(() -> {
                    mirrors.show(env);
                    modCache.set(cache);
                });
            } catch (RuntimeException e) {
                // GoEnvException: settings the go command itself refuses (relative GOPATH, ...)
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.run(() -> {
                    message.set("Go settings cannot be used: " + why);
                    messageIsError.set(true);
                });
            }
        });
    }

    /// Opens the Go project at path: a folder (its go.mod or the nearest one above), or a go.mod file.
    public void open(Path path) {
        Objects.requireNonNull(path);
        Path absolute = path.toAbsolutePath().normalize();
        if (demo != null && !absolute.startsWith(demo.mainModule())) {
            stopDemo();
        }
        downloadWhenResolved = false;
        opening.set(true);
        message.set("Opening " + absolute + "…");
        messageIsError.set(false);
        background.execute(() -> {
            Path root;
            try {
                root = moduleRoot(absolute);
            } catch (ResolveException e) {
                String why = e.getMessage();
                ui.run(() -> openFailed(absolute, why));
                return;
            }
            ui.run(() -> opened(root));
        });
    }

    /// Runs in the background: it touches the file system.
    private static Path moduleRoot(Path path) throws ResolveException {
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().equals("go.mod")) {
                throw new ResolveException(path.getFileName() + " is not a go.mod file");
            }
            return path.getParent();
        }
        if (!Files.isDirectory(path)) {
            throw new ResolveException(path + " does not exist");
        }
        return Session.findModuleRoot(path);
    }

    private void openFailed(Path path, String why) {
        opening.set(false);
        openError.set(why + " (" + path + ")");
        message.set("Could not open " + path + ": " + why);
        messageIsError.set(true);
    }

    private void opened(Path root) {
        opening.set(false);
        openError.set("");
        project.set(root);
        title.set("gofetch — " + root.getFileName() + " (" + root + ")");
        recent.setAll(settings.addRecentProject(root));
        panel.set(Panel.GRAPH);
        graph.resolve(root);
    }

    /// Opens the project named on the command line, if any, or starts the demo for `--demo`.
    public void openFromArguments(List<String> args, Path cwd) {
        if (args.contains("--demo")) {
            startDemo();
            return;
        }
        AppArgs.projectDir(args, cwd).ifPresent(this::open);
    }

    // ---- demo ----

    /// Generates a sample module universe, serves it from the built-in lab mirror on loopback (with a
    /// few faults), opens its main module with Go's settings pointed at the mirror and a scratch module
    /// cache, then resolves and downloads it. No internet needed.
    public void startDemo() {
        if (demoRunning.get()) {
            return;
        }
        stopDemo();
        demoRunning.set(true);
        opening.set(true);
        message.set("Starting the demo: generating sample modules and the lab mirror…");
        messageIsError.set(false);
        String faults = demoFaults;
        background.execute(() -> {
            DemoLab lab;
            try {
                lab = DemoLab.start(faults);
            } catch (java.io.IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.run(() -> {
                    demoRunning.set(false);
                    opening.set(false);
                    message.set("The demo could not start: " + why);
                    messageIsError.set(true);
                });
                return;
            }
            ui.run(() -> demoStarted(lab));
        });
    }

    private void demoStarted(DemoLab lab) {
        demo = lab;
        demoRunning.set(false);
        engine.override(lab.environment());
        mirrors.savable(false);
        loadSettings();
        Path root = lab.mainModule();
        opening.set(false);
        openError.set("");
        project.set(root);
        title.set("gofetch — demo (lab mirror " + lab.goproxy() + ")");
        panel.set(Panel.GRAPH);
        downloadWhenResolved = true;
        graph.resolve(root);
    }

    /// Stops the demo's mirror and deletes its files; Go's own settings apply again.
    public void stopDemo() {
        if (demo != null) {
            downloader.cancel();
            DemoLab lab = demo;
            demo = null;
            engine.override(java.util.Map.of());
            mirrors.savable(true);
            background.execute(lab::close);
            loadSettings();
        }
    }

    /// For tests: the faults the demo mirror starts with.
    void demoFaults(String faults) {
        demoFaults = faults;
    }

    /// The demo's mirror address, or "" when no demo runs.
    String demoProxy() {
        return demo == null ? "" : demo.goproxy();
    }

    /// The app is closing: stop what runs and the demo mirror (synchronously, its files included).
    public void shutdown() {
        downloader.cancel();
        graph.cancel();
        if (demo != null) {
            demo.close();
            demo = null;
        }
    }

    public ReadOnlyBooleanProperty demoRunningProperty() {
        return demoRunning.getReadOnlyProperty();
    }

    /// Resolves the open project again (F5).
    public void resolve() {
        if (project.get() != null) {
            graph.resolve(project.get());
        }
    }

    /// Downloads every module in the open project's build list (F6, Ctrl+D).
    public void download() {
        if (project.get() != null) {
            panel.set(Panel.DOWNLOADS);
            downloader.downloadAll(project.get());
        }
    }

    public void cancel() {
        graph.cancel();
        downloader.cancel();
    }

    /// Pauses every download of the run in progress (Ctrl+P).
    public void pauseAll() {
        downloader.pauseAll();
    }

    /// Continues every paused download (Ctrl+Shift+P).
    public void resumeAll() {
        downloader.resumeAll();
    }

    private void updateProblems() {
        java.util.List<Problem> all = new java.util.ArrayList<>(downloader.problems());
        all.addAll(graph.problems());
        problems.setAll(all);
    }

    public void forgetRecent(Path dir) {
        recent.setAll(settings.removeRecentProject(dir));
    }

    private void updateProgress() {
        if (graph.runningProperty().get()) {
            progress.set(-1);
        } else if (downloads.activeProperty().get()) {
            progress.set(downloads.progressProperty().get());
        } else {
            progress.set(0);
        }
    }

    public GraphViewModel graph() {
        return graph;
    }

    public CacheViewModel cache() {
        return cache;
    }

    public DownloadController downloader() {
        return downloader;
    }

    /// Download failures first, then resolution problems.
    public ObservableList<Problem> problems() {
        return problemsView;
    }

    /// The engine with the overrides in effect (the demo's lab mirror).
    SwitchableEngine engine() {
        return engine;
    }

    public MirrorsViewModel mirrors() {
        return mirrors;
    }

    public DownloadsViewModel downloads() {
        return downloads;
    }

    public AppSettings settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<Path> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ObjectProperty<Panel> panelProperty() {
        return panel;
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /// 0..1, -1 for "busy, amount unknown".
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty throughputProperty() {
        return throughput.getReadOnlyProperty();
    }

    /// Why the last open failed, or "".
    public ReadOnlyStringProperty openErrorProperty() {
        return openError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modCacheProperty() {
        return modCache.getReadOnlyProperty();
    }

    /// Most recent first.
    public ObservableList<Path> recentProjects() {
        return recentView;
    }

    /// A new bundle wizard, the open project preselected (with the demo's mirror while it runs).
    public BundleWizardViewModel bundleWizard() {
        return new BundleWizardViewModel(engine, ui, background, project.get(), recent, java.time.LocalDate.now());
    }

    /// A new import of a bundle into the module cache of the current settings.
    public BundleImportViewModel bundleImport() {
        return new BundleImportViewModel(engine, ui, background);
    }
}

package dev.gofetch.ui;

import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.GraphView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.stage.Stage;

/// The desktop application: wires the engine, the settings and the window together.
public final class GofetchApp extends Application {
    private AppSettings settings;
    private List<String> args;
    private ExecutorService background;
    private MainViewModel vm;

    /// Called reflectively by {@link dev.gofetch.Main} so the CLI never loads JavaFX.
    public static void launchApp(String[] args) {
        Application.launch(GofetchApp.class, args);
    }

    /// Runs on the launcher thread, before the FX thread starts: reading the preferences here keeps
    /// that I/O off the FX thread.
    @Override
    public void init() {
        settings = AppSettings.user();
        settings.recentProjects();
        settings.windowBounds();
        args = getParameters().getRaw();
    }

    @Override
    public void start(Stage stage) {
        AtomicInteger n = new AtomicInteger();
        background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gofetch-ui-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        vm = new MainViewModel(Engine.of(System.getenv()), UiBridge.fx(), background, settings,
                GraphView.labelMetrics());
        new MainWindow(vm).show(stage);
        vm.loadSettings();
        vm.openFromArguments(args, Path.of("").toAbsolutePath());
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.shutdown();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }
}

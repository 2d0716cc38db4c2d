package dev.gofetch.ui;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;

/// The Downloads panel mid-download for docs/screenshots/downloads.png: a generated universe with
/// 1–3 MB zips on a rate-capped lab mirror with some latency, the busiest file
/// selected (its request waterfall below) and one file paused.
/// `fx-screenshot -o docs/screenshots/downloads.png --settle 9 -- java -cp CP 'dev.gofetch.ui.DownloadsScreenshot$Main'`
public final class DownloadsScreenshot extends Application {
    /// Launches through a class that is not an Application (the JDK launcher insists on JavaFX modules
    /// for those).
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(DownloadsScreenshot.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path tmp = Files.createTempDirectory("gofetch-shot");
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().plain().seed(21).modulePaths(14)
                .versionsPerPath(1).mainModules(1).requirementsPerModule(6)
                .zipSizes(new UniverseSpec.ZipSizes(200_000, 0.6, 1_200_000, 3_000_000, 0, 0, 0)).build(),
                tmp.resolve("universe"));
        LabServer lab = LabServer.builder(u.proxy().root())
                .faults(Faults.parse("latency=30ms,rate=160k")).start();
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp.resolve("scratch"), lab.baseUri().toString()));
        MainViewModel vm = new MainViewModel(engine, UiBridge.fx(), Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }), new AppSettings(new MemoryPreferences()), GraphView.labelMetrics());
        MainWindow window = new MainWindow(vm);
        window.show(stage);
        vm.graph().runningProperty().addListener((o, was, now) -> {
            if (was && !now) {
                vm.download();
            }
        });
        vm.open(u.mainModules().get(0));
        PauseTransition later = new PauseTransition(Duration.seconds(5));
        vm.downloader().runningProperty().addListener((o, was, now) -> {
            if (now) {
                later.play();
            }
        });
        later.setOnFinished(e -> {
            @SuppressWarnings("unchecked")
            TableView<DownloadsViewModel.Row> table = (TableView<DownloadsViewModel.Row>) stage.getScene()
                    .lookup("#downloadsTable");
            vm.downloads().rows().stream()
                    .filter(r -> r.phase() == DownloadsViewModel.Phase.DOWNLOADING)
                    .max(Comparator.comparingInt(r -> r.requests().size()))
                    .ifPresent(r -> table.getSelectionModel().select(r));
            table.requestFocus();
            vm.downloads().rows().stream()
                    .filter(r -> r.phase() == DownloadsViewModel.Phase.DOWNLOADING
                            && r != table.getSelectionModel().getSelectedItem())
                    .findFirst().ifPresent(r -> vm.downloader().pause(r.module()));
        });
    }
}

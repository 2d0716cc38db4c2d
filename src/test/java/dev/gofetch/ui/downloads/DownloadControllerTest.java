package dev.gofetch.ui.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.GraphViewModel;
import dev.gofetch.ui.graph.NodeState;
import dev.gofetch.ui.graph.TextMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The Downloads feed against a loopback lab mirror: zips big enough that the transfer engine fetches
/// them in several byte ranges.
class DownloadControllerTest {
    @TempDir
    Path tmp;

    private LabServer lab;
    private ExecutorService uiThread;
    private ExecutorService background;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
        if (uiThread != null) {
            uiThread.shutdownNow();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }

    private Universe universe(int paths) throws Exception {
        // Every zip 1.2–1.5 MiB: above the engine's 1 MiB split threshold.
        UniverseSpec spec = UniverseSpec.builder().plain().seed(11).modulePaths(paths).versionsPerPath(1)
                .mainModules(1).requirementsPerModule(2)
                .zipSizes(new UniverseSpec.ZipSizes(0, 1.0, 1_200_000, 1_500_000, 0, 0, 0)).build();
        return UniverseGenerator.generate(spec, tmp.resolve("universe"));
    }

    private Engine engine(String faults) throws Exception {
        lab = LabServer.builder(tmp.resolve("universe/proxy")).faults(Faults.parse(faults)).start();
        return Engine.of(GoTool.pinnedEnv(tmp.resolve("scratch"), lab.baseUri().toString()));
    }

    @Test
    void eachZipArrivesInRangesWithTheirOwnProgressAndTheGraphShowsModulesVerified() throws Exception {
        Universe u = universe(6);
        Engine engine = engine("none");
        UiBridge ui = UiBridge.direct();
        GraphViewModel graph = new GraphViewModel(engine, ui, Runnable::run, TextMetrics.fixed(7));
        DownloadsViewModel vm = new DownloadsViewModel(ui, System::nanoTime);
        DownloadController downloads = new DownloadController(engine, ui, Runnable::run, vm, graph);
        Path main = u.mainModules().get(0);
        graph.resolve(main);

        downloads.downloadAll(main);

        assertThat(downloads.runningProperty().get()).isFalse();
        assertThat(downloads.problems()).isEmpty();
        assertThat(vm.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.phase()).as(r.module().toString()).isEqualTo(DownloadsViewModel.Phase.DONE);
            assertThat(r.bytes()).isEqualTo(r.total()).isGreaterThan(1_000_000);
            // The byte ranges cover the whole file, each with the mirror that served it.
            assertThat(r.chunks().stream().mapToLong(DownloadsViewModel.Chunk::bytes).sum()).isEqualTo(r.total());
            assertThat(r.chunks()).allSatisfy(c -> assertThat(c.mirror()).contains("127.0.0.1:" + lab.port()));
        });
        // Whether a given zip is split depends on how many connections are free at that moment (the
        // budget is shared by all downloads); some of them are.
        assertThat(vm.rows()).anySatisfy(r -> assertThat(r.chunks()).as(r.module() + " ranges").hasSizeGreaterThan(1));
        assertThat(vm.mirrors()).hasSize(1);
        for (DownloadsViewModel.Row r : vm.rows()) {
            assertThat(graph.stateOf(r.module())).as(r.module().toString()).isEqualTo(NodeState.VERIFIED);
        }
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(downloads.statusProperty().get()).isEqualTo("Downloaded " + vm.rows().size()
                + " modules into the module cache");
    }

    @Test
    void cancelStopsTheTrafficAndMarksWhatWasLeft() throws Exception {
        Universe u = universe(8);
        // Slow enough that the run is far from done when cancelled.
        Engine engine = engine("rate=128k");
        uiThread = Executors.newSingleThreadExecutor();
        background = Executors.newCachedThreadPool();
        UiBridge ui = new UiBridge(uiThread);
        GraphViewModel graph = onUi(() -> new GraphViewModel(engine, ui, background, TextMetrics.fixed(7)));
        DownloadsViewModel vm = onUi(() -> new DownloadsViewModel(ui, System::nanoTime));
        DownloadController downloads = onUi(() -> new DownloadController(engine, ui, background, vm, graph));
        Path main = u.mainModules().get(0);
        onUi(() -> {
            downloads.downloadAll(main);
            return null;
        });
        // Wait for bytes of a zip to flow.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (onUi(() -> vm.rows().stream().mapToLong(DownloadsViewModel.Row::bytes).sum()) < 100_000) {
            assertThat(System.nanoTime()).as("zip bytes within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        onUi(() -> {
            downloads.cancel();
            return null;
        });
        Thread.sleep(1500); // connections are torn down
        int settled = lab.exchanges().size();
        Thread.sleep(1500);
        assertThat(lab.exchanges()).as("requests after cancel").hasSize(settled);
        List<DownloadsViewModel.Row> rows = onUi(() -> List.copyOf(vm.rows()));
        assertThat(rows).extracting(DownloadsViewModel.Row::phase).contains(DownloadsViewModel.Phase.CANCELLED)
                .doesNotContain(DownloadsViewModel.Phase.DOWNLOADING, DownloadsViewModel.Phase.QUEUED);
        assertThat(onUi(() -> downloads.runningProperty().get())).isFalse();
        assertThat(onUi(() -> vm.activeProperty().get())).isFalse();
        for (DownloadsViewModel.Row r : rows) {
            ModuleVersion m = r.module();
            assertThat(onUi(() -> graph.stateOf(m))).isNotEqualTo(NodeState.DOWNLOADING);
        }
    }

    @Test
    void aModuleWhoseSingleDownloadWasCancelledShowsCancelledNotFailed() throws Exception {
        Universe u = universe(3);
        Engine engine = engine("rate=128k");
        uiThread = Executors.newSingleThreadExecutor();
        background = Executors.newCachedThreadPool();
        UiBridge ui = new UiBridge(uiThread);
        GraphViewModel graph = onUi(() -> new GraphViewModel(engine, ui, background, TextMetrics.fixed(7)));
        DownloadsViewModel vm = onUi(() -> new DownloadsViewModel(ui, System::nanoTime));
        DownloadController downloads = onUi(() -> new DownloadController(engine, ui, background, vm, graph));
        Path main = u.mainModules().get(0);
        onUi(() -> {
            graph.resolve(main);
            downloads.downloadAll(main);
            return null;
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ModuleVersion flowing = null;
        while (flowing == null) {
            assertThat(System.nanoTime()).as("zip bytes within 20 s").isLessThan(deadline);
            Thread.sleep(50);
            flowing = onUi(() -> vm.rows().stream().filter(r -> r.bytes() > 50_000 && r.bytes() < r.total())
                    .map(DownloadsViewModel.Row::module).filter(r -> graph.stateOf(r) == NodeState.DOWNLOADING)
                    .findFirst().orElse(null));
        }
        ModuleVersion m = flowing;
        onUi(() -> {
            downloads.cancel(m);
            return null;
        });
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (onUi(() -> graph.stateOf(m)) == NodeState.DOWNLOADING) {
            assertThat(System.nanoTime()).as("the cancelled download ends within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(300); // the graph's coalesced updates land
        assertThat(onUi(() -> graph.stateOf(m))).isEqualTo(NodeState.CANCELLED);
        assertThat(onUi(() -> downloads.problems())).noneMatch(p -> m.equals(p.module()));
        onUi(() -> {
            downloads.cancel();
            return null;
        });
    }

    @Test
    void aDownloadThatEndsIsVerifiedFailedOrCancelledByWhyItEnded() {
        DownloadResult ok = new DownloadResult("example.com/a", "v1.0.0", "", "", "", "", "", "", "", "", null, false);
        DownloadResult failed = new DownloadResult("example.com/a", "v1.0.0", "", "example.com/a@v1.0.0: boom",
                "", "", "", "", "", "", null, false);
        assertThat(DownloadController.stateAfter(ok, false)).isEqualTo(NodeState.VERIFIED);
        assertThat(DownloadController.stateAfter(ok, true)).isEqualTo(NodeState.VERIFIED);
        assertThat(DownloadController.stateAfter(failed, false)).isEqualTo(NodeState.FAILED);
        assertThat(DownloadController.stateAfter(failed, true)).isEqualTo(NodeState.CANCELLED);
    }

    private <T> T onUi(Callable<T> c) throws Exception {
        return uiThread.submit(c).get();
    }
}

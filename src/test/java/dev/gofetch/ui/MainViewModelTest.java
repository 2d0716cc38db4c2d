package dev.gofetch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.TextMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
    @TempDir
    Path tmp;

    private Path app;
    private AppSettings settings;
    private MainViewModel vm;

    @BeforeEach
    void setUp() {
        app = TestProjects.standard(tmp);
        settings = new AppSettings(new MemoryPreferences());
        vm = new MainViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.direct(), Runnable::run,
                settings, TextMetrics.fixed(7));
    }

    @Test
    void openingAFolderInsideAModuleOpensTheModuleAndResolvesIt() throws Exception {
        Path sub = Files.createDirectories(app.resolve("internal/server"));
        vm.open(sub);
        assertThat(vm.projectProperty().get()).isEqualTo(app);
        assertThat(vm.titleProperty().get()).isEqualTo("gofetch — app (" + app + ")");
        assertThat(vm.graph().getSnapshot().nodes()).hasSize(7);
        assertThat(vm.messageProperty().get()).isEqualTo("Resolved example.com/app: 4 dependencies in the build list");
        assertThat(vm.recentProjects()).containsExactly(app);
        assertThat(settings.recentProjects()).containsExactly(app);
    }

    @Test
    void aFinishedDownloadAndAFailedOneEachLeaveANotice() throws Exception {
        dev.gofetch.lab.Universe u = dev.gofetch.lab.UniverseGenerator.generate(dev.gofetch.lab.UniverseSpec.builder()
                .plain().seed(9).modulePaths(3).versionsPerPath(1).mainModules(1).requirementsPerModule(1).build(),
                tmp.resolve("universe"));
        List<MainViewModel.Notice> notices = new java.util.ArrayList<>();
        MainViewModel good = new MainViewModel(dev.gofetch.ui.base.Engine.of(dev.gofetch.testing.GoTool.pinnedEnv(
                tmp.resolve("scratch"), u.proxy().root().toUri().toString())), UiBridge.direct(), Runnable::run,
                settings, TextMetrics.fixed(7));
        good.noticeProperty().addListener((obs, was, now) -> notices.add(now));
        good.open(u.mainModules().get(0));
        good.download();
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Download complete");
            assertThat(n.text()).startsWith("Downloaded ").endsWith(" into the module cache");
            assertThat(n.failure()).isFalse();
        });

        // The standard project's mirror has no zips at all.
        vm.noticeProperty().addListener((obs, was, now) -> notices.add(now));
        vm.open(app);
        vm.download();
        assertThat(notices).hasSize(2).last().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Download failed");
            assertThat(n.text()).contains("failed (see Problems)");
            assertThat(n.failure()).isTrue();
        });
    }

    @Test
    void aResolutionFinishingDuringADownloadLeavesTheDownloadInTheStatusBar() {
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        MainViewModel queuing = new MainViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.direct(),
                queued::add, settings, TextMetrics.fixed(7));
        queuing.open(app);
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        queuing.download();
        assertThat(queuing.messageProperty().get()).startsWith("Downloading modules of app");
        queuing.resolve();
        Runnable download = queued.poll();
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        assertThat(queuing.graph().statusProperty().get()).startsWith("Resolved example.com/app");
        assertThat(queuing.messageProperty().get()).startsWith("Downloading modules of app");
        download.run();
        assertThat(queuing.messageProperty().get()).contains("failed (see Problems)");
    }

    @Test
    void openingAGoModFileOpensItsFolder() {
        vm.open(app.resolve("go.mod"));
        assertThat(vm.projectProperty().get()).isEqualTo(app);
    }

    @Test
    void aFolderWithoutGoModIsNotOpenedAndSaysWhy() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("empty"));
        vm.open(elsewhere);
        assertThat(vm.projectProperty().get()).isNull();
        assertThat(vm.openErrorProperty().get()).startsWith("go.mod file not found in current directory or any parent directory");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(vm.recentProjects()).isEmpty();
    }

    @Test
    void anotherFileIsNotAProject() throws Exception {
        Path readme = Files.writeString(app.resolve("README.md"), "hi");
        vm.open(readme);
        assertThat(vm.openErrorProperty().get()).startsWith("README.md is not a go.mod file");
    }

    @Test
    void theCommandLineOpensDashCDirectory() {
        vm.openFromArguments(List.of("gui", "-C", "app"), tmp);
        assertThat(vm.projectProperty().get()).isEqualTo(app);
    }

    @Test
    void settingsAreLoadedForTheMirrorsAndCachePanels() {
        vm.loadSettings();
        assertThat(vm.modCacheProperty().get()).isEqualTo(tmp.resolve("modcache").toString());
        assertThat(vm.mirrors().rows()).extracting(r -> r.entry().text()).containsExactly(TestProjects.proxyOf(tmp).url());
    }

    @Test
    void progressIsBusyWhileResolvingAndIdleAfter() {
        List<Double> seen = new java.util.ArrayList<>();
        vm.progressProperty().addListener((obs, was, now) -> seen.add(now.doubleValue()));
        vm.open(app);
        assertThat(seen).containsExactly(-1.0, 0.0);
    }
}

package dev.gofetch.ui.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.ui.base.UiBridge;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadsViewModelTest {
    private static final ModuleVersion A = ModuleVersion.of("example.com/a", "v1.0.0");
    private static final ModuleVersion B = ModuleVersion.of("example.com/b", "v2.0.0");

    private final AtomicLong clock = new AtomicLong();
    private final DownloadsViewModel vm = new DownloadsViewModel(UiBridge.direct(), clock::get);
    private final DownloadsViewModel.Feed feed = vm.feed();

    @Test
    void rowsFollowEachModuleAndTotalsFollowTheBytes() {
        feed.queued(A, 1000);
        feed.queued(B, 3000);
        assertThat(vm.rows()).extracting(DownloadsViewModel.Row::phase)
                .containsExactly(DownloadsViewModel.Phase.QUEUED, DownloadsViewModel.Phase.QUEUED);
        assertThat(vm.activeProperty().get()).isTrue();
        clock.set(1_000_000_000L);
        feed.progress(A, "https://proxy.golang.org", 500, 1000);
        clock.set(2_000_000_000L);
        feed.progress(B, "https://mirror.example", 1500, 3000);
        assertThat(vm.progressProperty().get()).isEqualTo(0.5);
        // 2000 bytes arrived between t=0 and t=2s
        assertThat(vm.throughputProperty().get()).isEqualTo(1000.0);
        assertThat(vm.rows().get(1).mirror()).isEqualTo("https://mirror.example");
        assertThat(vm.summaryProperty().get()).isEqualTo("0 of 2 done · 2.0 kB · 1.0 kB/s");
    }

    @Test
    void aFinishedDownloadKeepsItsMirrorAndCountsAllItsBytes() {
        feed.progress(A, "https://proxy.golang.org", 10, 1000);
        feed.finished(A);
        DownloadsViewModel.Row row = vm.rows().get(0);
        assertThat(row.phase()).isEqualTo(DownloadsViewModel.Phase.DONE);
        assertThat(row.bytes()).isEqualTo(1000);
        assertThat(row.mirror()).isEqualTo("https://proxy.golang.org");
        assertThat(row.fraction()).isEqualTo(1.0);
        assertThat(vm.activeProperty().get()).isFalse();
        assertThat(vm.throughputProperty().get()).isZero();
    }

    @Test
    void aFailureIsShownWithItsMessageAndAnUnknownSizeMakesProgressIndeterminate() {
        feed.progress(A, "https://proxy.golang.org", 10, -1);
        assertThat(vm.progressProperty().get()).isEqualTo(-1.0);
        feed.failed(A, "410 Gone");
        assertThat(vm.rows().get(0).error()).isEqualTo("410 Gone");
        assertThat(vm.summaryProperty().get()).startsWith("0 of 1 done · 1 failed");
    }

    @Test
    void bytesAreShownInDecimalUnits() {
        assertThat(DownloadsViewModel.formatBytes(999)).isEqualTo("999 B");
        assertThat(DownloadsViewModel.formatBytes(1_234)).isEqualTo("1.2 kB");
        assertThat(DownloadsViewModel.formatBytes(56_700_000)).isEqualTo("57 MB");
        assertThat(DownloadsViewModel.formatBytes(3_100_000_000L)).isEqualTo("3.1 GB");
    }
}

package dev.gofetch.ui.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.engine.DownloadResult;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.transfer.TransferListener;
import dev.gofetch.ui.base.UiBridge;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/// Paused rows and the request waterfall as the view model builds them, on one thread with a fake clock.
class PauseAndWaterfallViewModelTest {
    private static final ModuleVersion A = ModuleVersion.of("example.com/a", "v1.0.0");
    private static final ModuleVersion B = ModuleVersion.of("example.com/b", "v2.0.0");
    private static final ModuleVersion C = ModuleVersion.of("example.com/c", "v3.0.0");
    private static final String MIRROR = "http://127.0.0.1:1";

    private final AtomicLong clock = new AtomicLong();
    private final DownloadsViewModel vm = new DownloadsViewModel(UiBridge.direct(), clock::get);
    private final EngineFeed feed = new EngineFeed(vm, new EngineFeed.ModuleStates() {
        @Override
        public void downloading(ModuleVersion m) {}

        @Override
        public void finished(ModuleVersion m, DownloadResult result) {}
    });

    private DownloadsViewModel.Row row(ModuleVersion m) {
        return vm.rows().stream().filter(r -> r.module().equals(m)).findFirst().orElseThrow();
    }

    private static DownloadResult done(ModuleVersion m) {
        return new DownloadResult(m.path(), m.version(), "", "", "", "", "", "", "", "", null, false);
    }

    @Test
    void pauseAllShowsUnfinishedRowsPausedAndResumeShowsThemAsReportedAgain() {
        feed.queued(A);
        feed.queued(B);
        feed.queued(C);
        feed.moduleStarted(A);
        feed.moduleStarted(C);
        feed.moduleFinished(C, done(C));

        vm.allPaused(true);
        assertThat(vm.rows()).extracting(DownloadsViewModel.Row::phase).containsExactly(
                DownloadsViewModel.Phase.PAUSED, DownloadsViewModel.Phase.PAUSED, DownloadsViewModel.Phase.DONE);
        assertThat(row(A).speed()).isZero();
        // an engine report while paused does not un-pause the row
        feed.zipProgress(A, 500);
        assertThat(row(A).phase()).isEqualTo(DownloadsViewModel.Phase.PAUSED);
        assertThat(row(A).bytes()).isEqualTo(500);
        assertThat(vm.activeProperty().get()).isTrue();

        vm.allPaused(false);
        assertThat(vm.rows()).extracting(DownloadsViewModel.Row::phase).containsExactly(
                DownloadsViewModel.Phase.DOWNLOADING, DownloadsViewModel.Phase.QUEUED, DownloadsViewModel.Phase.DONE);
    }

    @Test
    void aSinglePausedFileStaysPausedAloneAndACancelledOneIgnoresLaterReports() {
        feed.queued(A);
        feed.queued(B);
        feed.moduleStarted(A);
        feed.moduleStarted(B);

        vm.paused(A, true);
        assertThat(row(A).phase()).isEqualTo(DownloadsViewModel.Phase.PAUSED);
        assertThat(row(B).phase()).isEqualTo(DownloadsViewModel.Phase.DOWNLOADING);
        vm.paused(A, false);
        assertThat(row(A).phase()).isEqualTo(DownloadsViewModel.Phase.DOWNLOADING);

        vm.cancelled(B);
        feed.zipProgress(B, 100);
        assertThat(row(B).phase()).isEqualTo(DownloadsViewModel.Phase.CANCELLED);
    }

    @Test
    void eachRequestBecomesAWaterfallRowWithItsWaitAndBodyTimes() {
        feed.queued(A);
        feed.moduleStarted(A);
        feed.downloadStart(new TransferListener.DownloadStarted(1, A + " zip", "/tmp/a", 0, "none"));
        clock.set(1_000);
        feed.requestStart(new TransferListener.RequestStarted(1, 7, MIRROR, MIRROR + "/a.zip", 0, 1000, "probe"));
        clock.set(2_000);
        feed.requestStart(new TransferListener.RequestStarted(1, 8, MIRROR, MIRROR + "/a.zip", 1000, 2000, "range"));
        feed.responseStart(new TransferListener.ResponseStarted(1, 7, 206, "HTTP/1.1", 300));
        feed.bodyProgress(new TransferListener.BodyProgress(1, 7, 400, 200));
        DownloadsViewModel.Request running = row(A).requests().get(0);
        assertThat(running.running()).isTrue();
        assertThat(running.sent()).isEqualTo(1_000);
        assertThat(running.firstByte()).isEqualTo(1_300);
        assertThat(running.last()).isEqualTo(1_500);
        assertThat(running.bytes()).isEqualTo(400);

        feed.requestEnd(new TransferListener.RequestEnded(1, 7, "ok", 1000, 900, null));
        feed.requestEnd(new TransferListener.RequestEnded(1, 8, "cancelled", 0, 50, null));

        assertThat(row(A).requests()).extracting(DownloadsViewModel.Request::request).containsExactly(7L, 8L);
        DownloadsViewModel.Request first = row(A).requests().get(0);
        assertThat(first.outcome()).isEqualTo("ok");
        assertThat(first.last()).isEqualTo(1_900);
        assertThat(first.bytes()).isEqualTo(1000);
        DownloadsViewModel.Request second = row(A).requests().get(1);
        assertThat(second.rangeStart()).isEqualTo(1000);
        assertThat(second.rangeEnd()).isEqualTo(2000);
        assertThat(second.why()).isEqualTo("range");
        assertThat(second.firstByte()).isEqualTo(-1);
        assertThat(second.outcome()).isEqualTo("cancelled");
        assertThat(WaterfallView.label(second)).isEqualTo("#8  range  1.0 kB–2.0 kB");

        // the finished row keeps its waterfall
        feed.moduleFinished(A, done(A));
        assertThat(row(A).phase()).isEqualTo(DownloadsViewModel.Phase.DONE);
        assertThat(row(A).requests()).hasSize(2);
    }

    @Test
    void ticksAreRoundStepsAtLeastSeventyPixelsApart() {
        assertThat(WaterfallView.tickStep(1.0, 700)).isEqualTo(0.1);
        assertThat(WaterfallView.tickStep(10.0, 700)).isEqualTo(1.0);
        assertThat(WaterfallView.tickStep(12.0, 700)).isEqualTo(2.0);
    }
}

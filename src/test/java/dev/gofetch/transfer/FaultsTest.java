package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Each server fault ends in the correct file, or in a clear error with nothing under the final name.
class FaultsTest {
    static final int SIZE = 512 * 1024;

    @TempDir
    Path dir;
    TestServer server;
    Downloader downloader;
    final List<Object> events = new CopyOnWriteArrayList<>();
    byte[] content;
    Path dest;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        content = TestServer.randomBytes(SIZE, 42);
        server.file("/m.zip", content);
        server.bytesPerSecondPerConnection = 2 * 1024 * 1024;
        dest = dir.resolve("m.zip");
        downloader = Downloader.builder().options(Fixtures.fast()).listener(new Recorder(events)).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        downloader.close();
        server.close();
    }

    private DownloadResult download() throws Exception {
        return downloader.download(DownloadRequest.of(dest, new Candidate(server.url("/m.zip"), false)));
    }

    private void assertCorrectFileAndNoLeftovers() throws Exception {
        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(dir.resolve("m.zip.gofetch")).doesNotExist();
        assertThat(dir.resolve("m.zip.gofetch.journal")).doesNotExist();
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void connectionResetMidRangeIsRetriedFromWhereItStopped() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() <= 3) {
                plan.resetAfter = 40_000;
            }
        };

        download();

        assertCorrectFileAndNoLeftovers();
        assertThat(eventsOf(TransferListener.RetryStarted.class)).isNotEmpty();
        // the retried ranges start where the reset ones stopped, so little is fetched twice
        assertThat(server.bytesServed()).isLessThan(SIZE + 4 * 64 * 1024);
    }

    @Test
    void burstOfServerErrorsIsRetriedWithBackoff() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() <= 3) {
                plan.status = 503;
                plan.headers.clear();
                plan.source = "overloaded\n".getBytes();
                plan.offset = 0;
                plan.length = plan.source.length;
            }
        };

        download();

        assertCorrectFileAndNoLeftovers();
        List<TransferListener.RetryStarted> retries = eventsOf(TransferListener.RetryStarted.class);
        assertThat(retries).isNotEmpty();
        assertThat(retries.get(0).error()).contains("503 Service Unavailable");
        assertThat(eventsOf(TransferListener.RetryEnded.class)).hasSameSizeAs(retries);
    }

    @Test
    void persistentServerErrorsFailWithTheServersMessage() {
        server.fault = (req, plan) -> {
            plan.status = 500;
            plan.headers.clear();
            plan.headers.put("Content-Type", "text/plain; charset=utf-8");
            plan.source = "database on fire\n".getBytes();
            plan.offset = 0;
            plan.length = plan.source.length;
        };

        assertThatThrownBy(this::download)
                .isInstanceOf(DownloadException.class)
                .hasMessage("reading " + server.url("/m.zip") + ": 500 Internal Server Error\n\tserver response: database on fire");
        assertThat(server.log()).hasSize(Fixtures.fast().maxAttemptsPerMirror());
        assertThat(dest).doesNotExist();
    }

    @Test
    void truncatedBodiesAreCompletedByLaterRequests() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() % 2 == 1) {
                plan.closeAfter = plan.length / 3;
            }
        };

        download();

        assertCorrectFileAndNoLeftovers();
    }

    @Test
    void serverIgnoringRangeIsFetchedAsOneStream() throws Exception {
        server.fault = (req, plan) -> TestServer.ignoreRange(plan);

        download();

        assertCorrectFileAndNoLeftovers();
        assertThat(server.log()).hasSize(1);
        assertThat(server.log().get(0).status).isEqualTo(200);
    }

    @Test
    void serverThatStopsHonouringRangeMidDownloadFallsBackToOneStream() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() > 1) {
                TestServer.ignoreRange(plan);
            }
        };

        download();

        assertCorrectFileAndNoLeftovers();
        assertThat(server.log()).anySatisfy(e -> assertThat(e.status).isEqualTo(200));
    }

    @Test
    void fileChangingOnTheServerMidDownloadRestartsWhole() throws Exception {
        byte[] changed = TestServer.randomBytes(SIZE + 1000, 7);
        server.bytesPerSecondPerConnection = 256 * 1024; // the change lands mid-download even on a busy machine
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() == 3) {
                server.file("/m.zip", changed, "\"v2\"");
            }
        };

        download();

        content = changed;
        assertCorrectFileAndNoLeftovers();
    }

    @Test
    void changedEtagWithSameLengthIsDetectedThroughIfRange() throws Exception {
        byte[] changed = TestServer.randomBytes(SIZE, 8);
        // Slow enough that the third request (the change) always comes while v1 is still arriving; at
        // full speed a busy machine could finish v1 first, which is a correct but different outcome.
        server.bytesPerSecondPerConnection = 256 * 1024;
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() == 3) {
                server.file("/m.zip", changed, "\"v2\"");
            }
        };

        download();

        assertThat(server.log()).anySatisfy(e -> assertThat(e.header("if-range")).isEqualTo("\"v1-" + SIZE + "\""));
        content = changed;
        assertCorrectFileAndNoLeftovers();
    }

    @Test
    void serverThatIgnoresIfRangeButChangesEtagIsCaught() throws Exception {
        // ranges of a new version are served under a new ETag although If-Range named the old one
        byte[] changed = TestServer.randomBytes(SIZE, 9);
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() >= 3) {
                plan.source = changed;
                plan.headers.put("ETag", "\"v2\"");
            }
        };

        download();

        content = changed;
        assertCorrectFileAndNoLeftovers();
    }

    @Test
    void etagChangingOnEveryResponseEndsAsOneStreamWithoutValidators() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> plan.headers.put("ETag", "\"backend-" + n.incrementAndGet() + "\"");

        download();

        assertCorrectFileAndNoLeftovers();
        // the stream that completed the file was a whole-file answer, not a mix of ranges
        assertThat(server.log()).anySatisfy(e -> {
            assertThat(e.status).isEqualTo(200);
            assertThat(e.complete).isTrue();
        });
    }

    @Test
    void wrongContentRangeIsAnErrorForThatRangeAndIsRetried() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() == 2 && plan.status == 206) {
                plan.offset += 1000;
                plan.length = Math.min(plan.length, SIZE - plan.offset);
                plan.headers.put("Content-Range", "bytes " + plan.offset + "-" + (plan.offset + plan.length - 1)
                        + "/" + SIZE);
            }
        };

        download();

        assertCorrectFileAndNoLeftovers();
        assertThat(eventsOf(TransferListener.RequestEnded.class))
                .anySatisfy(e -> assertThat(e.error()).contains("got Content-Range"));
    }

    @Test
    void stalledConnectionIsDroppedAndItsRangeRequeued() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.fault = (req, plan) -> {
            if (n.incrementAndGet() == 2) {
                plan.stallAfter = 10_000;
            }
        };

        download();

        assertCorrectFileAndNoLeftovers();
        List<TransferListener.StallStarted> stalls = eventsOf(TransferListener.StallStarted.class);
        assertThat(stalls).hasSize(1);
        assertThat(stalls.get(0).kind()).isEqualTo("no-data");
        assertThat(eventsOf(TransferListener.StallEnded.class)).hasSize(1);
    }

    @Test
    void missingContentLengthMeansOneStreamToTheEnd() throws Exception {
        server.fault = (req, plan) -> {
            TestServer.ignoreRange(plan);
            plan.contentLength = false;
        };

        DownloadResult r = download();

        assertCorrectFileAndNoLeftovers();
        assertThat(r.length()).isEqualTo(SIZE);
        assertThat(server.log()).hasSize(1);
    }

    @Test
    void notFoundFailsAtOnceWithGoWording() {
        assertThatThrownBy(() -> downloader.download(DownloadRequest.of(dest,
                new Candidate(server.url("/missing.zip"), false))))
                .isInstanceOf(DownloadException.class)
                .hasMessage("reading " + server.url("/missing.zip")
                        + ": 404 Not Found\n\tserver response: not found: /missing.zip")
                .satisfies(e -> assertThat(((DownloadException) e).isNotFound()).isTrue());
        assertThat(server.log()).hasSize(1);
        assertThat(dest).doesNotExist();
    }

    /// Collects every event.
    static final class Recorder implements TransferListener {
        final List<Object> events;

        Recorder(List<Object> events) {
            this.events = events;
        }

        @Override public void downloadStart(DownloadStarted e) { events.add(e); }
        @Override public void downloadEnd(DownloadEnded e) { events.add(e); }
        @Override public void requestStart(RequestStarted e) { events.add(e); }
        @Override public void responseStart(ResponseStarted e) { events.add(e); }
        @Override public void bodyStart(BodyStarted e) { events.add(e); }
        @Override public void bodyProgress(BodyProgress e) { events.add(e); }
        @Override public void bodyEnd(BodyEnded e) { events.add(e); }
        @Override public void requestEnd(RequestEnded e) { events.add(e); }
        @Override public void retryStart(RetryStarted e) { events.add(e); }
        @Override public void retryEnd(RetryEnded e) { events.add(e); }
        @Override public void mirrorSwitchStart(MirrorSwitchStarted e) { events.add(e); }
        @Override public void mirrorSwitchEnd(MirrorSwitchEnded e) { events.add(e); }
        @Override public void rangeSplitStart(RangeSplitStarted e) { events.add(e); }
        @Override public void rangeSplitEnd(RangeSplitEnded e) { events.add(e); }
        @Override public void pauseStart(PauseStarted e) { events.add(e); }
        @Override public void pauseEnd(PauseEnded e) { events.add(e); }
        @Override public void resumeStart(ResumeStarted e) { events.add(e); }
        @Override public void resumeEnd(ResumeEnded e) { events.add(e); }
        @Override public void stallStart(StallStarted e) { events.add(e); }
        @Override public void stallEnd(StallEnded e) { events.add(e); }
    }
}

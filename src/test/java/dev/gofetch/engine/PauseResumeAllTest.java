package dev.gofetch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.env.GoEnv;
import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.resolve.Resolver;
import dev.gofetch.testing.GoTool;
import dev.gofetch.verify.Hash1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Pause all / resume all / cancel on the zip engine of a session, against a rate-capped lab mirror.
class PauseResumeAllTest {
    @TempDir
    Path tmp;
    Universe universe;
    LabServer lab;
    Session session;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        // Every zip 1–1.5 MiB: at 256 KiB/s per connection a zip takes over a second on 4 connections.
        universe = UniverseGenerator.generate(UniverseSpec.builder().seed(5).plain().modulePaths(4)
                .versionsPerPath(1).requirementsPerModule(1)
                .zipSizes(new UniverseSpec.ZipSizes(0, 0, 0, 0, 1.0, 1 << 20, 3 << 19)).build(), tmp.resolve("u"));
        lab = LabServer.builder(universe.proxy().root()).faults(Faults.parse("rate=256k")).start();
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), lab.baseUri().toString());
        session = Session.open(GoEnv.load(env), 4);
        Path main = universe.mainModules().get(0);
        project = Project.open(session, main, Resolver.Command.DOWNLOAD, main);
    }

    @AfterEach
    void tearDown() {
        session.close();
        lab.close();
    }

    private List<String> everyPublishedVersion() {
        List<String> args = new java.util.ArrayList<>();
        universe.published().forEach((path, versions) -> versions.forEach(v -> args.add(path + "@" + v)));
        return args;
    }

    static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void pauseAllStopsTrafficWithinASecondHoldsBackQueuedZipsAndResumeFinishesWithoutRefetching() throws Exception {
        List<Downloads.Target> targets = Downloads.plan(session, project, everyPublishedVersion(), w -> { }).targets();
        assertThat(targets).hasSizeGreaterThanOrEqualTo(4);
        ZipTransfer zips = session.zipTransfer();
        ModuleDownloader downloader = project.downloader(DownloadListener.NONE);
        // two modules at once: the others are queued when the pause comes
        CompletableFuture<List<DownloadResult>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return Downloads.run(downloader, targets, 2);
            } catch (ModuleDownloader.SecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> lab.bodyBytesSent() > 400 << 10, 10_000);

        long pausedAt = System.nanoTime();
        zips.pauseAll();
        assertThat(zips.isPaused()).isTrue();
        Thread.sleep(1000);
        long afterOneSecond = lab.bodyBytesSent();
        long requests = lab.exchanges().size();
        Thread.sleep(1200);
        assertThat(lab.bodyBytesSent()).as("bytes served while paused").isEqualTo(afterOneSecond);
        assertThat(lab.exchanges()).as("no request starts while paused").hasSize((int) requests);
        assertThat(zips.activeHandles().values()).allSatisfy(h ->
                assertThat(h.progress().connections()).isEmpty());
        assertThat(zips.keptBytes()).isGreaterThan(0);
        assertThat(run).isNotDone();
        assertThat(System.nanoTime() - pausedAt).isLessThan(TimeUnit.SECONDS.toNanos(5));

        zips.resumeAll();
        List<DownloadResult> results = run.get(60, TimeUnit.SECONDS);

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isEmpty());
        long zipBytes = 0;
        for (DownloadResult r : results) {
            Path original = universe.proxy().root().resolve(
                    dev.gofetch.module.ModulePath.escapePath(r.path()) + "/@v/" + r.version() + ".zip");
            zipBytes += Files.size(original);
            assertThat(r.sum()).isEqualTo(Hash1.hashZip(original));
            assertThat(Hash1.hashZip(Path.of(r.zip()))).isEqualTo(r.sum());
        }
        // Only what was in flight when the pause came is fetched twice (a chunk per connection); the
        // .info and .mod files add a few hundred bytes.
        assertThat(lab.bodyBytesSent()).isBetween(zipBytes, zipBytes + 8 * (64 << 10) + (16 << 10));
    }

    @Test
    void aFileCancelledWhilePausedFailsAndKeepsItsPartialDataForTheNextRun() throws Exception {
        List<Downloads.Target> targets = Downloads.plan(session, project, List.of("all"), w -> { }).targets();
        Downloads.Target first = targets.get(0);
        ModuleVersion m = new ModuleVersion(first.path(), first.version());
        ZipTransfer zips = session.zipTransfer();
        ModuleDownloader downloader = project.downloader(DownloadListener.NONE);
        CompletableFuture<DownloadResult> one = CompletableFuture.supplyAsync(() -> {
            try {
                return downloader.download(m, "");
            } catch (ModuleDownloader.SecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> lab.bodyBytesSent() > 300 << 10, 10_000);
        zips.pause(m);
        assertThat(zips.isPaused(m)).isTrue();
        await(() -> !zips.activeHandles().isEmpty()
                && zips.activeHandles().get(m).progress().connections().isEmpty(), 2000);
        long kept = zips.keptBytes();
        zips.cancel(m);

        DownloadResult r = one.get(10, TimeUnit.SECONDS);
        assertThat(r.error()).isEqualTo(m + ": download cancelled");
        assertThat(kept).isGreaterThan(0);
        session.close();

        // a new session (the next run) continues from the journal
        long servedBefore = lab.bodyBytesSent();
        session = Session.open(session.env(), 4);
        project = Project.open(session, universe.mainModules().get(0), Resolver.Command.DOWNLOAD,
                universe.mainModules().get(0));
        DownloadResult again = project.downloader(DownloadListener.NONE).download(m, "");
        assertThat(again.error()).isEmpty();
        Path original = universe.proxy().root().resolve(
                dev.gofetch.module.ModulePath.escapePath(m.path()) + "/@v/" + m.version() + ".zip");
        assertThat(again.sum()).isEqualTo(Hash1.hashZip(original));
        assertThat(lab.bodyBytesSent() - servedBefore).isLessThanOrEqualTo(Files.size(original) - kept + 4 * (64 << 10));
    }
}

package dev.gofetch.ui.downloads;

import dev.gofetch.cache.CacheCleaner;
import dev.gofetch.cache.ModCache;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.engine.Downloads;
import dev.gofetch.engine.ModuleDownloader;
import dev.gofetch.engine.Project;
import dev.gofetch.engine.Session;
import dev.gofetch.engine.ZipTransfer;
import dev.gofetch.env.GoEnv;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.Resolver;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.FailureKind;
import dev.gofetch.vcs.Diagnosis;
import dev.gofetch.ui.base.Problem;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.GraphViewModel;
import dev.gofetch.ui.graph.NodeState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// Runs `go mod download` for the open project in the background ({@link Downloads#plan}, then each
/// target through the project's {@link ModuleDownloader}, several at once) and feeds the Downloads
/// panel, the graph's node states and the problems list.
///
/// Pause all closes every connection of the run and holds back modules that have not started; Resume
/// all continues each byte range where it stopped. Single files pause, resume and cancel on their own.
/// Cancel interrupts the run: queued modules never start and running ones stop, keeping their journals
/// so that a later Download continues them.
public final class DownloadController implements FileActions {
    /// Modules downloaded at once (each zip may use several connections of the session's budget).
    static final int PARALLEL = 6;

    private final Engine engine;
    private final UiBridge ui;
    private final Executor background;
    private final DownloadsViewModel vm;
    private final GraphViewModel graph;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private Run current;
    private Path project;

    public DownloadController(Engine engine, UiBridge ui, Executor background, DownloadsViewModel vm,
            GraphViewModel graph) {
        this.engine = Objects.requireNonNull(engine);
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        this.vm = Objects.requireNonNull(vm);
        this.graph = Objects.requireNonNull(graph);
    }

    /// One run: its task, and the pool its modules download on (stopped by cancel).
    private final class Run {
        final long id;
        volatile boolean cancelled;
        volatile ExecutorService pool;
        /// The run's zip engine once its session is open; pause requests made before then are applied
        /// when it appears.
        volatile ZipTransfer zips;
        volatile boolean pauseAll;
        final java.util.Set<ModuleVersion> pausedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Set<ModuleVersion> cancelledFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();
        FutureTask<Void> task;

        Run(long id) {
            this.id = id;
        }

        void cancel() {
            cancelled = true;
            ZipTransfer z = zips;
            if (z != null) {
                z.cancelAll();
            }
            ExecutorService p = pool;
            if (p != null) {
                p.shutdownNow();
            }
            if (task != null) {
                task.cancel(true);
            }
        }
    }

    private long runs;

    /// Downloads every module of the build list ("all") of the project in moduleDir.
    public void downloadAll(Path moduleDir) {
        start(moduleDir, List.of("all"), true);
    }

    /// Downloads the given modules again (Retry), keeping the other rows.
    public void retry(ModuleVersion m) {
        if (project != null) {
            problems.removeIf(p -> m.equals(p.module()));
            start(project, List.of(m.path() + "@" + m.version()), false);
        }
    }

    private void start(Path moduleDir, List<String> args, boolean fresh) {
        Objects.requireNonNull(moduleDir);
        stop();
        project = moduleDir;
        if (fresh) {
            vm.clear();
            problems.clear();
        }
        Run run = new Run(++runs);
        current = run;
        EngineFeed feed = new EngineFeed(vm, new EngineFeed.ModuleStates() {
            @Override
            public void downloading(ModuleVersion m) {
                graph.downloadState(m, NodeState.DOWNLOADING);
            }

            @Override
            public void finished(ModuleVersion m, DownloadResult result) {
                graph.downloadState(m, stateAfter(result, run.cancelled || run.cancelledFiles.contains(m)));
            }
        });
        running.set(true);
        paused.set(false);
        vm.allPaused(false);
        status.set("Downloading modules of " + moduleDir.getFileName() + "…");
        run.task = new FutureTask<>(() -> {
            execute(run, feed, moduleDir, args);
            return null;
        });
        background.execute(run.task);
    }

    /// The graph state of a module whose download ended: a download that ended because it was
    /// cancelled (alone or with its run) did not fail.
    static NodeState stateAfter(DownloadResult result, boolean cancelled) {
        if (!result.failed()) {
            return NodeState.VERIFIED;
        }
        return cancelled ? NodeState.CANCELLED : NodeState.FAILED;
    }

    /// Stops the run in progress; what was downloaded stays in the module cache.
    public void cancel() {
        if (current != null && running.get()) {
            stop();
            vm.cancelled();
            graph.downloadsStopped();
            running.set(false);
            paused.set(false);
            vm.allPaused(false);
            status.set("Download cancelled; partial files are kept and continue on the next Download");
        }
    }

    /// Closes every connection of the run (within a second) and keeps queued modules from starting.
    public void pauseAll() {
        Run run = current;
        if (run == null || !running.get() || paused.get()) {
            return;
        }
        run.pauseAll = true;
        paused.set(true);
        vm.allPaused(true);
        status.set("Paused");
        onEngine(run, ZipTransfer::pauseAll);
    }

    /// Continues every paused download where its byte ranges stopped.
    public void resumeAll() {
        Run run = current;
        if (run == null || !paused.get() && run.pausedFiles.isEmpty()) {
            return;
        }
        run.pauseAll = false;
        run.pausedFiles.clear();
        paused.set(false);
        vm.allPaused(false);
        vm.clearPausedFiles();
        status.set("Downloading modules of " + project.getFileName() + "…");
        onEngine(run, ZipTransfer::resumeAll);
    }

    /// Pauses one module's download (or keeps it from starting).
    @Override
    public void pause(ModuleVersion m) {
        Run run = current;
        if (run == null || !running.get()) {
            return;
        }
        run.pausedFiles.add(m);
        vm.paused(m, true);
        onEngine(run, z -> z.pause(m));
    }

    @Override
    public void resume(ModuleVersion m) {
        Run run = current;
        if (run == null || !run.pausedFiles.remove(m)) {
            return;
        }
        vm.paused(m, false);
        onEngine(run, z -> z.resume(m));
    }

    /// Stops one module's download; its partial file is kept for a later Download.
    @Override
    public void cancel(ModuleVersion m) {
        Run run = current;
        if (run == null || !running.get()) {
            return;
        }
        run.pausedFiles.remove(m);
        run.cancelledFiles.add(m);
        vm.paused(m, false);
        vm.cancelled(m);
        onEngine(run, z -> z.cancel(m));
    }

    /// Runs action on the run's zip engine off the UI thread (pausing writes journals); before the
    /// engine exists the run applies its pause state itself when it opens it.
    private void onEngine(Run run, java.util.function.Consumer<ZipTransfer> action) {
        background.execute(() -> {
            ZipTransfer z = run.zips;
            if (z != null) {
                action.accept(z);
            }
        });
    }

    /// The run was opened with zips: apply what was asked before.
    private static void adopt(Run run, ZipTransfer zips) {
        run.zips = zips;
        if (run.cancelled) {
            zips.cancelAll();
        }
        if (run.pauseAll) {
            zips.pauseAll();
        }
        for (ModuleVersion m : run.pausedFiles) {
            zips.pause(m);
        }
        for (ModuleVersion m : run.cancelledFiles) {
            zips.cancel(m);
        }
    }

    private void stop() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    // ---- background ----

    private void execute(Run run, EngineFeed feed, Path dir, List<String> args) {
        List<String> warnings = new ArrayList<>();
        try {
            GoEnv env = engine.loadEnv();
            lastEnv = env;
            try (Session session = engine.openSession(env)) {
                session.transferListener(feed);
                adopt(run, session.zipTransfer());
                Project p = Project.open(session, dir, Resolver.Command.DOWNLOAD, dir);
                Downloads.Plan plan = Downloads.plan(session, p, args, warnings::add);
                List<Downloads.Target> targets = plan.targets();
                for (Downloads.Target t : targets) {
                    ModuleVersion m = ModuleVersion.of(t.path(), t.version());
                    if (t.error().isEmpty()) {
                        feed.queued(m);
                    } else {
                        feed.failed(m, t.error());
                        onUi(run, () -> addProblem(m, t.error()));
                    }
                }
                downloadAll(run, feed, p.downloader(feed), targets);
                int failed = 0;
                for (Downloads.Target t : targets) {
                    failed += t.error().isEmpty() ? 0 : 1;
                }
                ResolveException graphError = plan.graphError();
                int total = targets.size();
                onUi(run, () -> {
                    if (graphError != null) {
                        addProblem(null, graphError.getMessage());
                    }
                    finished(total);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ResolveException | ProxyConfigException | RuntimeException e) {
            if (!run.cancelled) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                onUi(run, () -> {
                    addProblem(null, why);
                    paused.set(false);
                    status.set("Download failed: " + why.lines().findFirst().orElse(why));
                    running.set(false);
                });
            }
        }
    }

    private void downloadAll(Run run, EngineFeed feed, ModuleDownloader downloader, List<Downloads.Target> targets)
            throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread t = new Thread(r, "gofetch-ui-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        run.pool = pool;
        if (run.cancelled) {
            pool.shutdownNow();
            throw new InterruptedException();
        }
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Downloads.Target t : targets) {
                if (!t.error().isEmpty()) {
                    continue;
                }
                ModuleVersion m = ModuleVersion.of(t.path(), t.version());
                futures.add(pool.submit(() -> {
                    if (run.cancelled) {
                        return null;
                    }
                    try {
                        DownloadResult r = downloader.download(m, t.query());
                        if (r.failed() && !run.cancelled && !run.cancelledFiles.contains(m)) {
                            onUi(run, () -> addProblem(m, r.error()));
                        }
                    } catch (ModuleDownloader.SecurityException e) {
                        // As the go command: a checksum mismatch stops everything.
                        String why = e.getMessage();
                        feed.failed(m, why);
                        graph.downloadState(m, NodeState.FAILED);
                        onUi(run, () -> addProblem(m, why));
                        run.cancelled = true;
                        pool.shutdownNow();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // reported through the feed
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void onUi(Run run, Runnable r) {
        ui.run(() -> {
            if (current == run) {
                r.run();
            }
        });
    }

    // ---- UI thread ----

    private void finished(int total) {
        vm.flush();
        paused.set(false);
        vm.allPaused(false);
        current = null;
        long failed = vm.rows().stream().filter(r -> r.phase() == DownloadsViewModel.Phase.FAILED).count();
        // The status first: whoever watches `running` reads the outcome from it.
        status.set(failed == 0 ? "Downloaded " + total + (total == 1 ? " module" : " modules") + " into the module cache"
                : "Downloaded " + (total - failed) + " of " + total + " modules; " + failed + " failed (see Problems)");
        running.set(false);
    }

    /// The settings of the latest run, for diagnosing its failures.
    private volatile GoEnv lastEnv;

    private void addProblem(ModuleVersion m, String message) {
        GoEnv env = lastEnv;
        Diagnosis diagnosis = env == null ? null : Diagnosis.of(message, env).orElse(null);
        FailureKind kind = diagnosis == null ? FailureKind.classify(message) : FailureKind.of(diagnosis.kind());
        List<Problem.Remedy> remedies = new ArrayList<>();
        if (diagnosis != null && diagnosis.change() != null) {
            Diagnosis.EnvChange change = diagnosis.change();
            remedies.add(new Problem.Remedy(change.label(), () -> applyChange(change)));
        }
        if (m != null) {
            remedies.add(new Problem.Remedy("Retry", () -> retry(m)));
            remedies.add(new Problem.Remedy("Remove this module from the cache", () -> removeFromCache(m)));
        } else if (project != null) {
            Path dir = project;
            remedies.add(new Problem.Remedy("Retry", () -> downloadAll(dir)));
        }
        String title = kind.title() + (m == null ? ": download failed" : ": " + m);
        problems.removeIf(p -> m != null && m.equals(p.module()));
        String hint = diagnosis == null ? kind.explanation() : kind.explanation() + "\n" + diagnosis.fix();
        problems.add(new Problem(Problem.Severity.ERROR, title, message, hint, m, kind, remedies));
    }

    /// Writes a settings fix to the Go env file (as `go env -w` does), in the background.
    private void applyChange(Diagnosis.EnvChange change) {
        background.execute(() -> {
            String done;
            try {
                change.apply();
                done = change.label() + " in " + change.envFile() + " — retry to use it";
            } catch (java.io.IOException e) {
                done = "Could not write " + change.envFile() + ": " + e.getMessage();
            }
            String text = done;
            ui.run(() -> status.set(text));
        });
    }

    /// Removes m's files from the module cache (in the background) so the next download starts afresh.
    public void removeFromCache(ModuleVersion m) {
        status.set("Removing " + m + " from the module cache…");
        background.execute(() -> {
            try {
                long freed = new CacheCleaner(new ModCache(engine.loadEnv().modCache())).removeVersion(m);
                ui.run(() -> {
                    problems.removeIf(p -> m.equals(p.module()));
                    status.set("Removed " + m + " from the module cache (" + DownloadsViewModel.formatBytes(freed)
                            + " freed)");
                });
            } catch (IOException | RuntimeException e) {
                ui.run(() -> status.set("Could not remove " + m + ": " + e.getMessage()));
            }
        });
    }

    /// Whether Pause all is in effect for the run in progress.
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /// What the last command did, for the status bar.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return problemsView;
    }
}

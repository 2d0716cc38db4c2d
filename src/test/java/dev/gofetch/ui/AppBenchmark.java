package dev.gofetch.ui;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.graph.GraphView;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

/// The app under load (a harness to run by hand, not a timed test): opens a generated project whose
/// build list has ~330 modules on a loopback lab mirror, downloads everything through the real window
/// and view models, then reports the heap after a full collection, and pans the graph for a few
/// seconds while JavaFX's pulse logger reports how long each pulse took (animation, layout, drawing
/// and rendering together). Arguments: the number of module paths in the generated universe (330),
/// and `resolve-only` to skip the download (for big graphs).
///
///     mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gofetch.ui.AppBenchmark \
///         -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0
/// (under Xvfb for a real window, or add `-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw`).
public final class AppBenchmark {
    private static final Pattern PULSE = Pattern.compile("(\\d+) \\[?(\\d+)ms:(\\d+)ms\\]");

    public static void main(String[] args) throws Exception {
        List<int[]> pulses = new ArrayList<>();
        boolean[] recording = {false};
        PrintStream err = System.err;
        System.setErr(new PrintStream(new LineSink(line -> {
            // The pulse logger writes `[n interval:duration]` for quick pulses and `PULSE: n [interval:duration]`
            // (then its phases) for slow ones.
            Matcher m = PULSE.matcher(line);
            boolean any = false;
            while (m.find()) {
                any = true;
                if (recording[0]) {
                    synchronized (pulses) {
                        pulses.add(new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
                    }
                }
            }
            if (!any && !line.startsWith("T") && !line.startsWith("\t") && !line.startsWith("Counters")
                    && !line.isBlank()) {
                err.println(line);
            }
        }), true, StandardCharsets.UTF_8));

        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 330;
        boolean download = args.length < 2 || !args[1].equals("resolve-only");
        Path work = Files.createTempDirectory("gofetch-bench-app");
        UniverseSpec spec = UniverseSpec.builder().seed(300).plain().modulePaths(paths).versionsPerPath(2).mainModules(1)
                .requirementsPerModule(4).zipSizes(UniverseSpec.ZipSizes.realistic()).build();
        Universe u = UniverseGenerator.generate(spec, work.resolve("u"));
        Path main = Files.createDirectories(work.resolve("big/app"));
        StringBuilder goMod = new StringBuilder("module example.com/bigapp\n\ngo 1.21\n\nrequire (\n");
        u.published().forEach((path, versions) -> goMod.append('\t').append(path).append(' ')
                .append(versions.get(versions.size() - 1)).append('\n'));
        goMod.append(")\n");
        Files.writeString(main.resolve("go.mod"), goMod.toString());

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        ExecutorService background = Executors.newCachedThreadPool();
        try (LabServer lab = LabServer.builder(u.proxy().root()).maxConnections(512).start()) {
            Engine engine = Engine.of(GoTool.pinnedEnv(work.resolve("scratch"), lab.baseUri().toString()));
            MainViewModel vm = onFx(() -> new MainViewModel(engine, UiBridge.fx(), background,
                    new AppSettings(new MemoryPreferences()), GraphView.labelMetrics()));
            MainWindow window = onFx(() -> {
                MainWindow w = new MainWindow(vm);
                Stage stage = new Stage();
                stage.setWidth(1280);
                stage.setHeight(800);
                w.show(stage);
                return w;
            });
            long baseline = heapAfterGc();

            long t0 = System.nanoTime();
            Platform.runLater(() -> vm.open(main));
            waitFor(() -> onFx(() -> vm.projectProperty().get() != null && !vm.graph().runningProperty().get()
                    && !vm.graph().getSnapshot().nodes().isEmpty()));
            double resolved = (System.nanoTime() - t0) / 1e9;
            if (download) {
                Platform.runLater(vm::download);
                waitFor(() -> onFx(() -> vm.downloader().runningProperty().get()));
                waitFor(() -> onFx(() -> !vm.downloader().runningProperty().get()));
            }
            double downloaded = (System.nanoTime() - t0) / 1e9;
            int nodes = onFx(() -> vm.graph().getSnapshot().nodes().size());
            int rows = onFx(() -> vm.downloads().rows().size());
            long after = heapAfterGc();
            err.printf("project: %d graph nodes, %d files downloaded; resolved in %.1f s, all downloaded in %.1f s%n",
                    nodes, rows, resolved, downloaded);
            err.printf("heap after full GC: %d MiB with the window open and no project, %d MiB after the download"
                    + " (%d MiB for the project)%n", baseline >> 20, after >> 20, (after - baseline) >> 20);

            onFx(() -> {
                vm.panelProperty().set(MainViewModel.Panel.GRAPH);
                return null;
            });
            Thread.sleep(500);
            Node canvas = onFx(() -> ((javafx.scene.Parent) window.root().lookup("#graphCanvas")).getChildrenUnmodifiable().get(0));
            pan(canvas, recording, pulses, err, nodes, "at the scale the graph opens with (labels readable)");
            onFx(() -> {
                window.graphView().fit();
                return null;
            });
            Thread.sleep(500);
            pan(canvas, recording, pulses, err, nodes, "with the whole graph in view (fit)");
            Platform.runLater(vm::shutdown);
        } catch (Exception | Error e) {
            e.printStackTrace(err);
            System.exit(1);
        } finally {
            background.shutdownNow();
            Platform.exit();
        }
        System.exit(0);
    }

    private static void pan(Node canvas, boolean[] recording, List<int[]> pulses, PrintStream err, int nodes, String how)
            throws Exception {
        synchronized (pulses) {
            pulses.clear();
        }
        Platform.runLater(() -> fire(canvas, MouseEvent.MOUSE_PRESSED, 600, 400));
        recording[0] = true;
        long panStart = System.nanoTime();
        int steps = 0;
        while (System.nanoTime() - panStart < 5_000_000_000L) {
            double dx = 600 + 300 * Math.sin(steps / 20.0);
            double dy = 400 + 200 * Math.cos(steps / 27.0);
            onFx(() -> {
                fire(canvas, MouseEvent.MOUSE_DRAGGED, dx, dy);
                return null;
            });
            Thread.sleep(8);
            steps++;
        }
        recording[0] = false;
        onFx(() -> {
            fire(canvas, MouseEvent.MOUSE_RELEASED, 600, 400);
            return null;
        });
        List<Integer> intervals = new ArrayList<>();
        List<Integer> durations = new ArrayList<>();
        synchronized (pulses) {
            pulses.forEach(p -> {
                intervals.add(p[0]);
                durations.add(p[1]);
            });
        }
        if (intervals.isEmpty()) {
            err.println("no pulse timings: run with -Djavafx.pulseLogger=true");
        } else {
            err.printf("panning %d nodes %s for 5 s: %d pulses (%.0f per second); time between pulses %s; pulse duration %s%n",
                    nodes, how, intervals.size(), intervals.size() / 5.0, spread(intervals), spread(durations));
        }
    }

    private static String spread(List<Integer> ms) {
        List<Integer> s = new ArrayList<>(ms);
        s.sort(null);
        return String.format("median %d ms, 90th percentile %d ms, max %d ms", s.get(s.size() / 2),
                s.get(s.size() * 9 / 10), s.get(s.size() - 1));
    }

    private static void fire(Node target, javafx.event.EventType<MouseEvent> type, double x, double y) {
        Event.fireEvent(target, new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false,
                true, false, false, true, false, false, null));
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }

    /// Hands complete lines to a consumer.
    private static final class LineSink extends OutputStream {
        private final java.util.function.Consumer<String> lines;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineSink(java.util.function.Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private AppBenchmark() {}
}

package dev.gofetch.ui.graph;

import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.resolve.MainModule;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import dev.gofetch.ui.base.Coalescer;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.Problem;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The module graph of the open project, live while the resolver loads go.mod files.
///
/// Resolution runs on the background executor through the {@link Engine}; resolver events are
/// coalesced per module version and applied on the UI thread, and layouts are computed in the
/// background (one at a time, always for the latest graph). The view binds to the read-only
/// properties and calls the commands; it never sees the engine.
public final class GraphViewModel {
    /// A request to bring a box into view; seq changes on every request so the same key can repeat.
    public record Focus(String key, long seq) {}

    /// A module path prefix that can be collapsed into one box, and how many boxes it would fold.
    public record PrefixSuggestion(String prefix, int modules) {}

    private sealed interface Event permits Started, Loaded, Failed {
        long generation();
    }

    private record Started(long generation) implements Event {}

    private record Loaded(long generation, List<ModuleVersion> requires, String goVersion) implements Event {}

    private record Failed(long generation, String message) implements Event {}

    private final Engine engine;
    private final UiBridge ui;
    private final Executor background;
    private final TextMetrics metrics;
    private final Coalescer<ModuleVersion, Event> events;
    private final Coalescer<ModuleVersion, NodeState> downloadStates;
    private final GraphModel model = new GraphModel();

    // Properties
    private final ReadOnlyObjectWrapper<GraphSnapshot> snapshot = new ReadOnlyObjectWrapper<>(GraphSnapshot.EMPTY);
    private final ReadOnlyStringWrapper selectedKey = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<NodeDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Focus> focus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Path> project = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Set<String>> matches = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyStringWrapper searchStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Set<String>> collapsed = new ReadOnlyObjectWrapper<>(Set.of());
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final BooleanProperty hideSuperseded = new SimpleBooleanProperty(this, "hideSuperseded", false);
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);

    // UI-thread state
    private long generation;
    private FutureTask<Void> task;
    private Path projectDir;
    private DisplayGraph display;
    private long displayToken = -1;
    private long filterVersion;
    private long laidOutToken = -2;
    private Map<String, double[]> positions = Map.of();
    private double layoutWidth;
    private double layoutHeight;
    private boolean layoutRunning;
    private boolean rebuildPending;
    private List<String> matchOrder = List.of();
    private int matchIndex = -1;
    private ModuleVersion selectedModule;
    private long focusSeq;
    private String failure;

    /// @param background runs resolutions and layouts (tests pass `Runnable::run`)
    /// @param metrics    label widths in the font the view draws with
    public GraphViewModel(Engine engine, UiBridge ui, Executor background, TextMetrics metrics) {
        this.engine = Objects.requireNonNull(engine);
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        this.metrics = Objects.requireNonNull(metrics);
        this.events = ui.coalescer(GraphViewModel::merge, this::apply);
        this.downloadStates = ui.coalescer((older, newer) -> newer, this::applyDownloadStates);
        searchText.addListener((obs, was, now) -> updateSearch(true));
        hideSuperseded.addListener((obs, was, now) -> filtersChanged());
    }

    /// Later events win, except that a "started" never hides a result already reported (the
    /// resolver may load the graph more than once).
    private static Event merge(Event older, Event newer) {
        if (older.generation() == newer.generation() && newer instanceof Started && !(older instanceof Started)) {
            return older;
        }
        return newer;
    }

    // ---- commands ----

    /// Resolves the module graph of the main module in moduleDir (which holds its go.mod), replacing
    /// any resolution in progress.
    public void resolve(Path moduleDir) {
        Objects.requireNonNull(moduleDir);
        stop();
        long gen = ++generation;
        projectDir = moduleDir;
        project.set(moduleDir);
        events.clear();
        problems.clear();
        failure = null;
        selectedModule = null;
        selectedKey.set(null);
        details.set(null);
        running.set(true);
        progress.set(-1);
        status.set("Reading " + moduleDir.resolve("go.mod") + "…");
        FutureTask<Void> t = new FutureTask<>(() -> {
            runResolution(gen, moduleDir);
            return null;
        });
        task = t;
        background.execute(t);
    }

    /// Resolves the same project again.
    public void reload() {
        if (projectDir != null) {
            resolve(projectDir);
        }
    }

    /// Stops a resolution in progress; what was loaded so far stays visible.
    public void cancel() {
        if (running.get()) {
            stop();
            ++generation;
            events.clear();
            running.set(false);
            progress.set(0);
            status.set("Resolution cancelled");
        }
    }

    private void stop() {
        if (task != null) {
            task.cancel(true);
            task = null;
        }
    }

    /// Selects the box with this key (a click on the canvas), or clears the selection for null.
    public void select(String key) {
        DisplayGraph.Box box = key == null || display == null ? null : box(key);
        if (box == null) {
            selectedModule = null;
            selectedKey.set(null);
        } else {
            selectedModule = box.module;
            selectedKey.set(key);
        }
        updateDetails();
    }

    /// Selects a module version (a link in the details or the problems list) and brings it into view.
    /// With superseded versions hidden or its path collapsed, the box that stands for it is selected
    /// but the details stay about m.
    public void selectModule(ModuleVersion m) {
        if (display == null || model.get(m) == null) {
            return;
        }
        selectedModule = m;
        String key = DisplayGraph.displayKey(model, m, hideSuperseded.get(), collapsed.get());
        selectedKey.set(key);
        updateDetails();
        requestFocus(key);
    }

    public void clearSelection() {
        select(null);
    }

    /// Moves to the next search match, selecting it and bringing it into view.
    public void nextMatch() {
        moveMatch(1);
    }

    public void previousMatch() {
        moveMatch(-1);
    }

    private void moveMatch(int step) {
        if (matchOrder.isEmpty()) {
            return;
        }
        matchIndex = Math.floorMod(matchIndex + step, matchOrder.size());
        String key = matchOrder.get(matchIndex);
        select(key);
        requestFocus(key);
        updateSearchStatus();
    }

    /// Folds every module path starting with prefix (such as `golang.org/x/`) into one box.
    public void collapse(String prefix) {
        Set<String> s = new LinkedHashSet<>(collapsed.get());
        if (s.add(prefix)) {
            collapsed.set(Collections.unmodifiableSet(s));
            filtersChanged();
        }
    }

    public void expand(String prefix) {
        Set<String> s = new LinkedHashSet<>(collapsed.get());
        if (s.remove(prefix)) {
            collapsed.set(Collections.unmodifiableSet(s));
            filtersChanged();
        }
    }

    public void expandAll() {
        if (!collapsed.get().isEmpty()) {
            collapsed.set(Set.of());
            filtersChanged();
        }
    }

    /// The prefixes a box's path can be collapsed by, shortest first (`golang.org/`, `golang.org/x/`).
    public List<String> prefixesOf(String key) {
        DisplayGraph.Box b = display == null ? null : box(key);
        if (b == null || b.kind != DisplayNode.Kind.MODULE) {
            return List.of();
        }
        return pathPrefixes(b.module.path());
    }

    static List<String> pathPrefixes(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/'); i >= 0 && out.size() < 3; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(0, i + 1));
        }
        return out;
    }

    /// Prefixes worth collapsing: those shared by at least three module paths, most modules first.
    public List<PrefixSuggestion> collapseSuggestions() {
        Map<String, Set<String>> paths = new TreeMap<>();
        for (GraphModel.Node n : model.nodes()) {
            if (n.module.isMain()) {
                continue;
            }
            for (String p : pathPrefixes(n.module.path())) {
                paths.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(n.module.path());
            }
        }
        List<PrefixSuggestion> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : paths.entrySet()) {
            if (e.getValue().size() >= 3 && !collapsed.get().contains(e.getKey())) {
                out.add(new PrefixSuggestion(e.getKey(), e.getValue().size()));
            }
        }
        out.sort(Comparator.comparingInt(PrefixSuggestion::modules).reversed().thenComparing(PrefixSuggestion::prefix));
        return out.size() > 12 ? out.subList(0, 12) : out;
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<GraphSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public GraphSnapshot getSnapshot() {
        return snapshot.get();
    }

    public ReadOnlyStringProperty selectedKeyProperty() {
        return selectedKey.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NodeDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public NodeDetails getDetails() {
        return details.get();
    }

    public ReadOnlyObjectProperty<Focus> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /// The main module's directory of the latest resolution.
    public ReadOnlyObjectProperty<Path> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /// What resolution is doing, in one line.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /// Counts for the graph toolbar ("312 modules · 28 superseded · …").
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /// 0..1, or -1 while the amount of work is unknown.
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /// Keys of the boxes matching the search text.
    public ReadOnlyObjectProperty<Set<String>> matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty searchStatusProperty() {
        return searchStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<String>> collapsedProperty() {
        return collapsed.getReadOnlyProperty();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public BooleanProperty hideSupersededProperty() {
        return hideSuperseded;
    }

    /// Failures and warnings of the latest resolution.
    public ObservableList<Problem> problems() {
        return problemsView;
    }

    // ---- download states (from any thread) ----

    /// Shows m as downloading, verified (in the module cache, hash checked), failed or cancelled.
    public void downloadState(ModuleVersion m, NodeState state) {
        if (state != NodeState.DOWNLOADING && state != NodeState.VERIFIED && state != NodeState.FAILED
                && state != NodeState.CANCELLED) {
            throw new IllegalArgumentException("not a download state: " + state);
        }
        downloadStates.post(m, state);
    }

    /// A download run was stopped: boxes still shown as downloading go back to their resolution state.
    public void downloadsStopped() {
        ui.run(() -> {
            downloadStates.drain();
            model.downloadsStopped();
            refresh();
        });
    }

    private void applyDownloadStates(Map<ModuleVersion, NodeState> batch) {
        batch.forEach(model::downloadState);
        refresh();
    }

    /// The state the graph shows for m now (UI thread).
    public NodeState stateOf(ModuleVersion m) {
        return model.state(m);
    }

    // ---- background ----

    private void runResolution(long gen, Path dir) {
        try {
            GoEnv env = engine.loadEnv();
            MainModule main = MainModule.load(dir);
            onUi(gen, () -> begin(main));
            try (Session session = engine.openSession(env)) {
                Resolver.Result result = session.resolve(dir, Resolver.Command.LIST,
                        w -> onUi(gen, () -> warn(w)), listener(gen));
                onUi(gen, () -> finish(result));
            }
        } catch (ResolveException | ProxyConfigException e) {
            onUi(gen, () -> fail(e.getMessage()));
        } catch (RuntimeException e) {
            // GoEnvException (settings the go command refuses) and anything unexpected: shown, not lost.
            onUi(gen, () -> fail(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private ResolveListener listener(long gen) {
        return new ResolveListener() {
            @Override
            public void loadStarted(ModuleVersion m) {
                events.post(m, new Started(gen));
            }

            @Override
            public void loaded(ModuleVersion m, List<ModuleVersion> requires, String goVersion, boolean pruned) {
                events.post(m, new Loaded(gen, requires, goVersion));
            }

            @Override
            public void loadFailed(ModuleVersion m, String message) {
                events.post(m, new Failed(gen, message));
            }

            @Override
            public void rootsUpdated(List<ModuleVersion> roots) {
                onUi(gen, () -> {
                    events.drain();
                    model.rootsUpdated(roots);
                    refresh();
                });
            }
        };
    }

    private void onUi(long gen, Runnable r) {
        ui.run(() -> {
            if (gen == generation) {
                r.run();
            }
        });
    }

    // ---- UI thread ----

    private void begin(MainModule main) {
        model.begin(main);
        status.set("Resolving " + main.path() + "…");
        refresh();
    }

    private void apply(Map<ModuleVersion, Event> batch) {
        boolean any = false;
        for (Map.Entry<ModuleVersion, Event> e : batch.entrySet()) {
            Event ev = e.getValue();
            if (ev.generation() != generation || !model.begun()) {
                continue;
            }
            any = true;
            if (ev instanceof Started) {
                model.started(e.getKey());
            } else if (ev instanceof Loaded l) {
                model.loaded(e.getKey(), l.requires(), l.goVersion());
            } else if (ev instanceof Failed f) {
                model.failed(e.getKey(), f.message());
            }
        }
        if (any) {
            refresh();
        }
    }

    private void warn(String warning) {
        problems.add(new Problem(Problem.Severity.WARNING, warning.replaceFirst("^go: ", ""), "", "", null));
    }

    private void finish(Resolver.Result result) {
        events.drain();
        model.complete(result.graph());
        running.set(false);
        progress.set(1);
        task = null;
        if (result.rootsChanged()) {
            problems.add(new Problem(Problem.Severity.WARNING, "go.mod is not tidy",
                    "The requirements in go.mod are not consistent with the module graph; the go command "
                            + "would update them (GOFLAGS=-mod=mod).", "Run 'go mod tidy' in the project.", null));
        }
        refresh();
    }

    private void fail(String message) {
        events.drain();
        running.set(false);
        progress.set(0);
        task = null;
        failure = message;
        for (GraphModel.Node n : model.nodes()) {
            if (n.error != null) {
                problems.add(moduleProblem(n.module, n.error));
            }
        }
        problems.add(0, new Problem(Problem.Severity.ERROR, "Resolution failed", message, hintFor(message), null));
        refresh();
    }

    private static Problem moduleProblem(ModuleVersion m, String message) {
        return new Problem(Problem.Severity.ERROR, m + ": go.mod could not be loaded", message, hintFor(message), m);
    }

    /// What to try next, judged from the go command's message.
    static String hintFor(String message) {
        String s = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (s.contains("go.mod file not found")) {
            return "Open a folder that contains a go.mod file.";
        }
        if (s.contains("410 gone")) {
            return "The mirror refuses this path; it may be private. Add it to GOPRIVATE so it is fetched "
                    + "directly and not sent to the public checksum database.";
        }
        if (s.contains("404") || s.contains("not found") || s.contains("unknown revision")
                || s.contains("no such file")) {
            return "The mirror does not have this version. Check the version in go.mod; if the path is "
                    + "private, add it to GOPRIVATE.";
        }
        if (s.contains("timeout") || s.contains("timed out") || s.contains("connection refused")
                || s.contains("no such host") || s.contains("tls") || s.contains("certificate")) {
            return "The mirror could not be reached. Try another mirror in GOPROXY, or separate mirrors "
                    + "with | so any error falls through to the next.";
        }
        if (s.contains("checksum") || s.contains("verifying")) {
            return "What was downloaded does not match go.sum. Fetch it from another mirror to find out "
                    + "which source is wrong; do not turn verification off.";
        }
        if (s.contains("updates to go.mod needed")) {
            return "Run 'go mod tidy', or set GOFLAGS=-mod=mod to let gofetch use the updated requirements.";
        }
        return "";
    }

    private void filtersChanged() {
        filterVersion++;
        refresh();
        if (selectedModule != null && model.get(selectedModule) != null) {
            selectedKey.set(DisplayGraph.displayKey(model, selectedModule, hideSuperseded.get(), collapsed.get()));
        } else if (selectedKey.get() != null && display.index.get(selectedKey.get()) == null) {
            selectedKey.set(null);
        }
        updateDetails();
    }

    /// Brings the drawing up to date after a change. While a layout runs, only the counts are
    /// updated and the rest waits for the layout to finish, so a fast stream of go.mod files costs one
    /// rebuild per layout rather than one per batch.
    private void refresh() {
        if (layoutRunning) {
            rebuildPending = true;
            updateCounts();
            return;
        }
        rebuild();
    }

    private void rebuild() {
        rebuildPending = false;
        display = DisplayGraph.build(model, hideSuperseded.get(), collapsed.get(), metrics);
        displayToken = model.structureVersion() * 1_000_003L + filterVersion;
        if (displayToken != laidOutToken) {
            requestLayout();
        }
        publish();
        updateCounts();
        updateSearch(false);
        updateDetails();
    }

    private void requestLayout() {
        if (layoutRunning) {
            return; // layoutDone asks again for the latest graph
        }
        layoutRunning = true;
        DisplayGraph dg = display;
        long token = displayToken;
        long gen = generation;
        background.execute(() -> {
            LayeredLayout.Result r = LayeredLayout.layout(dg.succ, dg.widths, dg.pinned);
            ui.run(() -> layoutDone(gen, dg, token, r));
        });
    }

    private void layoutDone(long gen, DisplayGraph dg, long token, LayeredLayout.Result r) {
        layoutRunning = false;
        if (gen == generation) {
            Map<String, double[]> pos = new HashMap<>();
            for (int i = 0; i < dg.boxes.size(); i++) {
                pos.put(dg.boxes.get(i).key, new double[] {r.x()[i], r.y()[i], dg.widths[i]});
            }
            positions = pos;
            layoutWidth = r.width();
            layoutHeight = r.height();
            laidOutToken = token;
        }
        if (rebuildPending) {
            rebuild();
        } else if (gen == generation) {
            publish();
            if (laidOutToken != displayToken) {
                requestLayout();
            }
        }
    }

    private void publish() {
        DisplayGraph dg = display;
        List<DisplayNode> nodes = new ArrayList<>(dg.boxes.size());
        int[] newIndex = new int[dg.boxes.size()];
        for (int i = 0; i < dg.boxes.size(); i++) {
            DisplayGraph.Box b = dg.boxes.get(i);
            double[] p = positions.get(b.key);
            if (p == null) {
                newIndex[i] = -1;
                continue;
            }
            newIndex[i] = nodes.size();
            // The width as it is now: a group's count may have changed since the layout.
            double w = dg.widths[i];
            nodes.add(new DisplayNode(b.key, b.kind, b.module, b.label, b.version, b.state, b.superseded,
                    b.replaced, b.members, p[0], p[1], w, LayeredLayout.NODE_HEIGHT));
        }
        List<int[]> edges = new ArrayList<>();
        for (int u = 0; u < dg.succ.length; u++) {
            if (newIndex[u] < 0) {
                continue;
            }
            for (int v : dg.succ[u]) {
                if (newIndex[v] >= 0) {
                    edges.add(new int[] {newIndex[u], newIndex[v]});
                }
            }
        }
        int[] from = new int[edges.size()];
        int[] to = new int[edges.size()];
        for (int i = 0; i < edges.size(); i++) {
            from[i] = edges.get(i)[0];
            to[i] = edges.get(i)[1];
        }
        snapshot.set(new GraphSnapshot(nodes, from, to, layoutWidth, layoutHeight));
    }

    private void updateCounts() {
        int modules = 0;
        int superseded = 0;
        int failed = 0;
        int pruned = 0;
        int resolved = 0;
        int inFlight = 0;
        int queued = 0;
        for (GraphModel.Node n : model.nodes()) {
            if (n.module.isMain()) {
                continue;
            }
            NodeState s = model.state(n.module);
            if (model.isSuperseded(n.module)) {
                superseded++;
            } else {
                modules++;
            }
            switch (s) {
                case FAILED -> failed++;
                case PRUNED -> pruned++;
                case RESOLVING -> inFlight++;
                case QUEUED -> queued++;
                default -> resolved++;
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(modules).append(modules == 1 ? " module" : " modules");
        if (superseded > 0) {
            b.append(" · ").append(superseded).append(" superseded");
        }
        if (pruned > 0) {
            b.append(" · ").append(pruned).append(" pruned");
        }
        if (failed > 0) {
            b.append(" · ").append(failed).append(" failed");
        }
        summary.set(model.begun() ? b.toString() : "");
        if (running.get() && model.begun()) {
            status.set("Resolving " + model.main().path() + ": " + resolved + " go.mod files read, "
                    + inFlight + " in flight" + (queued > 0 ? ", " + queued + " waiting" : "")
                    + (failed > 0 ? ", " + failed + " failed" : ""));
        } else if (failure != null) {
            status.set("Resolution failed: " + failure.lines().findFirst().orElse(failure));
        } else if (model.isComplete()) {
            status.set("Resolved " + model.main().path() + ": " + modules + (modules == 1 ? " dependency" : " dependencies") + " in the build list");
        }
    }

    private void updateSearch(boolean textChanged) {
        String q = searchText.get() == null ? "" : searchText.get();
        if (display == null || q.isBlank()) {
            matchOrder = List.of();
            matchIndex = -1;
            matches.set(Set.of());
            searchStatus.set("");
            return;
        }
        List<String> keys = display.search(q);
        GraphSnapshot s = snapshot.get();
        keys.sort(Comparator.comparingDouble((String k) -> s.node(k) == null ? Double.MAX_VALUE : s.node(k).x())
                .thenComparingDouble(k -> s.node(k) == null ? 0 : s.node(k).y()));
        String current = matchIndex >= 0 && matchIndex < matchOrder.size() ? matchOrder.get(matchIndex) : null;
        matchOrder = List.copyOf(keys);
        matches.set(Set.copyOf(keys));
        if (textChanged) {
            matchIndex = -1;
            if (!keys.isEmpty()) {
                moveMatch(1);
                return;
            }
        } else {
            matchIndex = current == null ? -1 : keys.indexOf(current);
        }
        updateSearchStatus();
    }

    private void updateSearchStatus() {
        if (matchOrder.isEmpty()) {
            searchStatus.set("No match");
        } else if (matchIndex < 0) {
            searchStatus.set(matchOrder.size() + (matchOrder.size() == 1 ? " match" : " matches"));
        } else {
            searchStatus.set((matchIndex + 1) + " of " + matchOrder.size());
        }
    }

    private void requestFocus(String key) {
        focus.set(new Focus(key, ++focusSeq));
    }

    private DisplayGraph.Box box(String key) {
        Integer i = display.index.get(key);
        return i == null ? null : display.boxes.get(i);
    }

    private void updateDetails() {
        String key = selectedKey.get();
        DisplayGraph.Box b = key == null || display == null ? null : box(key);
        if (b == null) {
            details.set(null);
            return;
        }
        if (b.kind == DisplayNode.Kind.GROUP) {
            List<NodeDetails.Link> members = new ArrayList<>();
            List<ModuleVersion> sorted = new ArrayList<>(b.memberModules);
            sorted.sort(ModuleVersion.ORDER);
            for (ModuleVersion m : sorted) {
                members.add(NodeDetails.Link.of(m));
            }
            details.set(new NodeDetails(key, b.label, b.members + " module versions", b.state, b.superseded, "",
                    List.of(), List.of(), null, "", null, null, List.of(), members, ""));
            return;
        }
        ModuleVersion m = selectedModule != null && model.get(selectedModule) != null ? selectedModule : b.module;
        GraphModel.Node n = model.get(m);
        if (n == null) {
            details.set(null);
            return;
        }
        List<NodeDetails.Link> why = new ArrayList<>();
        for (ModuleVersion step : model.whyPath(m)) {
            why.add(NodeDetails.Link.of(step));
        }
        List<NodeDetails.VersionSeen> versions = new ArrayList<>();
        if (!m.isMain()) {
            for (ModuleVersion v : model.versionsOf(m.path())) {
                List<NodeDetails.Link> by = new ArrayList<>();
                List<ModuleVersion> from = new ArrayList<>(model.requirers(v));
                from.sort(ModuleVersion.ORDER);
                for (ModuleVersion r : from) {
                    by.add(NodeDetails.Link.of(r));
                }
                versions.add(new NodeDetails.VersionSeen(v, !model.isSuperseded(v), model.state(v), by));
            }
        }
        List<NodeDetails.Requirement> reqs = null;
        String note;
        NodeState state = model.state(m);
        if (n.requires != null) {
            reqs = new ArrayList<>();
            for (ModuleVersion r : n.requires) {
                reqs.add(new NodeDetails.Requirement(NodeDetails.Link.of(r), model.state(r), model.isSuperseded(r)));
            }
            note = n.requires.isEmpty() ? "Its go.mod requires no modules." : "";
        } else {
            note = switch (state) {
                case PRUNED -> "Its go.mod was not read: with graph pruning (go 1.17 and later) the requirements "
                        + "of a dependency's dependencies are left out unless they matter.";
                case FAILED -> "Its go.mod could not be loaded.";
                default -> "Its go.mod has not been read yet.";
            };
        }
        boolean superseded = !m.isMain() && model.isSuperseded(m);
        details.set(new NodeDetails(key, m.path(), m.version(), state, superseded, model.selected(m.path()), why,
                versions, reqs, note, n.replacement, n.error, model.excludedVersions(m.path()), List.of(),
                n.goVersion));
    }
}

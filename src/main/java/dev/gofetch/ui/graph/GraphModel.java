package dev.gofetch.ui.graph;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.GoVersion;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.resolve.MainModule;
import dev.gofetch.resolve.ModuleGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// What is known about one resolution's module graph: built up from the resolver's events while it
/// runs, then replaced by the final {@link ModuleGraph}. Confined to the UI thread (not thread-safe).
///
/// The `go` and `toolchain` pseudo-modules are left out: they are requirements on the Go version,
/// not modules anyone downloads.
final class GraphModel {
    static final class Node {
        final ModuleVersion module;
        boolean started;
        /// null until the go.mod was read
        List<ModuleVersion> requires;
        String goVersion = "";
        String error;
        ModuleVersion replacement;

        Node(ModuleVersion module) {
            this.module = module;
        }
    }

    private final Map<ModuleVersion, Node> nodes = new LinkedHashMap<>();
    private final Map<ModuleVersion, Set<ModuleVersion>> requirers = new HashMap<>();
    private final Map<String, String> selected = new HashMap<>();
    /// DOWNLOADING, VERIFIED, FAILED or CANCELLED from the download engine, over what resolution says.
    private final Map<ModuleVersion, NodeState> downloadStates = new HashMap<>();
    private MainModule mainModule;
    private boolean complete;
    private long structureVersion;
    private long stateVersion;

    static boolean isToolchain(ModuleVersion m) {
        return m.path().equals("go") || m.path().equals("toolchain");
    }

    /// Starts over with a main module whose go.mod was just read: its requirements are the roots.
    void begin(MainModule main) {
        nodes.clear();
        requirers.clear();
        selected.clear();
        downloadStates.clear();
        complete = false;
        mainModule = main;
        Node root = node(main.version());
        root.started = true;
        List<ModuleVersion> roots = new ArrayList<>();
        for (GoMod.Require r : main.goMod().requires()) {
            if (!main.isExcluded(r.mod())) {
                roots.add(r.mod());
            }
        }
        root.goVersion = main.goMod().goVersion();
        setRequires(root, roots);
        changed(true);
    }

    boolean begun() {
        return mainModule != null;
    }

    void started(ModuleVersion m) {
        if (isToolchain(m) || complete) {
            return;
        }
        Node n = nodes.get(m);
        boolean added = n == null;
        n = node(m);
        n.started = true;
        changed(added);
    }

    void loaded(ModuleVersion m, List<ModuleVersion> requires, String goVersion) {
        if (isToolchain(m) || complete) {
            return;
        }
        Node n = node(m);
        n.started = true;
        n.goVersion = goVersion;
        n.error = null;
        if (n.requires == null || !n.requires.equals(withoutToolchain(requires))) {
            setRequires(n, requires);
            changed(true);
        } else {
            changed(false);
        }
    }

    void failed(ModuleVersion m, String message) {
        if (isToolchain(m) || complete) {
            return;
        }
        Node n = nodes.get(m);
        boolean added = n == null;
        n = node(m);
        n.started = true;
        n.error = message;
        changed(added);
    }

    /// What the download engine says about m (null forgets it).
    void downloadState(ModuleVersion m, NodeState state) {
        if (state == null) {
            downloadStates.remove(m);
        } else {
            downloadStates.put(m, state);
        }
        changed(false);
    }

    /// Forgets every DOWNLOADING state (the run was stopped).
    void downloadsStopped() {
        downloadStates.values().removeIf(s -> s == NodeState.DOWNLOADING);
        changed(false);
    }

    void rootsUpdated(List<ModuleVersion> roots) {
        if (mainModule == null || complete) {
            return;
        }
        setRequires(node(mainModule.version()), roots);
        changed(true);
    }

    /// Replaces what the events built with the final graph: versions that only an intermediate load
    /// reached disappear, and selection is MVS's.
    void complete(ModuleGraph graph) {
        Map<ModuleVersion, Node> old = new HashMap<>(nodes);
        nodes.clear();
        requirers.clear();
        selected.clear();
        for (ModuleVersion m : graph.reachedNodes()) {
            if (isToolchain(m)) {
                continue;
            }
            Node n = node(m);
            Node before = old.get(m);
            n.started = before != null && before.started;
            if (before != null) {
                n.goVersion = before.goVersion;
            }
            List<ModuleVersion> reqs = graph.requiredBy(m);
            if (reqs != null) {
                setRequires(n, reqs);
            }
        }
        for (Node n : nodes.values()) {
            selected.put(n.module.path(), graph.selected(n.module.path()));
        }
        complete = true;
        changed(true);
    }

    boolean isComplete() {
        return complete;
    }

    private Node node(ModuleVersion m) {
        Node n = nodes.get(m);
        if (n == null) {
            n = new Node(m);
            if (mainModule != null && !m.isMain()) {
                n.replacement = mainModule.replacement(m);
            }
            nodes.put(m, n);
            String cur = selected.get(m.path());
            if (cur == null || compare(m.path(), cur, m.version()) < 0) {
                selected.put(m.path(), m.version());
            }
        }
        return n;
    }

    /// MVS order: the main module (empty version) above every version.
    private static int compare(String path, String v1, String v2) {
        if (v2.isEmpty()) {
            return v1.isEmpty() ? 0 : -1;
        }
        if (v1.isEmpty()) {
            return 1;
        }
        return GoVersion.modCompare(path, v1, v2);
    }

    private void setRequires(Node n, List<ModuleVersion> requires) {
        if (n.requires != null) {
            for (ModuleVersion r : n.requires) {
                Set<ModuleVersion> from = requirers.get(r);
                if (from != null) {
                    from.remove(n.module);
                }
            }
        }
        n.requires = withoutToolchain(requires);
        for (ModuleVersion r : n.requires) {
            node(r);
            requirers.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(n.module);
        }
    }

    private static List<ModuleVersion> withoutToolchain(List<ModuleVersion> requires) {
        List<ModuleVersion> out = new ArrayList<>(requires.size());
        for (ModuleVersion r : requires) {
            if (!isToolchain(r) && !r.version().equals("none")) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    private void changed(boolean structure) {
        stateVersion++;
        if (structure) {
            structureVersion++;
        }
    }

    // ---- queries ----

    /// Bumped whenever nodes or edges change (the drawing needs a new layout).
    long structureVersion() {
        return structureVersion;
    }

    /// Bumped on every change (the drawing needs new colours).
    long stateVersion() {
        return stateVersion;
    }

    MainModule mainModule() {
        return mainModule;
    }

    ModuleVersion main() {
        return mainModule == null ? null : mainModule.version();
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    Node get(ModuleVersion m) {
        return nodes.get(m);
    }

    int size() {
        return nodes.size();
    }

    NodeState state(ModuleVersion m) {
        Node n = nodes.get(m);
        if (n == null) {
            return NodeState.QUEUED;
        }
        if (n.error != null) {
            return NodeState.FAILED;
        }
        NodeState downloaded = downloadStates.get(m);
        if (downloaded != null) {
            return downloaded;
        }
        if (n.requires != null) {
            return NodeState.RESOLVED;
        }
        if (complete) {
            return NodeState.PRUNED;
        }
        return n.started ? NodeState.RESOLVING : NodeState.QUEUED;
    }

    /// The selected version of m's path: the highest reached so far, MVS's choice once complete.
    String selected(String path) {
        return selected.getOrDefault(path, "");
    }

    boolean isSuperseded(ModuleVersion m) {
        return !m.version().equals(selected(m.path()));
    }

    Set<ModuleVersion> requirers(ModuleVersion m) {
        return requirers.getOrDefault(m, Set.of());
    }

    /// Every version of path in the graph, highest first.
    List<ModuleVersion> versionsOf(String path) {
        List<ModuleVersion> out = new ArrayList<>();
        for (ModuleVersion m : nodes.keySet()) {
            if (m.path().equals(path)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(ModuleVersion::version, (a, b) -> compare(path, b, a)));
        return out;
    }

    /// Why m is in the graph: the shortest chain of requirements from the main module to m
    /// (breadth-first, following requirement order), main module first; empty when unreachable.
    List<ModuleVersion> whyPath(ModuleVersion m) {
        ModuleVersion start = main();
        if (start == null || !nodes.containsKey(m)) {
            return List.of();
        }
        Map<ModuleVersion, ModuleVersion> parent = new HashMap<>();
        ArrayDeque<ModuleVersion> queue = new ArrayDeque<>();
        parent.put(start, start);
        queue.add(start);
        while (!queue.isEmpty()) {
            ModuleVersion u = queue.poll();
            if (u.equals(m)) {
                List<ModuleVersion> path = new ArrayList<>();
                for (ModuleVersion at = m; ; at = parent.get(at)) {
                    path.add(0, at);
                    if (at.equals(start)) {
                        return path;
                    }
                }
            }
            Node n = nodes.get(u);
            if (n == null || n.requires == null) {
                continue;
            }
            for (ModuleVersion r : n.requires) {
                if (parent.putIfAbsent(r, u) == null) {
                    queue.add(r);
                }
            }
        }
        return List.of();
    }

    /// Versions of path that the main module's go.mod excludes.
    List<String> excludedVersions(String path) {
        List<String> out = new ArrayList<>();
        if (mainModule != null) {
            for (GoMod.Exclude x : mainModule.goMod().excludes()) {
                if (x.mod().path().equals(path)) {
                    out.add(x.mod().version());
                }
            }
        }
        return out;
    }
}

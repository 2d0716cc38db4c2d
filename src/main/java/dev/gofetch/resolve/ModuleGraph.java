package dev.gofetch.resolve;

import dev.gofetch.module.GoVersion;
import dev.gofetch.module.ModuleVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/// A module requirement graph with MVS selection (`cmd/go/internal/mvs.Graph`): every reached version
/// is a node, the selected version of a path is the highest reached one, and the main module (empty
/// version) outranks every version of its own path. Thread-safe for concurrent {@link #require}.
public final class ModuleGraph {
    static final String NONE = "none";

    private final List<ModuleVersion> roots;
    private final Map<ModuleVersion, List<ModuleVersion>> required = new HashMap<>();
    private final Set<ModuleVersion> reachable = new java.util.HashSet<>();
    private final Map<String, String> selected = new HashMap<>();

    ModuleGraph(List<ModuleVersion> roots) {
        this.roots = List.copyOf(roots);
        for (ModuleVersion m : roots) {
            reachable.add(m);
            if (compare(m.path(), selected(m.path()), m.version()) < 0) {
                selected.put(m.path(), m.version());
            }
        }
    }

    /// `cmpVersion` of modload: "" (a main module) is above everything; `none` below everything.
    static int compare(String path, String v1, String v2) {
        if (v2.isEmpty()) {
            return v1.isEmpty() ? 0 : -1;
        }
        if (v1.isEmpty()) {
            return 1;
        }
        return GoVersion.modCompare(path, v1, v2);
    }

    synchronized void require(ModuleVersion m, List<ModuleVersion> reqs) {
        if (!reachable.contains(m)) {
            throw new IllegalStateException(m + " is not reachable from any root");
        }
        if (required.containsKey(m)) {
            throw new IllegalStateException("requirements of " + m + " have already been set");
        }
        List<ModuleVersion> copy = List.copyOf(reqs);
        required.put(m, copy);
        for (ModuleVersion dep : copy) {
            reachable.add(dep);
            if (compare(dep.path(), selected(dep.path()), dep.version()) < 0) {
                selected.put(dep.path(), dep.version());
            }
        }
    }

    /// The requirements recorded for m, or null when m's go.mod was not loaded (pruned out or failed).
    public synchronized List<ModuleVersion> requiredBy(ModuleVersion m) {
        return required.get(m);
    }

    /// The selected version of a path, or `none`.
    public synchronized String selected(String path) {
        return selected.getOrDefault(path, NONE);
    }

    public List<ModuleVersion> roots() {
        return roots;
    }

    /// Main module(s) first, then every other selected module in `gover.ModSort` order
    /// (including the `go` and `toolchain` pseudo-modules).
    public synchronized List<ModuleVersion> buildList() {
        Set<String> seenRoot = new java.util.HashSet<>();
        List<ModuleVersion> list = new ArrayList<>();
        for (ModuleVersion r : roots) {
            if (!seenRoot.add(r.path())) {
                continue;
            }
            String v = selected(r.path());
            if (!v.equals(NONE)) {
                list.add(new ModuleVersion(r.path(), v));
            }
        }
        int unique = list.size();
        for (Map.Entry<String, String> e : selected.entrySet()) {
            if (!seenRoot.contains(e.getKey())) {
                list.add(new ModuleVersion(e.getKey(), e.getValue()));
            }
        }
        List<ModuleVersion> rest = list.subList(unique, list.size());
        rest.sort(Requirements.MOD_SORT);
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /// Every reached module version (other than `none`) once, breadth-first from the roots in
    /// requirement order — the order `go mod graph` prints.
    public void walkBreadthFirst(Consumer<ModuleVersion> f) {
        ArrayDeque<ModuleVersion> queue = new ArrayDeque<>();
        Set<ModuleVersion> enqueued = new java.util.HashSet<>();
        for (ModuleVersion m : roots) {
            if (!m.version().equals(NONE) && enqueued.add(m)) {
                queue.add(m);
            }
        }
        while (!queue.isEmpty()) {
            ModuleVersion m = queue.poll();
            f.accept(m);
            List<ModuleVersion> reqs = requiredBy(m);
            if (reqs == null) {
                continue;
            }
            for (ModuleVersion r : reqs) {
                if (!r.version().equals(NONE) && enqueued.add(r)) {
                    queue.add(r);
                }
            }
        }
    }

    /// The breadth-first path from a root to the first node matching f (`FindPath`), or an empty list.
    List<ModuleVersion> findPath(Predicate<ModuleVersion> f) {
        Map<ModuleVersion, ModuleVersion> firstRequires = new HashMap<>();
        ArrayDeque<ModuleVersion> queue = new ArrayDeque<>(roots);
        for (ModuleVersion m : roots) {
            firstRequires.put(m, null);
        }
        while (!queue.isEmpty()) {
            ModuleVersion m = queue.poll();
            if (f.test(m)) {
                List<ModuleVersion> path = new ArrayList<>();
                for (ModuleVersion at = m; at != null; at = firstRequires.get(at)) {
                    path.add(at);
                }
                Collections.reverse(path);
                return path;
            }
            List<ModuleVersion> reqs = requiredBy(m);
            if (reqs == null) {
                continue;
            }
            for (ModuleVersion r : reqs) {
                if (!firstRequires.containsKey(r)) {
                    firstRequires.put(r, m);
                    queue.add(r);
                }
            }
        }
        return List.of();
    }

    /// `go mod graph` output: one `from to` line per requirement edge, breadth-first.
    public String formatGraph() {
        StringBuilder b = new StringBuilder();
        walkBreadthFirst(m -> {
            List<ModuleVersion> reqs = requiredBy(m);
            if (reqs != null) {
                for (ModuleVersion r : reqs) {
                    b.append(m).append(' ').append(r).append('\n');
                }
            }
        });
        return b.toString();
    }

    /// All nodes reached, whether or not their requirements were loaded.
    public List<ModuleVersion> reachedNodes() {
        LinkedHashSet<ModuleVersion> out = new LinkedHashSet<>();
        walkBreadthFirst(out::add);
        return new ArrayList<>(out);
    }
}

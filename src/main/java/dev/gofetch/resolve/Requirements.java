package dev.gofetch.resolve;

import dev.gofetch.module.GoVersion;
import dev.gofetch.module.ModuleVersion;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// The roots of the module graph — the main module's requirements as the go command holds them
/// (`modload.Requirements`): sorted, possibly redundant, always including a `go` root.
final class Requirements {
    /// `gover.ModSort`: by path, then version in Go order for `go`/`toolchain` and semver otherwise,
    /// a `/go.mod` suffix sorting after its version.
    static final Comparator<ModuleVersion> MOD_SORT = (mi, mj) -> {
        int c = mi.path().compareTo(mj.path());
        if (c != 0) {
            return c;
        }
        String vi = mi.version();
        String vj = mj.version();
        String fi = "";
        String fj = "";
        int k = vi.indexOf('/');
        if (k >= 0) {
            fi = vi.substring(k);
            vi = vi.substring(0, k);
        }
        k = vj.indexOf('/');
        if (k >= 0) {
            fj = vj.substring(k);
            vj = vj.substring(0, k);
        }
        if (!vi.equals(vj)) {
            return GoVersion.modCompare(mi.path(), vi, vj);
        }
        return fi.compareTo(fj);
    };

    final Pruning pruning;
    final List<ModuleVersion> rootModules;
    final Map<String, Boolean> direct;
    final Map<String, String> maxRootVersion = new HashMap<>();

    private ModuleGraph graph;
    private ResolveException graphError;
    private boolean graphLoaded;

    Requirements(Pruning pruning, List<ModuleVersion> rootModules, Map<String, Boolean> direct) {
        this.pruning = pruning;
        this.rootModules = List.copyOf(rootModules);
        this.direct = Map.copyOf(direct);
        boolean haveGo = false;
        for (ModuleVersion m : this.rootModules) {
            haveGo |= m.path().equals("go");
            String v = maxRootVersion.get(m.path());
            if (v != null && GoVersion.modCompare(m.path(), v, m.version()) >= 0) {
                continue;
            }
            maxRootVersion.put(m.path(), m.version());
        }
        if (!haveGo) {
            throw new IllegalStateException("internal error: missing go root module");
        }
    }

    /// The root version of a path ("" for the main module path), or null when not a root.
    String rootSelected(String mainPath, String path) {
        if (path.equals(mainPath)) {
            return "";
        }
        return maxRootVersion.get(path);
    }

    boolean hasRedundantRoot(String mainPath) {
        for (int i = 0; i < rootModules.size(); i++) {
            ModuleVersion m = rootModules.get(i);
            if (m.path().equals(mainPath) || (i > 0 && m.path().equals(rootModules.get(i - 1).path()))) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean graphLoaded() {
        return graphLoaded;
    }

    synchronized void setGraph(ModuleGraph g, ResolveException err) {
        graph = g;
        graphError = err;
        graphLoaded = true;
    }

    synchronized ModuleGraph cachedGraph() {
        return graph;
    }

    synchronized ResolveException cachedError() {
        return graphError;
    }
}

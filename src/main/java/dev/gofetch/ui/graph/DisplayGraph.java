package dev.gofetch.ui.graph;

import dev.gofetch.module.ModuleVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/// The graph as it is drawn: the model with superseded versions folded into the selected one (when
/// hidden) and module paths under a collapsed prefix folded into one group box.
final class DisplayGraph {
    static final double PADDING = 10;
    static final double VERSION_GAP = 8;
    static final String GROUP_MARK = "…";
    /// Main-module and group labels are bold: this much wider than the regular metrics say.
    static final double BOLD_FACTOR = 1.08;

    /// A box before layout.
    static final class Box {
        final String key;
        final DisplayNode.Kind kind;
        final ModuleVersion module;
        final String label;
        String version;
        NodeState state;
        boolean superseded;
        boolean replaced;
        int members;
        final List<ModuleVersion> memberModules = new ArrayList<>();

        Box(String key, DisplayNode.Kind kind, ModuleVersion module, String label, String version) {
            this.key = key;
            this.kind = kind;
            this.module = module;
            this.label = label;
            this.version = version;
        }
    }

    final List<Box> boxes;
    final int[][] succ;
    final double[] widths;
    final boolean[] pinned;
    final Map<String, Integer> index;

    private DisplayGraph(List<Box> boxes, int[][] succ, double[] widths, boolean[] pinned, Map<String, Integer> index) {
        this.boxes = boxes;
        this.succ = succ;
        this.widths = widths;
        this.pinned = pinned;
        this.index = index;
    }

    static String keyOf(ModuleVersion m) {
        return m.toString();
    }

    static String groupKey(String prefix) {
        return prefix + GROUP_MARK;
    }

    /// The box key that shows m under these settings.
    static String displayKey(GraphModel model, ModuleVersion m, boolean hideSuperseded, Set<String> collapsed) {
        ModuleVersion shown = m;
        if (hideSuperseded && !m.isMain() && model.isSuperseded(m)) {
            shown = new ModuleVersion(m.path(), model.selected(m.path()));
        }
        if (!shown.isMain()) {
            String prefix = collapsingPrefix(shown.path(), collapsed);
            if (prefix != null) {
                return groupKey(prefix);
            }
        }
        return keyOf(shown);
    }

    /// The shortest collapsed prefix covering path, or null.
    static String collapsingPrefix(String path, Set<String> collapsed) {
        String best = null;
        for (String p : collapsed) {
            if (path.startsWith(p) && (best == null || p.length() < best.length())) {
                best = p;
            }
        }
        return best;
    }

    static DisplayGraph build(GraphModel model, boolean hideSuperseded, Set<String> collapsed, TextMetrics metrics) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        Map<ModuleVersion, String> keyOf = new LinkedHashMap<>();
        for (GraphModel.Node n : model.nodes()) {
            ModuleVersion m = n.module;
            String key = displayKey(model, m, hideSuperseded, collapsed);
            keyOf.put(m, key);
            Box b = boxes.get(key);
            NodeState state = model.state(m);
            boolean superseded = !m.isMain() && model.isSuperseded(m);
            if (b == null) {
                if (key.endsWith(GROUP_MARK)) {
                    b = new Box(key, DisplayNode.Kind.GROUP, null, key, "");
                    b.state = state;
                    b.superseded = superseded;
                } else if (m.isMain()) {
                    b = new Box(key, DisplayNode.Kind.MAIN, m, m.path(), "");
                    b.state = state;
                } else {
                    // With superseded versions hidden, the box is the selected version's.
                    ModuleVersion shown = new ModuleVersion(m.path(), hideSuperseded ? model.selected(m.path()) : m.version());
                    b = new Box(key, DisplayNode.Kind.MODULE, shown, shown.path(), shown.version());
                    b.state = model.state(shown);
                    b.superseded = model.isSuperseded(shown);
                    GraphModel.Node shownNode = model.get(shown);
                    b.replaced = shownNode != null && shownNode.replacement != null;
                }
                boxes.put(key, b);
            } else if (b.kind == DisplayNode.Kind.GROUP) {
                b.state = worse(b.state, state);
                b.superseded &= superseded;
            }
            b.members++;
            b.memberModules.add(m);
        }
        List<Box> list = new ArrayList<>(boxes.values());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            index.put(list.get(i).key, i);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(new ArrayList<>());
        }
        Set<Long> seen = new HashSet<>();
        for (GraphModel.Node n : model.nodes()) {
            if (n.requires == null) {
                continue;
            }
            int from = index.get(keyOf.get(n.module));
            for (ModuleVersion r : n.requires) {
                String rk = keyOf.get(r);
                Integer to = rk == null ? null : index.get(rk);
                if (to == null || to == from) {
                    continue;
                }
                if (seen.add(((long) from << 32) | to)) {
                    out.get(from).add(to);
                }
            }
        }
        int[][] succ = new int[list.size()][];
        double[] widths = new double[list.size()];
        boolean[] pinned = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            succ[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
            Box b = list.get(i);
            if (b.kind == DisplayNode.Kind.GROUP) {
                b.version = b.members + "";
            }
            widths[i] = boxWidth(metrics, b.label, b.version, b.kind != DisplayNode.Kind.MODULE);
            pinned[i] = b.kind == DisplayNode.Kind.MAIN;
        }
        return new DisplayGraph(list, succ, widths, pinned, index);
    }

    static double boxWidth(TextMetrics metrics, String label, String version, boolean bold) {
        double w = PADDING * 2 + metrics.width(label) * (bold ? BOLD_FACTOR : 1);
        if (!version.isEmpty()) {
            w += VERSION_GAP + metrics.width(version);
        }
        return Math.ceil(w);
    }

    /// The state a group shows: the one that most needs attention.
    private static NodeState worse(NodeState a, NodeState b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(NodeState s) {
        return switch (s) {
            case FAILED -> 7;
            case RESOLVING -> 6;
            case DOWNLOADING -> 5;
            case CANCELLED -> 4;
            case QUEUED -> 3;
            case RESOLVED -> 2;
            case VERIFIED -> 1;
            case PRUNED -> 0;
        };
    }

    /// The keys of boxes whose modules' `path@version` contains the query (case-insensitive).
    List<String> search(String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (q.isEmpty()) {
            return out;
        }
        for (Box b : boxes) {
            for (ModuleVersion m : b.memberModules) {
                if (m.toString().toLowerCase(Locale.ROOT).contains(q)) {
                    out.add(b.key);
                    break;
                }
            }
        }
        return out;
    }
}

package dev.gofetch.ui.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// A Sugiyama-style layered layout, left to right, for module graphs: cycles broken by greedy
/// feedback-arc removal, longest-path layering from the sources, barycenter sweeps to reduce crossings, then rows
/// placed near their neighbours.
///
/// Why not ELK (org.eclipse.elk.alg.layered 0.10.0)? Measured on this machine it needed 0.4–1.7 s for
/// 300 nodes and 8–22 s for 2,000 nodes with 6,000 edges, and it brings ~8 MB of dependencies (EMF,
/// and Guava through an open version range). The graph is laid out again every time go.mod files
/// arrive, so it must take milliseconds. Long edges get no dummy nodes here: a barycenter over all
/// neighbours (in any earlier or later layer) orders the layers well enough for a dependency graph and
/// keeps the cost linear in the edges. Pure computation, no JavaFX, safe on any thread.
final class LayeredLayout {
    static final double ROW = 30;
    static final double NODE_HEIGHT = 22;
    static final double COLUMN_GAP = 90;
    private static final int SWEEPS = 12;

    /// Positions of the nodes (top-left corners) and the size of the whole drawing.
    record Result(double[] x, double[] y, int[] layer, double width, double height) {}

    private LayeredLayout() {}

    /// @param succ  the successors of each node by index (duplicates and self-loops are ignored)
    /// @param width the width of each node's box
    /// @param pinned nodes that stay in the first layer (the main module); others with no predecessor
    ///              move right to sit just before their nearest successor
    static Result layout(int[][] succ, double[] width, boolean[] pinned) {
        int n = succ.length;
        if (n == 0) {
            return new Result(new double[0], new double[0], new int[0], 0, 0);
        }
        int[] order = new int[n];
        int[][] dagSucc = breakCycles(succ, pinned, order);
        int[][] dagPred = reverse(dagSucc);
        int[] layer = longestPathLayers(dagSucc, dagPred, pinned);
        List<int[]> layers = groupByLayer(layer, order);
        double[] pos = new double[n];
        orderLayers(layers, dagSucc, dagPred, pos);
        return place(layers, layer, dagPred, dagSucc, width);
    }

    /// Greedy feedback-arc removal (Eades, Lin and Smyth): sinks go to the end of a vertex sequence,
    /// sources to the front, otherwise the node with the largest out-minus-in degree goes to the front;
    /// edges pointing backwards in the sequence are dropped. Unlike dropping depth-first back edges,
    /// this keeps the layering shallow when there are many cycles. order[v] receives a depth-first
    /// discovery rank over what is left, a good first ordering within layers.
    private static int[][] breakCycles(int[][] succ, boolean[] pinned, int[] order) {
        int n = succ.length;
        int[][] out = new int[n][];
        for (int u = 0; u < n; u++) {
            int self = u;
            out[u] = Arrays.stream(succ[u]).filter(v -> v != self).distinct().toArray();
        }
        int[][] in = reverse(out);
        int[] inDeg = new int[n];
        int[] outDeg = new int[n];
        for (int v = 0; v < n; v++) {
            inDeg[v] = in[v].length;
            outDeg[v] = out[v].length;
        }
        boolean[] removed = new boolean[n];
        int[] seq = new int[n];
        int front = 0;
        int back = n - 1;
        ArrayDeque<Integer> sinks = new ArrayDeque<>();
        ArrayDeque<Integer> sources = new ArrayDeque<>();
        java.util.PriorityQueue<long[]> byDelta = new java.util.PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        for (int v = 0; v < n; v++) {
            if (pinned[v]) {
                continue;
            }
            if (outDeg[v] == 0) {
                sinks.add(v);
            } else if (inDeg[v] == 0) {
                sources.add(v);
            }
            byDelta.add(new long[] {outDeg[v] - inDeg[v], v});
        }
        java.util.function.IntConsumer remove = v -> {
            removed[v] = true;
            for (int w : out[v]) {
                if (!removed[w]) {
                    if (--inDeg[w] == 0) {
                        sources.add(w);
                    }
                    byDelta.add(new long[] {outDeg[w] - inDeg[w], w});
                }
            }
            for (int u : in[v]) {
                if (!removed[u]) {
                    if (--outDeg[u] == 0) {
                        sinks.add(u);
                    }
                    byDelta.add(new long[] {outDeg[u] - inDeg[u], u});
                }
            }
        };
        for (int v = 0; v < n; v++) {
            if (pinned[v]) {
                seq[front++] = v;
                remove.accept(v);
            }
        }
        while (front <= back) {
            boolean progress = true;
            while (progress) {
                progress = false;
                while (!sinks.isEmpty()) {
                    int v = sinks.poll();
                    if (!removed[v] && outDeg[v] == 0) {
                        seq[back--] = v;
                        remove.accept(v);
                        progress = true;
                    }
                }
                while (!sources.isEmpty()) {
                    int v = sources.poll();
                    if (!removed[v] && inDeg[v] == 0) {
                        seq[front++] = v;
                        remove.accept(v);
                        progress = true;
                    }
                }
            }
            while (!byDelta.isEmpty()) {
                long[] e = byDelta.poll();
                int v = (int) e[1];
                if (!removed[v] && e[0] == outDeg[v] - inDeg[v]) {
                    seq[front++] = v;
                    remove.accept(v);
                    break;
                }
            }
        }
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[seq[i]] = i;
        }
        int[][] dag = new int[n][];
        for (int u = 0; u < n; u++) {
            int ru = rank[u];
            dag[u] = Arrays.stream(out[u]).filter(v -> rank[v] > ru).toArray();
        }
        discoveryOrder(dag, seq, order);
        return dag;
    }

    private static void discoveryOrder(int[][] dag, int[] starts, int[] order) {
        boolean[] seen = new boolean[dag.length];
        int next = 0;
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        for (int s : starts) {
            if (seen[s]) {
                continue;
            }
            seen[s] = true;
            order[s] = next++;
            stack.push(new int[] {s, 0});
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                int u = top[0];
                if (top[1] < dag[u].length) {
                    int v = dag[u][top[1]++];
                    if (!seen[v]) {
                        seen[v] = true;
                        order[v] = next++;
                        stack.push(new int[] {v, 0});
                    }
                } else {
                    stack.pop();
                }
            }
        }
    }

    private static int[][] reverse(int[][] succ) {
        int n = succ.length;
        int[] count = new int[n];
        for (int[] s : succ) {
            for (int v : s) {
                count[v]++;
            }
        }
        int[][] pred = new int[n][];
        for (int v = 0; v < n; v++) {
            pred[v] = new int[count[v]];
        }
        int[] fill = new int[n];
        for (int u = 0; u < n; u++) {
            for (int v : succ[u]) {
                pred[v][fill[v]++] = u;
            }
        }
        return pred;
    }

    private static int[] longestPathLayers(int[][] succ, int[][] pred, boolean[] pinned) {
        int n = succ.length;
        int[] layer = new int[n];
        int[] remaining = new int[n];
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int v = 0; v < n; v++) {
            remaining[v] = pred[v].length;
            if (remaining[v] == 0) {
                ready.add(v);
            }
        }
        int[] topo = new int[n];
        int t = 0;
        while (!ready.isEmpty()) {
            int u = ready.poll();
            topo[t++] = u;
            for (int v : succ[u]) {
                layer[v] = Math.max(layer[v], layer[u] + 1);
                if (--remaining[v] == 0) {
                    ready.add(v);
                }
            }
        }
        // Unpinned sources move right, next to their nearest successor, instead of stretching long
        // edges back to the first column. Reverse topological order lets a chain of them follow.
        for (int i = t - 1; i >= 0; i--) {
            int v = topo[i];
            if (pred[v].length == 0 && !pinned[v] && succ[v].length > 0) {
                int min = Integer.MAX_VALUE;
                for (int s : succ[v]) {
                    min = Math.min(min, layer[s]);
                }
                layer[v] = Math.max(0, min - 1);
            }
        }
        return layer;
    }

    private static List<int[]> groupByLayer(int[] layer, int[] order) {
        int max = Arrays.stream(layer).max().orElse(0);
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            lists.add(new ArrayList<>());
        }
        for (int v = 0; v < layer.length; v++) {
            lists.get(layer[v]).add(v);
        }
        List<int[]> layers = new ArrayList<>();
        for (List<Integer> l : lists) {
            l.sort((a, b) -> Integer.compare(order[a], order[b]));
            layers.add(l.stream().mapToInt(Integer::intValue).toArray());
        }
        return layers;
    }

    /// Barycenter sweeps, down and up, keeping the ordering with the shortest total edge span.
    private static void orderLayers(List<int[]> layers, int[][] succ, int[][] pred, double[] pos) {
        assignPositions(layers, pos);
        double best = span(succ, pos);
        List<int[]> bestLayers = copy(layers);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            if (down) {
                for (int l = 1; l < layers.size(); l++) {
                    reorder(layers.get(l), pred, pos);
                }
            } else {
                for (int l = layers.size() - 2; l >= 0; l--) {
                    reorder(layers.get(l), succ, pos);
                }
            }
            double s = span(succ, pos);
            if (s < best) {
                best = s;
                bestLayers = copy(layers);
            }
        }
        for (int l = 0; l < layers.size(); l++) {
            layers.set(l, bestLayers.get(l));
        }
        assignPositions(layers, pos);
    }

    private static void reorder(int[] nodes, int[][] neighbours, double[] pos) {
        int m = nodes.length;
        if (m < 2) {
            return;
        }
        // Sort by barycenter on primitives: the key (to 1/1024 of a row) in the high bits, the current
        // index in the low 20 bits, so ties keep their order.
        long[] packed = new long[m];
        for (int i = 0; i < m; i++) {
            int v = nodes[i];
            int[] nb = neighbours[v];
            double key;
            if (nb.length == 0) {
                key = pos[v];
            } else {
                double sum = 0;
                for (int u : nb) {
                    sum += pos[u];
                }
                key = sum / nb.length;
            }
            packed[i] = ((Math.round(key * 1024) + (1L << 40)) << 20) | i;
        }
        Arrays.sort(packed);
        int[] sorted = new int[m];
        for (int i = 0; i < m; i++) {
            sorted[i] = nodes[(int) (packed[i] & 0xFFFFF)];
        }
        System.arraycopy(sorted, 0, nodes, 0, m);
        for (int i = 0; i < m; i++) {
            pos[nodes[i]] = i - (m - 1) / 2.0;
        }
    }

    private static void assignPositions(List<int[]> layers, double[] pos) {
        for (int[] l : layers) {
            for (int i = 0; i < l.length; i++) {
                pos[l[i]] = i - (l.length - 1) / 2.0;
            }
        }
    }

    private static double span(int[][] succ, double[] pos) {
        double s = 0;
        for (int u = 0; u < succ.length; u++) {
            for (int v : succ[u]) {
                s += Math.abs(pos[u] - pos[v]);
            }
        }
        return s;
    }

    private static List<int[]> copy(List<int[]> layers) {
        List<int[]> c = new ArrayList<>(layers.size());
        for (int[] l : layers) {
            c.add(l.clone());
        }
        return c;
    }

    /// Columns by layer; within a column each node goes as close as it can to the mean height of the
    /// neighbours already placed, keeping the order and one row between nodes. Two packings, from the
    /// top and from the bottom, are averaged so no column drifts to one side.
    private static Result place(List<int[]> layers, int[] layer, int[][] pred, int[][] succ, double[] width) {
        int n = layer.length;
        double[] x = new double[n];
        double[] y = new double[n];
        double colX = 0;
        for (int[] l : layers) {
            double w = 0;
            for (int v : l) {
                w = Math.max(w, width[v]);
                x[v] = colX;
            }
            colX += w + COLUMN_GAP;
        }
        double totalWidth = Math.max(0, colX - COLUMN_GAP);
        boolean[] placed = new boolean[n];
        for (int li = 0; li < layers.size(); li++) {
            int[] l = layers.get(li);
            int m = l.length;
            double[] desired = new double[m];
            for (int i = 0; i < m; i++) {
                int v = l[i];
                double sum = 0;
                int count = 0;
                for (int u : pred[v]) {
                    if (placed[u]) {
                        sum += y[u];
                        count++;
                    }
                }
                desired[i] = count > 0 ? sum / count : (i - (m - 1) / 2.0) * ROW;
            }
            double[] fromTop = new double[m];
            double[] fromBottom = new double[m];
            for (int i = 0; i < m; i++) {
                fromTop[i] = i == 0 ? desired[i] : Math.max(desired[i], fromTop[i - 1] + ROW);
            }
            for (int i = m - 1; i >= 0; i--) {
                fromBottom[i] = i == m - 1 ? desired[i] : Math.min(desired[i], fromBottom[i + 1] - ROW);
            }
            for (int i = 0; i < m; i++) {
                y[l[i]] = (fromTop[i] + fromBottom[i]) / 2;
                placed[l[i]] = true;
            }
        }
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int v = 0; v < n; v++) {
            minY = Math.min(minY, y[v]);
            maxY = Math.max(maxY, y[v]);
        }
        for (int v = 0; v < n; v++) {
            y[v] -= minY;
        }
        return new Result(x, y, layer, totalWidth, maxY - minY + NODE_HEIGHT);
    }
}

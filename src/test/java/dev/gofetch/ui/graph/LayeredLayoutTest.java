package dev.gofetch.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private static final double[] W4 = {100, 100, 100, 100};

    private static LayeredLayout.Result layout(int[][] succ, int pinned) {
        boolean[] p = new boolean[succ.length];
        if (pinned >= 0) {
            p[pinned] = true;
        }
        double[] w = new double[succ.length];
        java.util.Arrays.fill(w, 100);
        return LayeredLayout.layout(succ, w, p);
    }

    @Test
    void everyEdgeOfAnAcyclicGraphPointsRight() {
        LayoutBenchmark.Generated g = LayoutBenchmark.generate(400, 3);
        // the generator adds a few back edges; drop them to get a DAG
        int[][] dag = new int[g.succ().length][];
        for (int u = 0; u < dag.length; u++) {
            int from = u;
            dag[u] = java.util.Arrays.stream(g.succ()[u]).filter(v -> v > from || from == 0).toArray();
        }
        LayeredLayout.Result r = LayeredLayout.layout(dag, g.width(), g.pinned());
        for (int u = 0; u < dag.length; u++) {
            for (int v : dag[u]) {
                assertThat(r.x()[v]).as(u + "->" + v).isGreaterThan(r.x()[u] + g.width()[u]);
            }
        }
    }

    @Test
    void nodesInAColumnNeverOverlap() {
        LayoutBenchmark.Generated g = LayoutBenchmark.generate(600, 5);
        LayeredLayout.Result r = LayeredLayout.layout(g.succ(), g.width(), g.pinned());
        java.util.Map<Integer, java.util.List<Double>> columns = new java.util.HashMap<>();
        for (int v = 0; v < r.x().length; v++) {
            columns.computeIfAbsent(r.layer()[v], k -> new java.util.ArrayList<>()).add(r.y()[v]);
        }
        for (java.util.List<Double> ys : columns.values()) {
            java.util.Collections.sort(ys);
            for (int i = 1; i < ys.size(); i++) {
                assertThat(ys.get(i) - ys.get(i - 1)).isGreaterThanOrEqualTo(LayeredLayout.ROW - 1e-9);
            }
        }
        for (int v = 0; v < r.x().length; v++) {
            assertThat(r.y()[v]).isBetween(0.0, r.height());
            assertThat(r.x()[v] + g.width()[v]).isLessThanOrEqualTo(r.width() + 1e-9);
        }
    }

    @Test
    void cyclesAreBrokenAndEveryNodeIsPlaced() {
        int[][] succ = {{1}, {2}, {3}, {1}}; // 1 -> 2 -> 3 -> 1
        LayeredLayout.Result r = layout(succ, 0);
        assertThat(r.layer()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void thePinnedNodeStaysInTheFirstColumnAndOtherSourcesMoveNextToTheirSuccessor() {
        // 0 (main) -> 1 -> 2 -> 3, and a stray source 4 -> 3
        int[][] succ = {{1}, {2}, {3}, {}, {3}};
        LayeredLayout.Result r = layout(succ, 0);
        assertThat(r.layer()[0]).isZero();
        assertThat(r.layer()[4]).isEqualTo(2);
    }

    @Test
    void barycenterOrderingRemovesACrossingThatDiscoveryOrderCreates() {
        // main(0) -> p(1), a(2), b(3); p -> x(4); a -> y(5); b -> x.
        // Depth-first discovery orders column 1 as p, a, b and column 2 as x, y, so a->y crosses b->x;
        // moving b next to p (both lead to x) removes the crossing.
        int[][] succ = {{1, 2, 3}, {4}, {5}, {4}, {}, {}};
        LayeredLayout.Result r = layout(succ, 0);
        assertThat(r.layer()).containsExactly(0, 1, 1, 1, 2, 2);
        assertThat(crossings(succ, r.y())).isZero();
        double[] discovery = {0, 0, 1, 2, 0, 1};
        assertThat(crossings(succ, discovery)).as("the order before the sweeps").isEqualTo(1);
    }

    private static int crossings(int[][] succ, double[] y) {
        java.util.List<int[]> edges = new java.util.ArrayList<>();
        for (int u = 1; u < succ.length; u++) { // edges between columns 1 and 2
            for (int v : succ[u]) {
                edges.add(new int[] {u, v});
            }
        }
        int n = 0;
        for (int i = 0; i < edges.size(); i++) {
            for (int j = i + 1; j < edges.size(); j++) {
                int[] e = edges.get(i);
                int[] f = edges.get(j);
                if ((y[e[0]] - y[f[0]]) * (y[e[1]] - y[f[1]]) < 0) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void layeringUsesTheLongestPathSoShortcutsDoNotPullNodesLeft() {
        // 0 -> 1 -> 2 and 0 -> 2: 2 belongs after 1
        LayeredLayout.Result r = LayeredLayout.layout(new int[][] {{1, 2}, {2}, {}, {}}, W4, new boolean[] {true, false, false, false});
        assertThat(r.layer()).startsWith(0, 1, 2);
    }
}

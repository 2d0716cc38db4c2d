package dev.gofetch.ui.graph;

import java.util.Arrays;
import java.util.Random;

/// Lays out generated module graphs and prints how long it takes (a harness to run by hand, not a
/// timed test): `java -cp target/classes:target/test-classes dev.gofetch.ui.graph.LayoutBenchmark [nodes...]`.
/// The graphs look like big Go module graphs: a main module requiring ~15% of all modules directly,
/// each module requiring 0–8 others in lower tiers (10 tiers), 0.5% of edges pointing back up (cycles; -Dback=N per mille), labels 140–320 px wide.
public final class LayoutBenchmark {
    static int BACK_PER_MILLE = Integer.getInteger("back", 5);

    private LayoutBenchmark() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {300, 2000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            Generated g = generate(n, 7);
            for (int i = 0; i < 5; i++) {
                LayeredLayout.layout(g.succ, g.width, g.pinned); // warm-up
            }
            int runs = 15;
            long[] ms = new long[runs];
            LayeredLayout.Result last = null;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                last = LayeredLayout.layout(g.succ, g.width, g.pinned);
                ms[i] = System.nanoTime() - t0;
            }
            Arrays.sort(ms);
            long cold;
            {
                Generated fresh = generate(n, 11);
                long t0 = System.nanoTime();
                LayeredLayout.layout(fresh.succ, fresh.width, fresh.pinned);
                cold = System.nanoTime() - t0;
            }
            int layers = Arrays.stream(last.layer()).max().orElse(0) + 1;
            System.out.printf("%5d nodes %6d edges: median %.1f ms, min %.1f ms, max %.1f ms (other graph, after warm-up: %.1f ms); "
                            + "%d layers, drawing %.0f x %.0f px%n",
                    n, g.edges, ms[runs / 2] / 1e6, ms[0] / 1e6, ms[runs - 1] / 1e6, cold / 1e6, layers, last.width(), last.height());
        }
    }

    record Generated(int[][] succ, double[] width, boolean[] pinned, int edges) {}

    static Generated generate(int n, long seed) {
        Random r = new Random(seed);
        int[][] succ = new int[n][];
        double[] width = new double[n];
        boolean[] pinned = new boolean[n];
        pinned[0] = true;
        int edges = 0;
        int roots = Math.max(1, n * 15 / 100);
        succ[0] = new int[roots];
        for (int i = 0; i < roots; i++) {
            succ[0][i] = 1 + r.nextInt(n - 1);
        }
        edges += roots;
        // Modules sit in 10 tiers (frameworks above libraries above leaves) and require modules of
        // lower tiers, so the longest requirement chain is about as long as in real module graphs.
        int tiers = 10;
        for (int v = 1; v < n; v++) {
            int tier = (int) ((long) v * tiers / n);
            int firstBelow = (int) ((long) (tier + 1) * n / tiers);
            int k = tier == tiers - 1 ? 0 : r.nextInt(9);
            int[] s = new int[k];
            for (int j = 0; j < k; j++) {
                boolean back = r.nextInt(1000) < BACK_PER_MILLE;
                s[j] = back ? 1 + r.nextInt(v) : firstBelow + r.nextInt(n - firstBelow);
            }
            succ[v] = s;
            edges += k;
            width[v] = 140 + r.nextInt(180);
        }
        width[0] = 200;
        return new Generated(succ, width, pinned, edges);
    }
}

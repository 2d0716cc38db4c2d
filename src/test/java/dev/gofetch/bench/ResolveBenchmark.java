package dev.gofetch.bench;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Benchmark (not a test): resolve the build list of a ~2,000-version universe from a local mirror,
/// warm and with 50 ms latency per request; `gofetch list` beside `go list -m all` in the same run,
/// each with an empty module cache, each as its own process.
///
///     mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gofetch.bench.ResolveBenchmark
public final class ResolveBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = Files.createTempDirectory("gofetch-bench-resolve");
        Universe u = UniverseGenerator.generate(UniverseSpec.benchmark(2024, UniverseSpec.ZipSizes.TINY), work.resolve("u"));
        System.out.printf("universe: %d module versions, %d main modules%n", u.versionCount(), u.mainModules().size());
        System.out.printf("%-28s %10s %10s %8s%n", "scenario", "go (s)", "gofetch (s)", "ratio");
        for (String faults : List.of("", "latency=50ms")) {
            try (LabServer lab = LabServer.builder(u.proxy().root()).faults(Faults.parse(faults.isEmpty() ? "seed=1" : faults))
                    .maxConnections(256).start()) {
                List<Double> goTimes = new ArrayList<>();
                List<Double> ourTimes = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    double go = 0;
                    double ours = 0;
                    for (Path main : u.mainModules()) {
                        Path s = work.resolve("r" + r + "-" + System.nanoTime());
                        Map<String, String> env = GoTool.pinnedEnv(s, lab.baseUri().toString());
                        BenchSupport.Run g = BenchSupport.go(main, env, "list", "-m", "all");
                        BenchSupport.deleteTree(s);
                        env = GoTool.pinnedEnv(work.resolve("o" + r + "-" + System.nanoTime()), lab.baseUri().toString());
                        BenchSupport.Run o = BenchSupport.gofetch(main, env, "list");
                        if (g.exit() != 0 || o.exit() != 0) {
                            throw new IllegalStateException("a run failed: go " + g.exit() + ", gofetch " + o.exit());
                        }
                        go += g.seconds();
                        ours += o.seconds();
                    }
                    goTimes.add(go);
                    ourTimes.add(ours);
                }
                double g = BenchSupport.median(goTimes);
                double o = BenchSupport.median(ourTimes);
                System.out.printf("%-28s %10.2f %10.2f %8.2f%n", faults.isEmpty() ? "local mirror" : "mirror, " + faults,
                        g, o, o / g);
            }
        }
        BenchSupport.deleteTree(work);
    }
}

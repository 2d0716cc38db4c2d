package dev.gofetch.bench;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Benchmark (not a test): cold `download all` of a generated universe (~300 modules in the build
/// list, most zips small, a few tens of MiB) from a loopback mirror with 40 ms latency per request;
/// gofetch beside `go mod download all` in the same run, each with an empty module cache, each as its
/// own process; wall time and peak resident memory.
///
///     mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gofetch.bench.DownloadBenchmark
public final class DownloadBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String faults = args.length > 1 ? args[1] : "latency=40ms";
        Path work = Files.createTempDirectory("gofetch-bench-download");
        UniverseSpec spec = UniverseSpec.builder().seed(300).plain().modulePaths(330).versionsPerPath(2).mainModules(1)
                .requirementsPerModule(4).zipSizes(UniverseSpec.ZipSizes.realistic()).build();
        Universe u = UniverseGenerator.generate(spec, work.resolve("u"));
        Path main = u.mainModules().get(0);
        try (LabServer lab = LabServer.builder(u.proxy().root()).faults(Faults.parse(faults)).maxConnections(512).start()) {
            Map<String, String> probe = GoTool.pinnedEnv(work.resolve("probe"), lab.baseUri().toString());
            int modules = GofetchRunner.run(main, probe, "list").stdout().split("\n").length - 1;
            BenchSupport.deleteTree(work.resolve("probe"));
            System.out.printf("universe: %d module versions, %d MiB of zips; build list of %d modules; mirror: %s%n",
                    u.versionCount(), u.zipBytes() >> 20, modules, faults);
            List<Double> go = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            long goRss = 0;
            long ourRss = 0;
            for (int r = 0; r < rounds; r++) {
                Path s = work.resolve("r" + r + "-" + System.nanoTime());
                Map<String, String> env = GoTool.pinnedEnv(s, lab.baseUri().toString());
                BenchSupport.Run g = BenchSupport.go(main, env, "mod", "download", "all");
                BenchSupport.deleteTree(s);
                env = GoTool.pinnedEnv(work.resolve("o" + r + "-" + System.nanoTime()), lab.baseUri().toString());
                BenchSupport.Run o = BenchSupport.gofetch(main, env, "download", "all");
                if (g.exit() != 0 || o.exit() != 0) {
                    throw new IllegalStateException("a run failed: go " + g.exit() + ", gofetch " + o.exit());
                }
                go.add(g.seconds());
                ours.add(o.seconds());
                goRss = Math.max(goRss, g.maxRssKiB());
                ourRss = Math.max(ourRss, o.maxRssKiB());
            }
            double g = BenchSupport.median(go);
            double o = BenchSupport.median(ours);
            System.out.printf("%-34s %10s %12s %8s%n", "", "go", "gofetch", "ratio");
            System.out.printf("%-34s %10.2f %12.2f %8.2f%n", "cold download all, wall (s)", g, o, o / g);
            System.out.printf("%-34s %10d %12d%n", "peak RSS (MiB)", goRss >> 10, ourRss >> 10);
        }
        BenchSupport.deleteTree(work);
    }
}

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
/// own process; wall time and peak resident memory. With a third argument `dead-first`, GOPROXY is
/// `<a dead mirror (refusing connections)>|<the faulty one>` and the mirror also resets connections and answers some 5xx:
/// the point is that gofetch completes with verified files (the go command's outcome is reported).
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
        // One main module that requires every module path of the universe (its highest version), so
        // the build list has a few hundred modules, as a large real project's has.
        Path main = Files.createDirectories(work.resolve("big/app"));
        StringBuilder goMod = new StringBuilder("module example.com/bigapp\n\ngo 1.21\n\nrequire (\n");
        u.published().forEach((path, versions) -> goMod.append('\t').append(path).append(' ')
                .append(versions.get(versions.size() - 1)).append('\n'));
        goMod.append(")\n");
        Files.writeString(main.resolve("go.mod"), goMod.toString());
        Files.writeString(main.resolve("main.go"), "package main\n\nfunc main() {}\n");
        boolean deadFirst = args.length > 2 && args[2].equals("dead-first");
        try (LabServer lab = LabServer.builder(u.proxy().root()).faults(Faults.parse(faults)).maxConnections(512).start();
                LabServer dead = LabServer.builder(u.proxy().root()).faults(Faults.parse("refuse")).start()) {
            String goproxy = deadFirst ? dead.baseUri() + "|" + lab.baseUri() : lab.baseUri().toString();
            Map<String, String> probe = GoTool.pinnedEnv(work.resolve("probe"), goproxy);
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
                Map<String, String> env = GoTool.pinnedEnv(s, goproxy);
                BenchSupport.Run g = BenchSupport.go(main, env, "mod", "download", "all");
                BenchSupport.deleteTree(s);
                env = GoTool.pinnedEnv(work.resolve("o" + r + "-" + System.nanoTime()), goproxy);
                BenchSupport.Run o = BenchSupport.gofetch(main, env, "download", "all");
                if (o.exit() != 0 || (!deadFirst && g.exit() != 0)) {
                    throw new IllegalStateException("a run failed: go " + g.exit() + ", gofetch " + o.exit());
                }
                if (deadFirst) {
                    Map<String, String> offline = new java.util.HashMap<>(env);
                    offline.put("GOPROXY", "off");
                    System.out.printf("round %d: go exit %d after %.1f s; gofetch exit %d after %.1f s; "
                            + "go mod verify on gofetch's cache: %s%n", r, g.exit(), g.seconds(), o.exit(), o.seconds(),
                            GoTool.run(main, offline, "mod", "verify").stdout().strip());
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

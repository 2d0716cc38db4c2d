package dev.gofetch.bundle;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/// Benchmark harness (a main, not a test): bundle creation for a universe of about 300 module paths with
/// realistic zip sizes, served by a loopback LabServer, beside a plain `tar` of the equivalent
/// GOMODCACHE `cache/download`. Prints a Markdown table of median times and sizes.
///
/// ```
/// mvn -o -q test-compile
/// java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gofetch.bundle.BundleBenchmark [runs] [dir]
/// ```
/// (`mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt` writes cp.txt.)
public final class BundleBenchmark {
    private BundleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("gofetch-bundle-bench");
        UniverseSpec spec = UniverseSpec.builder().seed(300).modulePaths(300).versionsPerPath(4).mainModules(6)
                .requirementsPerModule(4).zipSizes(UniverseSpec.ZipSizes.realistic()).build();
        long t0 = System.nanoTime();
        Universe u = UniverseGenerator.generate(spec, dir.resolve("universe"));
        System.err.printf("universe: %d paths, %d versions, %s of zips, generated in %.1f s%n",
                u.published().size(), u.versionCount(), mib(u.zipBytes()), seconds(System.nanoTime() - t0));

        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        List<Double> importTimes = new ArrayList<>();
        List<Double> tarTimes = new ArrayList<>();
        List<Double> goDownload = new ArrayList<>();
        List<double[]> phases = new ArrayList<>();
        long bundleSize = 0;
        long tarSize = 0;
        Bundle.Summary summary = null;
        try (LabServer lab = LabServer.builder(u.proxy().root()).logCapacity(0).start()) {
            for (int i = 0; i < runs; i++) {
                Path run = dir.resolve("run" + i);
                Path bundle = run.resolve("bundle.tar");
                Map<String, String> env = GoTool.pinnedEnv(run.resolve("env"), lab.baseUri().toString());

                Map<String, String> goEnv = GoTool.pinnedEnv(run.resolve("go-env"), lab.baseUri().toString());
                goDownload.add(timed(() -> {
                    for (Path m : u.mainModules()) {
                        Path copy = dev.gofetch.testing.TreeCopy.copy(m.getParent(), run.resolve("go-mains-"
                                + m.getFileName())).resolve(m.getFileName().toString());
                        GoTool.run(copy, goEnv, "mod", "download", "all").requireSuccess();
                    }
                }));
                phases.add(phases(u, GoTool.pinnedEnv(run.resolve("phases"), lab.baseUri().toString()),
                        run.resolve("phases.tar")));

                cold.add(timed(() -> create(u, env, bundle)));
                warm.add(timed(() -> create(u, env, bundle)));
                bundleSize = Files.size(bundle);
                verify.add(timed(() -> check(GofetchRunner.run(run, env, "bundle", "verify", bundle.toString()))));

                Map<String, String> offline = new HashMap<>(GoTool.pinnedEnv(run.resolve("offline"), "off"));
                importTimes.add(timed(() -> check(GofetchRunner.run(run, offline, "bundle", "import",
                        bundle.toString()))));

                Path plain = run.resolve("cache-download.tar");
                Path cache = Path.of(env.get("GOMODCACHE")).resolve("cache");
                tarTimes.add(timed(() -> exec("tar", "-cf", plain.toString(), "-C", cache.toString(), "download")));
                tarSize = Files.size(plain);
                summary = Bundle.open(bundle, Progress.NONE).summary();
                deleteTree(run);
            }
        }
        System.out.printf("Universe: %d module paths, %d versions (seed 300, ZipSizes.realistic()); bundle of %d "
                        + "main modules: %d module versions, %d zips (%s), %d go.mod only. %d runs, medians.%n%n",
                u.published().size(), u.versionCount(), u.mainModules().size(), summary.modules(), summary.zips(),
                mib(summary.zipBytes()), summary.goModOnly(), runs);
        System.out.println("| step | time | archive size |");
        System.out.println("|---|---|---|");
        System.out.printf("| `gofetch bundle create`, cold cache (downloads from loopback LabServer) | %.2f s | %s |%n",
                median(cold), mib(bundleSize));
        System.out.printf("| `gofetch bundle create`, warm cache (re-hash + write) | %.2f s | %s |%n",
                median(warm), mib(bundleSize));
        System.out.printf("| for comparison: the real `go mod download all` in each main module, cold cache | %.2f s | |%n",
                median(goDownload));
        System.out.printf("| cold create by phase: plan (resolve) / download / hash+write | %.2f s / %.2f s / %.2f s | |%n",
                median(phases.stream().map(x -> x[0]).toList()), median(phases.stream().map(x -> x[1]).toList()),
                median(phases.stream().map(x -> x[2]).toList()));
        System.out.printf("| `tar -cf` of the same GOMODCACHE `cache/download` | %.2f s | %s |%n",
                median(tarTimes), mib(tarSize));
        System.out.printf("| `gofetch bundle verify` | %.2f s | |%n", median(verify));
        System.out.printf("| `gofetch bundle import` (fresh GOMODCACHE, extract included) | %.2f s | |%n",
                median(importTimes));
        deleteTree(dir);
    }

    /// One cold creation through the API, timed by step.
    private static double[] phases(Universe u, Map<String, String> env, Path out) throws Exception {
        try (dev.gofetch.engine.Session session = dev.gofetch.engine.Session.open(dev.gofetch.env.GoEnv.load(env),
                dev.gofetch.engine.Session.DEFAULT_PARALLELISM)) {
            long t0 = System.nanoTime();
            BundleCreator c = BundleCreator.plan(session, u.mainModules(), List.of(), u.root(), w -> { });
            long t1 = System.nanoTime();
            c.download(dev.gofetch.engine.DownloadListener.NONE, dev.gofetch.engine.Session.DEFAULT_PARALLELISM);
            long t2 = System.nanoTime();
            c.write(out, null, Progress.NONE);
            long t3 = System.nanoTime();
            return new double[] {seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2)};
        }
    }

    private static void create(Universe u, Map<String, String> env, Path bundle) {
        List<String> args = new ArrayList<>(List.of("bundle", "create", "-o", bundle.toString()));
        for (Path m : u.mainModules()) {
            args.addAll(List.of("-C", m.toString()));
        }
        check(GofetchRunner.run(u.root(), env, args.toArray(String[]::new)));
    }

    private static void check(GoTool.Result r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException("gofetch failed:\n" + r.stderr());
        }
    }

    private static void exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(Arrays.toString(cmd) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return seconds(System.nanoTime() - t);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true)); // extracted trees are read-only
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

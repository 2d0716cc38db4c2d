package dev.gofetch.bench;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.transfer.Candidate;
import dev.gofetch.transfer.DownloadRequest;
import dev.gofetch.transfer.Downloader;
import dev.gofetch.transfer.TransferOptions;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/// Benchmark (not a test): one large file from a loopback mirror with a per-connection rate cap —
/// gofetch's transfer engine (its defaults, and 16 connections) beside `aria2c -x16 -s16` (Debian
/// package `aria2`) and a single stream, in the same run.
///
///     mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.gofetch.bench.LargeFileBenchmark
///     (arguments: MiB [faults], default 200 "rate=8m,latency=30ms")
public final class LargeFileBenchmark {
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 200;
        String faults = args.length > 1 ? args[1] : "rate=8m,latency=30ms";
        Path work = Files.createTempDirectory("gofetch-bench-large");
        Path tree = Files.createDirectories(work.resolve("tree"));
        Path file = tree.resolve("big.zip");
        SplittableRandom r = new SplittableRandom(7);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long i = 0; i < mib; i++) {
                for (int j = 0; j < buf.length; j += 8) {
                    long v = r.nextLong();
                    for (int k = 0; k < 8; k++) {
                        buf[j + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(buf);
            }
        }
        System.out.printf("file: %d MiB; mirror: %s%n", mib, faults);
        System.out.printf("%-34s %9s %10s%n", "client", "seconds", "MiB/s");
        try (LabServer lab = LabServer.builder(tree).faults(Faults.parse(faults)).maxConnections(256).start()) {
            URI url = lab.baseUri().resolve("big.zip");
            report("single stream", mib, engine(url, work, TransferOptions.defaults().withMaxConnectionsPerFile(1)));
            report("gofetch (defaults)", mib, engine(url, work, TransferOptions.defaults()));
            report("gofetch (16 connections)", mib,
                    engine(url, work, TransferOptions.defaults().withMaxConnectionsPerFile(16)));
            report("aria2c -x16 -s16", mib, aria(url, work));
        }
        BenchSupport.deleteTree(work);
    }

    private static void report(String name, long mib, double seconds) {
        if (seconds < 0) {
            System.out.printf("%-34s %9s %10s%n", name, "n/a", "(aria2c not installed)");
            return;
        }
        System.out.printf("%-34s %9.2f %10.1f%n", name, seconds, mib / seconds);
    }

    private static double engine(URI url, Path work, TransferOptions options) throws Exception {
        Path dest = work.resolve("out-" + System.nanoTime());
        long t0 = System.nanoTime();
        try (Downloader d = Downloader.builder().options(options).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(url, false)));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        Files.deleteIfExists(dest);
        return s;
    }

    private static double aria(URI url, Path work) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/aria2c"))) {
            return -1;
        }
        Path dir = Files.createDirectories(work.resolve("aria"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/aria2c", "-x16", "-s16", "-k1M", "-q",
                "--file-allocation=none", "--allow-overwrite=true", "-d", dir.toString(), "-o", "big.zip", url.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("aria2c failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}

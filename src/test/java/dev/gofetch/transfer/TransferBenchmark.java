package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/// Throughput against the lab mirror with a per-connection rate cap, for choosing
/// {@link TransferOptions#defaults()}. Off by default:
/// `mvn -o -q test -Dtest=TransferBenchmark -Dgofetch.bench=true [-Dbench.mib=64 -Dbench.faults=rate=8m,latency=30ms]`.
@EnabledIfSystemProperty(named = "gofetch.bench", matches = "true")
class TransferBenchmark {
    static final long MIB = 1024 * 1024;

    @TempDir
    Path tree;
    @TempDir
    Path out;

    /// Median seconds of `runs` downloads.
    double time(LabServer lab, URI url, long size, TransferOptions options, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path dest = out.resolve("out.zip");
            Files.deleteIfExists(dest);
            long t0 = System.nanoTime();
            try (Downloader d = Downloader.builder().options(options).build()) {
                d.download(DownloadRequest.of(dest, new Candidate(url, false)));
            }
            times.add((System.nanoTime() - t0) / 1e9);
            assertThat(Files.size(dest)).isEqualTo(size);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    URI file(LabServer lab, String name, long size) throws Exception {
        Path f = tree.resolve(name);
        if (!Files.exists(f)) {
            Files.write(f, TestServer.randomBytes((int) size, size));
        }
        return lab.baseUri().resolve(name);
    }

    long served(LabServer lab) {
        return lab.exchanges().stream().mapToLong(LabServer.Exchange::bodyBytes).sum();
    }

    @Test
    void throughputVersusConnections() throws Exception {
        String faults = System.getProperty("bench.faults", "rate=8m,latency=30ms");
        int runs = Integer.getInteger("bench.runs", 3);
        try (LabServer lab = LabServer.builder(tree).faults(Faults.parse(faults)).start()) {
            for (long mib : new long[] {Long.getLong("bench.mib", 32), Long.getLong("bench.mib2", 128)}) {
                long size = mib * MIB;
                URI url = file(lab, "f" + mib + ".zip", size);
                System.out.printf("%d MiB file, lab faults %s, median of %d%n", mib, faults, runs);
                for (int n : new int[] {1, 2, 4, 6, 8, 12, 16}) {
                    lab.clearExchanges();
                    double s = time(lab, url, size, TransferOptions.defaults().withMaxConnectionsPerFile(n), runs);
                    Thread.sleep(200);
                    System.out.printf("  conns %2d: %6.2f s %7.1f MiB/s  (%.1f requests/run, %.1f%% extra bytes)%n",
                            n, s, mib / s, lab.exchanges().size() / (double) runs,
                            100.0 * (served(lab) / (double) runs - size) / size);
                }
            }
        }
    }

    @Test
    void splitThresholds() throws Exception {
        String faults = System.getProperty("bench.faults", "rate=8m,latency=30ms");
        try (LabServer lab = LabServer.builder(tree).faults(Faults.parse(faults)).start()) {
            System.out.printf("lab faults %s, 4 connections, median of 5%n", faults);
            for (long kib : new long[] {256, 512, 1024, 2048, 4096, 8192}) {
                URI url = file(lab, "s" + kib + ".zip", kib * 1024);
                StringBuilder line = new StringBuilder(String.format("  %5d KiB:", kib));
                for (long minSplit : new long[] {0, 128 * 1024, 512 * 1024, MIB}) {
                    TransferOptions o = minSplit == 0
                            ? TransferOptions.defaults().withSplitting(Long.MAX_VALUE / 4, MIB)
                            : TransferOptions.defaults().withSplitting(2 * minSplit, minSplit);
                    double s = time(lab, url, kib * 1024, o, 5);
                    line.append(String.format("  %s %6.3f s", minSplit == 0 ? "whole" : "min " + minSplit / 1024 + "K", s));
                }
                System.out.println(line);
            }
        }
    }
}

package dev.gofetch.bench;

import dev.gofetch.testing.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Runs the go command and gofetch as separate processes under `/usr/bin/time` so both pay their own
/// start-up, and reports wall time and peak resident memory.
final class BenchSupport {
    private BenchSupport() {}

    record Run(double seconds, long maxRssKiB, int exit) {}

    static Run go(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(GoTool.binary()));
        cmd.addAll(List.of(args));
        return timed(dir, env, cmd);
    }

    static Run gofetch(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), "dev.gofetch.Main"));
        cmd.addAll(List.of(args));
        return timed(dir, env, cmd);
    }

    /// The project's classpath, also under `exec:java` (where java.class.path is Maven's own).
    static String classpath() {
        ClassLoader cl = BenchSupport.class.getClassLoader();
        if (cl instanceof java.net.URLClassLoader ucl && ucl.getURLs().length > 1) {
            List<String> parts = new ArrayList<>();
            for (java.net.URL url : ucl.getURLs()) {
                try {
                    parts.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }

    static Run timed(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path stats = Files.createTempFile("bench", ".time");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", stats.toString()));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("../bench-stderr.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String[] f = Files.readString(stats).strip().split("\\s+");
        String[] last = f.length >= 2 ? new String[] {f[f.length - 2], f[f.length - 1]} : new String[] {"0", "0"};
        Files.deleteIfExists(stats);
        return new Run(Double.parseDouble(last[0]), Long.parseLong(last[1]), p.exitValue());
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    /// Best-effort removal of a scratch tree (read-only module trees included); the go command's
    /// telemetry may still be writing under HOME, so failures are ignored.
    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Path parent = q.getParent();
                    if (parent != null) {
                        parent.toFile().setWritable(true);
                    }
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort
        }
    }
}

package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import dev.gofetch.verify.Hash1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/// `gofetch download` stopped by Ctrl-C (SIGINT) or SIGTERM keeps what it received: the next run
/// fetches only the rest.
class InterruptedDownloadTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalledDownloadLeavesJournalsAndTheNextRunFetchesOnlyTheRest(String signal) throws Exception {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(5).plain().modulePaths(4)
                .versionsPerPath(1).requirementsPerModule(1)
                .zipSizes(new UniverseSpec.ZipSizes(0, 0, 0, 0, 1.0, 1 << 20, 3 << 19)).build(), tmp.resolve("u"));
        long zipBytes = 0;
        List<String> args = new ArrayList<>(List.of("download"));
        for (var e : u.published().entrySet()) {
            for (String v : e.getValue()) {
                args.add(e.getKey() + "@" + v);
                zipBytes += Files.size(u.proxy().root().resolve(
                        dev.gofetch.module.ModulePath.escapePath(e.getKey()) + "/@v/" + v + ".zip"));
            }
        }
        Path work = Files.createDirectories(tmp.resolve("work")); // outside any module
        try (LabServer lab = LabServer.builder(u.proxy().root()).faults(Faults.parse("rate=256k")).start()) {
            Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), lab.baseUri().toString());
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.gofetch.Main"));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                    .redirectOutput(tmp.resolve("out.log").toFile()).redirectError(tmp.resolve("err.log").toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (lab.bodyBytesSent() < zipBytes / 3 && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(p.isAlive()).as("still downloading").isTrue();
                Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            long servedFirst = lab.bodyBytesSent();
            String err = Files.readString(tmp.resolve("err.log"));
            assertThat(err).containsPattern("(?m)^interrupted; \\d+\\.\\d MiB kept, run again to resume$");
            double keptMiB = Double.parseDouble(err.replaceAll("(?s).*interrupted; ([0-9.]+) MiB.*", "$1"));
            assertThat(keptMiB * 1024 * 1024).isGreaterThan(zipBytes / 4.0);

            GoTool.Result again = GofetchRunner.run(work, env, args.toArray(String[]::new));
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            long servedAgain = lab.bodyBytesSent() - servedFirst;

            // Both runs together fetch each zip about once: the rerun continued from the journals.
            assertThat(servedFirst + servedAgain).isLessThan(zipBytes + (1 << 20));
            assertThat(servedAgain).isLessThan((long) (zipBytes - keptMiB * 1024 * 1024 + (512 << 10)));
            Path downloads = Path.of(env.get("GOMODCACHE"), "cache", "download");
            for (var e : u.published().entrySet()) {
                for (String v : e.getValue()) {
                    String rel = dev.gofetch.module.ModulePath.escapePath(e.getKey()) + "/@v/" + v + ".zip";
                    assertThat(Hash1.hashZip(downloads.resolve(rel)))
                            .isEqualTo(Hash1.hashZip(u.proxy().root().resolve(rel)));
                }
            }
        }
    }
}

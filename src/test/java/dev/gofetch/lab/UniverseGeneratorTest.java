package dev.gofetch.lab;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UniverseGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void theSameSpecGivesTheSameBytes() throws IOException {
        // every feature is on by default, so this covers every random draw
        UniverseSpec spec = UniverseSpec.builder().seed(7).modulePaths(12).build();
        Universe a = UniverseGenerator.generate(spec, tmp.resolve("a"));
        Universe b = UniverseGenerator.generate(spec, tmp.resolve("b"));

        assertThat(digestTree(a.root())).isEqualTo(digestTree(b.root())).isNotEmpty();
        assertThat(a.published()).isEqualTo(b.published());
    }

    @Test
    void anotherSeedGivesAnotherUniverse() {
        assertThat(UniverseGenerator.publishedVersions(UniverseSpec.builder().seed(1).build()))
                .isNotEqualTo(UniverseGenerator.publishedVersions(UniverseSpec.builder().seed(2).build()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void everyMainModuleIsValidInputForTheGoCommand(long seed) throws IOException {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(seed).build(), tmp.resolve("u"));
        Map<String, String> env = GoTool.pinnedEnv(tmp, u.proxy().goproxy());

        assertThat(u.mainModules()).hasSize(3);
        for (Path main : u.mainModules()) {
            Path copy = copyTree(main, tmp.resolve("copies").resolve(main.getFileName()));
            GoTool.Result all = GoTool.run(copy, env, "list", "-m", "all").requireSuccess();
            GoTool.Result graph = GoTool.run(copy, env, "mod", "graph").requireSuccess();
            assertThat(all.stdout().lines().findFirst()).hasValue(moduleLine(main));
            assertThat(graph.stdout()).startsWith(moduleLine(main) + " ");
        }
    }

    @Test
    void everyFeatureShowsUpWhenItsKnobIsHigh() throws IOException {
        UniverseSpec spec = UniverseSpec.builder().seed(3).modulePaths(40).versionsPerPath(6)
                .uppercase(0.5).majorPaths(0.4).gopkgIn(0.2).prereleases(0.5).pseudoVersions(0.4)
                .incompatible(0.6).cycles(0.5).missingGoLine(0.2).toolchainLines(0.8).indirect(0.5)
                .retractions(0.5).excludes(1).replaces(1).localReplaces(1).mainModules(4).build();
        Universe u = UniverseGenerator.generate(spec, tmp.resolve("u"));
        List<String> versions = u.published().values().stream().flatMap(List::stream).toList();
        String allMods = concatenate(u.proxy().root(), ".mod");
        String mainMods = concatenate(tmp.resolve("u/main"), "go.mod");

        assertThat(u.published().keySet()).anyMatch(p -> !p.equals(p.toLowerCase()))
                .anyMatch(p -> p.matches(".*/v[2-9]")).anyMatch(p -> p.startsWith("gopkg.in/"));
        assertThat(versions).anyMatch(v -> v.matches("v\\d+\\.\\d+\\.\\d+-[A-Za-z].*"))
                .anyMatch(v -> v.matches(".*-\\d{14}-[0-9a-f]{12}.*"))
                .anyMatch(v -> v.endsWith("+incompatible"));
        assertThat(allMods).contains("\ngo 1.1", "\ngo 1.2", "\ntoolchain go1.", "// indirect", "retract ");
        assertThat(allMods).containsPattern("\ngo 1\\.(1[1-6])\n").containsPattern("\ngo 1\\.(1[7-9]|20)\n")
                .containsPattern("\ngo 1\\.2[1-6]");
        assertThat(mainMods).contains("exclude ", "replace ", " => ./local/");
        assertThat(hasCycle(allMods)).isTrue();
        assertThat(u.ghosts()).isEmpty();
    }

    @Test
    void versionsWithoutGoModServeTheSynthesizedOne() throws IOException {
        UniverseSpec spec = UniverseSpec.builder().seed(4).incompatible(1).build();
        Universe u = UniverseGenerator.generate(spec, tmp.resolve("u"));

        List<String> checked = new ArrayList<>();
        u.published().forEach((path, versions) -> versions.stream().filter(v -> v.endsWith("+incompatible")).forEach(v -> {
            Path mod = u.proxy().versionDir(path).resolve(dev.gofetch.module.ModulePath.escapeVersion(v) + ".mod");
            assertThat(mod).content().isEqualTo("module " + path + "\n");
            checked.add(path + "@" + v);
        }));
        assertThat(checked).isNotEmpty();
    }

    @Test
    void plainUniversesHaveNoneOfTheOptionalFeatures() throws IOException {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(5).modulePaths(16).plain().build(), tmp.resolve("u"));
        List<String> versions = u.published().values().stream().flatMap(List::stream).toList();
        String allMods = concatenate(u.proxy().root(), ".mod") + concatenate(tmp.resolve("u/main"), "go.mod");

        assertThat(u.published().keySet()).allMatch(p -> p.equals(p.toLowerCase()) && !p.matches(".*/v\\d+")
                && !p.startsWith("gopkg.in/"));
        assertThat(versions).allMatch(v -> v.matches("v[01]\\.\\d+\\.\\d+"));
        assertThat(allMods).doesNotContain("toolchain", "indirect", "retract", "exclude", "replace");
        assertThat(hasCycle(allMods)).isFalse();
    }

    @Test
    void ghostRequirementsOnlyEverBreakTheGoCommandThroughAGhost() throws IOException {
        UniverseSpec spec = UniverseSpec.builder().seed(11).ghostRequirements(0.2).build();
        Universe u = UniverseGenerator.generate(spec, tmp.resolve("u"));
        Map<String, String> env = GoTool.pinnedEnv(tmp, u.proxy().goproxy());

        assertThat(u.ghosts()).isNotEmpty();
        for (ModuleVersion ghost : u.ghosts()) {
            assertThat(u.published().get(ghost.path())).doesNotContain(ghost.version());
        }
        int failures = 0;
        for (Path main : u.mainModules()) {
            Path copy = copyTree(main, tmp.resolve("copies").resolve(main.getFileName()));
            GoTool.Result all = GoTool.run(copy, env, "list", "-m", "all");
            if (all.exitCode() != 0) {
                failures++;
                assertThat(u.ghosts()).as(all.stderr())
                        .anyMatch(g -> all.stderr().contains(g.path() + "@" + g.version()));
            }
        }
        assertThat(failures).as("at 20 percent ghost requirements some main module must hit one").isPositive();
    }

    @Test
    void zipSizesFollowTheConfiguredBands() throws IOException {
        UniverseSpec.ZipSizes sizes = new UniverseSpec.ZipSizes(1000, 0.3, 20_000, 30_000, 0.1, 200_000, 300_000);
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(6).zipSizes(sizes).build(), tmp.resolve("u"));
        List<Long> zipSizes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(u.proxy().root())) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".zip"))::iterator) {
                zipSizes.add(Files.size(f));
            }
        }

        long small = zipSizes.stream().filter(s -> s < 5_000).count();
        long medium = zipSizes.stream().filter(s -> s >= 20_000 && s < 31_000).count();
        long big = zipSizes.stream().filter(s -> s >= 200_000 && s < 301_000).count();
        assertThat(small + medium + big).isEqualTo(zipSizes.size());
        assertThat(small).isGreaterThan(medium).isGreaterThan(big);
        assertThat(big).isPositive();
        assertThat(u.zipBytes()).isEqualTo(zipSizes.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theBenchmarkSpecHasAboutTwoThousandVersions() {
        // planned only: writing 2,000 versions takes seconds on a busy disk (measured in the report)
        Map<String, List<String>> published = UniverseGenerator.publishedVersions(UniverseSpec.benchmark(1, UniverseSpec.ZipSizes.TINY));

        assertThat(published.values().stream().mapToInt(List::size).sum()).isBetween(1500, 2500);
        assertThat(published).hasSize(80);
    }

    @Test
    void planningMatchesWhatIsWritten() throws IOException {
        UniverseSpec spec = UniverseSpec.builder().seed(9).build();
        Universe u = UniverseGenerator.generate(spec, tmp.resolve("u"));

        assertThat(UniverseGenerator.publishedVersions(spec)).isEqualTo(u.published());
        for (var e : u.published().entrySet()) {
            for (String v : e.getValue()) {
                assertThat(u.proxy().versionDir(e.getKey()).resolve(dev.gofetch.module.ModulePath.escapeVersion(v) + ".zip")).isRegularFile();
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "module \"rsc.io/quote\"\\n\\nrequire \"rsc.io/sampler\" v1.3.0\\n | h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=",
        "module golang.org/x/text\\n                                | h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=",
        "''                                                          | h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=",
    })
    void goModHashesMatchTheReferenceVectors(String goMod, String h1) {
        assertThat(UniverseGenerator.goModHash(goMod.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8))).isEqualTo(h1);
    }

    @Test
    void mainModulesCarryGoSumLinesTheGoCommandAcceptsReadOnly() throws IOException {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(8).plain().mainModules(1).build(), tmp.resolve("u"));
        Map<String, String> env = GoTool.pinnedEnv(tmp, u.proxy().goproxy());
        env.put("GOFLAGS", "-mod=readonly");
        Path main = u.mainModules().get(0);

        assertThat(Files.readString(main.resolve("go.sum")).lines()).hasSize(u.versionCount())
                .allMatch(l -> l.matches("\\S+ v\\S+/go.mod h1:[A-Za-z0-9+/]{43}="));
        GoTool.Result graph = GoTool.run(copyTree(main, tmp.resolve("copy")), env, "mod", "graph");
        // read-only: the graph, or the go command's verdict that go.mod needs updating — never a go.sum problem
        if (graph.exitCode() != 0) {
            assertThat(graph.stderr()).startsWith("go: updates to go.mod needed, disabled by -mod=readonly");
        } else {
            assertThat(graph.stdout()).isNotEmpty();
        }
        assertThat(graph.stderr()).doesNotContain("go.sum", "checksum");
    }

    private static String moduleLine(Path main) throws IOException {
        return Files.readAllLines(main.resolve("go.mod")).get(0).substring("module ".length());
    }

    /// True if some module requires a module that (at some version) requires it back.
    private static boolean hasCycle(String concatenatedMods) {
        Map<String, List<String>> edges = new TreeMap<>();
        String current = null;
        for (String line : concatenatedMods.split("\n")) {
            String l = line.strip();
            if (l.startsWith("module ")) {
                current = l.substring(7);
            } else if (current != null && l.matches("(require )?[a-z][^ ]*\\.[^ ]* v\\S+( // indirect)?")) {
                String target = l.replaceFirst("^require ", "").split(" ")[0];
                edges.computeIfAbsent(current, k -> new ArrayList<>()).add(target);
            }
        }
        for (var e : edges.entrySet()) {
            for (String to : e.getValue()) {
                if (edges.getOrDefault(to, List.of()).contains(e.getKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String concatenate(Path dir, String suffix) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(suffix)).sorted()::iterator) {
                b.append(Files.readString(f)).append('\n');
            }
        }
        return b.toString();
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static Map<String, String> digestTree(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    digests.put(root.relativize(f).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return digests;
    }
}

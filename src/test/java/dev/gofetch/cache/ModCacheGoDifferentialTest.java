package dev.gofetch.cache;

import dev.gofetch.module.RevInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/// The real go command fills a module cache from a file:// proxy; our layout, writers and
/// extraction protocol must produce exactly what it wrote.
class ModCacheGoDifferentialTest {
    static final String HELLO = "example.com/Hello";
    static final String NESTED = "example.com/Hello/sub";

    static final List<GoProxyFixture.Module> MODULES = List.of(
            GoProxyFixture.module(HELLO, "v1.0.0",
                    "{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\",\"Extra\":\"dropped\"}"),
            GoProxyFixture.module(HELLO, "v1.1.0",
                    "{\"version\":\"v1.1.0\",\"Time\":\"2023-01-02T03:04:05.120+02:00\"}\n"),
            GoProxyFixture.module(HELLO, "v0.0.0-20230102030405-abcdefabcdef", """
                    {"Version":"v0.0.0-20230102030405-abcdefabcdef","Time":"2023-01-02T03:04:05Z",
                     "Origin":{"VCS":"git","URL":"https://x.example/y?a=<b>&c=é\\u2028","Hash":"abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                               "Ref":"refs/heads/main","TagPrefix":"p/","TagSum":"t1:xx","RepoSum":"r1:yy"}}"""),
            GoProxyFixture.module(HELLO, "v1.2.0-RC1", """
                    {"Version":"v1.2.0-RC1","Time":"2023-01-02T03:04:05.1234567891-00:00",
                     "Origin":{"VCS":"git","Subdir":"sub","Ref":"refs/tags/v1.2.0-RC1","TagSum":"t1:x"}}"""),
            GoProxyFixture.module(HELLO, "v2.0.0+incompatible",
                    "{\"Version\":\"v2.0.0+incompatible\",\"Time\":\"2023-06-07T08:09:10.5Z\",\"Origin\":{\"RepoSum\":\"r1:only\"}}"),
            GoProxyFixture.module(NESTED, "v1.0.0",
                    "{\"Version\":\"v1.0.0\",\"Time\":\"2024-02-29T23:59:59.000000001+05:30\"}"));

    @TempDir
    static Path scratch;
    static GoProxyFixture proxy;
    static ModCache goCache;
    static Map<ModuleVersion, JsonNode> goReport = new HashMap<>();

    @BeforeAll
    static void goFillsACache() throws IOException {
        proxy = new GoProxyFixture(scratch.resolve("proxy"));
        MODULES.forEach(proxy::add);
        Path goScratch = Files.createDirectories(scratch.resolve("go"));
        GoTool.Result r = proxy.download(goScratch);
        try (var it = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(r.stdout())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                assertThat(n.has("Error")).as(n.toString()).isFalse();
                goReport.put(ModuleVersion.of(n.get("Path").asText(), n.get("Version").asText()), n);
            }
        }
        assertThat(goReport).hasSize(MODULES.size());
        goCache = new ModCache(goScratch.resolve("modcache"));
    }

    static Stream<Named<GoProxyFixture.Module>> modules() {
        return MODULES.stream().map(m -> Named.of(m.path() + "@" + m.version(), m));
    }

    @AfterAll
    static void removeReadOnlyTrees() throws IOException {
        CacheTree.removeAll(scratch.resolve("go"));
    }

    static ModuleVersion mv(GoProxyFixture.Module m) {
        return ModuleVersion.of(m.path(), m.version());
    }

    @Test
    void layoutNamesExactlyTheFilesGoWrote() throws IOException {
        Set<Path> expected = new TreeSet<>();
        for (GoProxyFixture.Module m : MODULES) {
            ModuleVersion mv = mv(m);
            expected.addAll(List.of(goCache.infoFile(mv), goCache.modFile(mv), goCache.zipFile(mv),
                    goCache.zipHashFile(mv), goCache.lockFile(mv), goCache.listFile(m.path())));
        }
        try (Stream<Path> files = Files.walk(goCache.downloadRoot())) {
            Set<Path> written = files.filter(Files::isRegularFile).collect(Collectors.toCollection(TreeSet::new));
            assertThat(written).containsExactlyElementsOf(expected);
        }

        Set<Path> expectedDirs = MODULES.stream().map(m -> goCache.extractedDir(mv(m)))
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> dirs = Files.walk(goCache.root())) {
            Set<Path> extracted = dirs.filter(d -> !d.startsWith(goCache.root().resolve("cache")))
                    .filter(d -> d.getFileName().toString().contains("@"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(extracted).containsExactlyElementsOf(expectedDirs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void goReportsOurPaths(GoProxyFixture.Module m) {
        JsonNode n = goReport.get(mv(m));
        assertThat(Path.of(n.get("Info").asText())).isEqualTo(goCache.infoFile(mv(m)));
        assertThat(Path.of(n.get("GoMod").asText())).isEqualTo(goCache.modFile(mv(m)));
        assertThat(Path.of(n.get("Zip").asText())).isEqualTo(goCache.zipFile(mv(m)));
        assertThat(Path.of(n.get("Dir").asText())).isEqualTo(goCache.extractedDir(mv(m)));
        assertThat(goCache.isZipComplete(mv(m))).isTrue();
        assertThat(goCache.extractedState(mv(m))).isEqualTo(ModCache.ExtractedState.COMPLETE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void infoWriterIsByteIdenticalToGo(GoProxyFixture.Module m, @TempDir Path ours) throws IOException {
        ModCache cache = new ModCache(ours);
        Path written = cache.writeInfo(m.path(), RevInfo.parse(m.info().getBytes(StandardCharsets.UTF_8)));
        assertThat(written).isEqualTo(cache.infoFile(mv(m)));
        assertThat(Files.readString(written)).isEqualTo(Files.readString(goCache.infoFile(mv(m))));
        assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(goCache.infoFile(mv(m))));
        assertThat(cache.readInfo(mv(m))).isEqualTo(goCache.readInfo(mv(m)));
    }

    @Test
    void listWriterIsByteIdenticalToGo(@TempDir Path ours) throws IOException {
        ModCache cache = new ModCache(ours);
        for (GoProxyFixture.Module m : MODULES) {
            cache.writeMod(mv(m), m.goMod().getBytes(StandardCharsets.UTF_8));
        }
        for (String path : List.of(HELLO, NESTED)) {
            assertThat(Files.readString(cache.listFile(path))).isEqualTo(Files.readString(goCache.listFile(path)));
        }
        // Pseudo-versions are listed; the upper-case v1.2.0-RC1 (escaped v1.2.0-!r!c1) is not.
        assertThat(Files.readString(cache.listFile(HELLO)))
                .isEqualTo("v0.0.0-20230102030405-abcdefabcdef\nv1.0.0\nv1.1.0\nv2.0.0+incompatible\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void zipHashWriterIsByteIdenticalToGo(GoProxyFixture.Module m, @TempDir Path ours) throws IOException {
        String sum = goReport.get(mv(m)).get("Sum").asText();
        ModCache cache = new ModCache(ours);
        cache.writeZipHash(mv(m), sum);
        byte[] goBytes = Files.readAllBytes(goCache.zipHashFile(mv(m)));
        assertThat(goBytes).hasSize(ModCache.ZIPHASH_LENGTH);
        assertThat(Files.readAllBytes(cache.zipHashFile(mv(m)))).isEqualTo(goBytes);
        assertThat(goCache.readZipHash(mv(m))).contains(sum);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void extractionLeavesTheSameTreeAndModesAsGo(GoProxyFixture.Module m, @TempDir Path ours) throws IOException {
        ModCache cache = new ModCache(ours);
        ModuleVersion mv = mv(m);
        cache.writeZipHash(mv, goReport.get(mv).get("Sum").asText());
        Path dir = cache.publishExtracted(mv, TestUnzip.from(goCache.zipFile(mv), mv.toString()), false);
        assertThat(dir).isEqualTo(cache.extractedDir(mv));
        assertThat(cache.partialFile(mv)).doesNotExist();
        assertThat(listing(dir)).isEqualTo(listing(goCache.extractedDir(mv)));
        assertThat(cache.extractedState(mv)).isEqualTo(ModCache.ExtractedState.COMPLETE);
        CacheTree.removeAll(ours);
    }

    @Test
    void modCacheRwLeavesDirectoriesWritableLikeGo(@TempDir Path ours) throws IOException {
        GoProxyFixture.Module m = MODULES.get(0);
        ModuleVersion mv = mv(m);
        GoProxyFixture single = new GoProxyFixture(proxy.proxyDir);
        single.modules.add(m);
        Path goScratch = Files.createDirectories(scratch.resolve("go-rw"));
        single.download(goScratch, "-modcacherw");
        ModCache goRw = new ModCache(goScratch.resolve("modcache"));

        ModCache cache = new ModCache(ours);
        cache.writeZipHash(mv, goReport.get(mv).get("Sum").asText());
        Path dir = cache.publishExtracted(mv, TestUnzip.from(goCache.zipFile(mv), mv.toString()), true);
        assertThat(listing(dir)).isEqualTo(listing(goRw.extractedDir(mv)))
                .containsEntry("hello.go", "-r--r--r--");
        assertThat(listing(dir).get("sub")).startsWith("drwx");
        CacheTree.removeAll(goScratch);
    }

    /// The reverse direction: a cache written only by us is accepted by the go command offline,
    /// and go finds nothing to rewrite.
    @Test
    void goAcceptsACacheWeWrote(@TempDir Path ourScratch) throws IOException {
        ModCache cache = new ModCache(ourScratch.resolve("modcache"));
        for (GoProxyFixture.Module m : MODULES) {
            ModuleVersion mv = mv(m);
            String sum = goReport.get(mv).get("Sum").asText();
            cache.writeInfo(m.path(), RevInfo.parse(m.info().getBytes(StandardCharsets.UTF_8)));
            cache.writeMod(mv, m.goMod().getBytes(StandardCharsets.UTF_8));
            Path zipInProxy = proxy.proxyDir.resolve(GoProxyFixture.escape(m.path())).resolve("@v")
                    .resolve(GoProxyFixture.escape(m.version()) + ".zip");
            cache.publishZip(mv, tmp -> Files.copy(zipInProxy, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING),
                    zip -> sum);
            cache.publishExtracted(mv, TestUnzip.from(cache.zipFile(mv), mv.toString()), false);
        }
        Map<Path, String> before = snapshot(cache.root());

        Map<String, String> env = GoTool.pinnedEnv(ourScratch, "off");
        env.put("GOFLAGS", "");
        String[] args = Stream.concat(Stream.of("mod", "download", "-json"),
                MODULES.stream().map(m -> m.path() + "@" + m.version())).toArray(String[]::new);
        GoTool.Result r = GoTool.run(Files.createDirectories(ourScratch.resolve("work")), env, args).requireSuccess();

        try (var it = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(r.stdout())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                ModuleVersion mv = ModuleVersion.of(n.get("Path").asText(), n.get("Version").asText());
                assertThat(n.has("Error")).as(n.toString()).isFalse();
                assertThat(n.get("Sum").asText()).isEqualTo(goReport.get(mv).get("Sum").asText());
                assertThat(Path.of(n.get("Dir").asText())).isEqualTo(cache.extractedDir(mv));
            }
        }
        assertThat(snapshot(cache.root())).isEqualTo(before);
        CacheTree.removeAll(ourScratch);
    }

    /// Relative path → type and permissions, e.g. `sub` → `dr-xr-xr-x`.
    static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                out.put(dir.relativize(p).toString(), (Files.isDirectory(p) ? "d" : "-") + perms);
            }
        }
        return out;
    }

    /// Every regular file's bytes (as text) and modification time, to notice any rewrite.
    static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p), Files.getLastModifiedTime(p) + " "
                        + new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}

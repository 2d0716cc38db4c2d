package dev.gofetch.cache;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheCleanerTest {
    static final String HELLO = "example.com/Hello";
    static final String NESTED = "example.com/Hello/sub";
    static final ModuleVersion HELLO_1 = ModuleVersion.of(HELLO, "v1.0.0");
    static final ModuleVersion HELLO_2 = ModuleVersion.of(HELLO, "v1.1.0");
    static final ModuleVersion NESTED_1 = ModuleVersion.of(NESTED, "v1.0.0");

    @TempDir
    Path scratch;

    /// The go command downloads three versions (two modules, one nested in the other's directory).
    ModCache goFilledCache() throws IOException {
        GoProxyFixture proxy = new GoProxyFixture(scratch.resolve("proxy"));
        for (ModuleVersion mv : List.of(HELLO_1, HELLO_2, NESTED_1)) {
            proxy.add(GoProxyFixture.module(mv.path(), mv.version(),
                    "{\"Version\":\"" + mv.version() + "\",\"Time\":\"2023-01-02T03:04:05Z\"}"));
        }
        proxy.download(Files.createDirectories(scratch.resolve("go")));
        ModCache cache = new ModCache(scratch.resolve("go/modcache"));
        assertThat(modeOf(cache.extractedDir(HELLO_1))).as("go leaves it read-only").isEqualTo("r-xr-xr-x");
        return cache;
    }

    // ---- go clean -modcache ------------------------------------------------------------------

    @Test
    void cleanRemovesAGoFilledReadOnlyCacheCompletely() throws IOException {
        ModCache cache = goFilledCache();
        Path outside = Files.createDirectories(scratch.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "precious");
        Files.setPosixFilePermissions(outside, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createSymbolicLink(cache.root().resolve("cache/download/escape"), outside);
        Files.createSymbolicLink(cache.root().resolve("cache/download/keep-link"), outside.resolve("keep.txt"));

        CacheCleaner.cleanModCache(cache.root().toString(), scratch.resolve("home"));

        assertThat(cache.root()).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("precious");
        assertThat(modeOf(outside)).as("links are not followed, not even to chmod").isEqualTo("r-xr-xr-x");
        assertThat(scratch.resolve("go")).isDirectory();
        CacheTree.makeDirsWritable(outside);
    }

    @Test
    void cleaningAMissingCacheDoesNothing() throws IOException {
        CacheCleaner.cleanModCache(scratch.resolve("nothing-here").toString(), null);
        assertThat(scratch.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void anEmptyDirectoryMayBeCleaned() throws IOException {
        Path empty = Files.createDirectories(scratch.resolve("empty"));
        CacheCleaner.cleanModCache(empty.toString(), null);
        assertThat(empty).doesNotExist();
    }

    @Test
    void refusesWithoutAModuleCacheWithTheGoCommandsMessage() {
        assertThatThrownBy(() -> CacheCleaner.cleanModCache("", null))
                .isInstanceOf(CacheCleaner.RefusedException.class)
                .hasMessage("go: cannot clean -modcache without a module cache");
        assertThatThrownBy(() -> CacheCleaner.cleanModCache(null, null))
                .hasMessage("go: cannot clean -modcache without a module cache");
    }

    /// The go command itself says the same for an unset cache, and exits 1.
    @Test
    void theGoCommandRefusesAnUnsetCacheTheSameWay() throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(scratch, "off");
        env.remove("HOME");
        env.put("GOPATH", "");
        env.put("GOMODCACHE", "");
        env.put("GOFLAGS", "");
        GoTool.Result r = GoTool.run(Files.createDirectories(scratch.resolve("w")), env, "clean", "-modcache");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThatThrownBy(() -> CacheCleaner.cleanModCache("", null)).hasMessage(r.stderr().strip());
    }

    @Test
    void refusesARelativePath() {
        assertThatThrownBy(() -> CacheCleaner.cleanModCache("pkg/mod", null))
                .isInstanceOf(CacheCleaner.RefusedException.class)
                .hasMessage("GOMODCACHE entry is relative; must be absolute path: \"pkg/mod\".");
    }

    @Test
    void refusesTheFileSystemRoot() {
        assertThatThrownBy(() -> CacheCleaner.cleanModCache("/", null))
                .isInstanceOf(CacheCleaner.RefusedException.class)
                .hasMessage("refusing to clean -modcache: GOMODCACHE is the file system root /");
    }

    @Test
    void refusesTheHomeDirectoryEvenIfItLooksLikeACache() throws IOException {
        Path download = Files.createDirectories(scratch.resolve("home/cache/download"));
        Path home = scratch.resolve("home");
        assertThatThrownBy(() -> CacheCleaner.cleanModCache(home + "/", home))
                .isInstanceOf(CacheCleaner.RefusedException.class)
                .hasMessage("refusing to clean -modcache: GOMODCACHE is the home directory " + home);
        assertThat(download).isDirectory();
    }

    @Test
    void refusesADirectoryThatDoesNotLookLikeAModuleCache() throws IOException {
        Path projects = Files.createDirectories(scratch.resolve("projects"));
        Files.writeString(projects.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> CacheCleaner.cleanModCache(projects.toString(), null))
                .isInstanceOf(CacheCleaner.RefusedException.class)
                .hasMessage("refusing to clean -modcache: " + projects
                        + " does not look like a module cache (it is not empty and has no cache/download directory)");
        assertThat(projects.resolve("notes.txt")).exists();
    }

    @Test
    void refusesAFileAndASymbolicLink() throws IOException {
        Path file = Files.writeString(scratch.resolve("file"), "x");
        assertThatThrownBy(() -> CacheCleaner.cleanModCache(file.toString(), null))
                .hasMessage("refusing to clean -modcache: GOMODCACHE " + file + " is not a directory");
        Path target = Files.createDirectories(scratch.resolve("real/cache/download")).getParent().getParent();
        Path link = Files.createSymbolicLink(scratch.resolve("link"), target);
        assertThatThrownBy(() -> CacheCleaner.cleanModCache(link.toString(), null))
                .isInstanceOf(CacheCleaner.RefusedException.class)
                .hasMessageStartingWith("refusing to clean -modcache: GOMODCACHE " + link + " is a symbolic link");
        assertThat(target.resolve("cache/download")).isDirectory();
        assertThat(link).exists();
    }

    // ---- per module / per version ------------------------------------------------------------

    @Test
    void removingAVersionLeavesACacheTheGoCommandStillUses() throws IOException {
        ModCache cache = goFilledCache();
        long expected = sizeOf(cache.extractedDir(HELLO_1)) + sizeOf(cache.infoFile(HELLO_1)) + sizeOf(cache.modFile(HELLO_1))
                + sizeOf(cache.zipFile(HELLO_1)) + sizeOf(cache.zipHashFile(HELLO_1));

        long freed = new CacheCleaner(cache).removeVersion(HELLO_1);

        assertThat(freed).isEqualTo(expected);
        assertThat(cache.extractedDir(HELLO_1)).doesNotExist();
        assertThat(ModCacheTest.names(cache.versionsDir(HELLO)))
                .containsExactly("list", "v1.0.0.lock", "v1.1.0.info", "v1.1.0.lock", "v1.1.0.mod", "v1.1.0.zip", "v1.1.0.ziphash");
        assertThat(cache.listFile(HELLO)).hasContent("v1.1.0\n");
        assertThat(cache.extractedState(HELLO_2)).isEqualTo(ModCache.ExtractedState.COMPLETE);

        GoTool.Result offline = goOffline(cache, HELLO_2, NESTED_1);
        assertThat(offline.exitCode()).as(offline.stdout()).isZero();
        assertThat(goOffline(cache, HELLO_1).stdout()).contains("module lookup disabled by GOPROXY=off");
    }

    @Test
    void removingAModuleKeepsModulesNestedInItsDirectory() throws IOException {
        ModCache cache = goFilledCache();
        CacheCleaner cleaner = new CacheCleaner(cache);

        long freed = cleaner.removeModule(HELLO);

        assertThat(freed).isPositive();
        assertThat(cache.versionsDir(HELLO)).doesNotExist();
        assertThat(cache.extractedDir(HELLO_1)).doesNotExist();
        assertThat(cache.extractedDir(HELLO_2)).doesNotExist();
        assertThat(cache.extractedState(NESTED_1)).isEqualTo(ModCache.ExtractedState.COMPLETE);
        assertThat(cache.isZipComplete(NESTED_1)).isTrue();
        GoTool.Result offline = goOffline(cache, NESTED_1);
        assertThat(offline.exitCode()).as(offline.stdout()).isZero();

        cleaner.removeModule(NESTED);
        assertThat(ModCacheTest.names(cache.root())).containsExactly("cache");
        assertThat(ModCacheTest.names(cache.downloadRoot())).isEmpty();
        assertThat(cleaner.usage().versions()).isEmpty();
    }

    @Test
    void removingSomethingNotCachedChangesNothing() throws IOException {
        ModCache cache = new ModCache(scratch.resolve("modcache"));
        assertThat(new CacheCleaner(cache).removeVersion(HELLO_1)).isZero();
        assertThat(new CacheCleaner(cache).removeModule(HELLO)).isZero();
        assertThat(scratch.resolve("modcache")).doesNotExist();
    }

    // ---- sizes -------------------------------------------------------------------------------

    @Test
    void usageAccountsForEveryByteOfAGoFilledCache() throws IOException {
        ModCache cache = goFilledCache();
        CacheUsage usage = new CacheCleaner(cache).usage();

        assertThat(usage.versions()).extracting(v -> v.path() + "@" + v.version())
                .containsExactly("example.com/Hello@v1.0.0", "example.com/Hello@v1.1.0", "example.com/Hello/sub@v1.0.0");
        for (CacheUsage.VersionUsage v : usage.versions()) {
            ModuleVersion mv = ModuleVersion.of(v.path(), v.version());
            assertThat(v.downloadBytes()).isEqualTo(sizeOf(cache.infoFile(mv)) + sizeOf(cache.modFile(mv))
                    + sizeOf(cache.zipFile(mv)) + sizeOf(cache.zipHashFile(mv)));
            assertThat(v.extractedBytes()).isEqualTo(sizeOf(cache.extractedDir(mv))).isPositive();
            assertThat(v.extracted()).isTrue();
        }
        assertThat(usage.otherBytes()).isEqualTo(sizeOf(cache.listFile(HELLO)) + sizeOf(cache.listFile(NESTED)));
        assertThat(usage.totalBytes()).isEqualTo(sizeOf(cache.root()));
        assertThat(usage.bytesByModule()).containsOnlyKeys(HELLO, NESTED);
    }

    private static GoTool.Result goOffline(ModCache cache, ModuleVersion... mvs) throws IOException {
        Path scratch = cache.root().getParent();
        Map<String, String> env = GoTool.pinnedEnv(scratch, "off");
        env.put("GOMODCACHE", cache.root().toString());
        env.put("GOFLAGS", "");
        String[] args = Stream.concat(Stream.of("mod", "download", "-json"), Stream.of(mvs).map(ModuleVersion::toString))
                .toArray(String[]::new);
        return GoTool.run(Files.createDirectories(scratch.resolve("work")), env, args);
    }

    static String modeOf(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static long sizeOf(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            long total = 0;
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                total += Files.size(f);
            }
            return total;
        }
    }
}

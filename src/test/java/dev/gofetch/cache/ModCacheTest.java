package dev.gofetch.cache;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModuleVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// The write/read protocol details that a differential run does not exercise (failures, leftovers,
/// concurrent holders).
@SuppressWarnings("try")
class ModCacheTest {
    static final ModuleVersion V1 = ModuleVersion.of("example.com/Hello", "v1.0.0");
    static final String H1 = "h1:" + "A".repeat(43) + "=";

    @TempDir
    Path root;
    ModCache cache;

    @BeforeEach
    void setUp() {
        cache = new ModCache(root);
    }

    @Test
    void pathsAreCaseEscaped() {
        ModuleVersion mv = ModuleVersion.of("github.com/Azure/Go", "v1.0.0-RC1");
        assertThat(root.relativize(cache.zipFile(mv)).toString())
                .isEqualTo("cache/download/github.com/!azure/!go/@v/v1.0.0-!r!c1.zip");
        assertThat(root.relativize(cache.extractedDir(mv)).toString()).isEqualTo("github.com/!azure/!go@v1.0.0-!r!c1");
        assertThat(root.relativize(cache.listFile("github.com/Azure/Go")).toString())
                .isEqualTo("cache/download/github.com/!azure/!go/@v/list");
        assertThat(root.relativize(cache.sideLockFile()).toString()).isEqualTo("cache/lock");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.0.0        | non-semver module version \"1.0.0\"",
            "latest       | non-semver module version \"latest\"",
            "v1.2         | non-canonical module version \"v1.2\"",
            "v1.0.0+build | non-canonical module version \"v1.0.0+build\"",
    })
    void rejectsVersionsCmdGoRejects(String version, String message) {
        ModuleVersion mv = ModuleVersion.of("example.com/m", version);
        assertThatThrownBy(() -> cache.infoFile(mv)).isInstanceOf(InvalidModuleException.class).hasMessage(message);
        assertThatThrownBy(() -> cache.extractedDir(mv)).isInstanceOf(InvalidModuleException.class).hasMessage(message);
    }

    @Test
    void rejectsInvalidPathsAndTheToolchainModules() {
        assertThatThrownBy(() -> cache.infoFile(ModuleVersion.of("example.com/../x", "v1.0.0")))
                .isInstanceOf(InvalidModuleException.class);
        assertThatThrownBy(() -> cache.infoFile(ModuleVersion.of("go", "v1.0.0")))
                .hasMessage("internal error: invalid operation on toolchain module");
    }

    @Test
    void requiresAnAbsoluteRoot() {
        assertThatThrownBy(() -> new ModCache(Path.of("rel")))
                .hasMessage("GOMODCACHE entry is relative; must be absolute path: \"rel\".");
    }

    @Test
    void atomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = cache.infoFile(V1);
        ModCache.writeAtomically(file, "one".getBytes(StandardCharsets.UTF_8));
        ModCache.writeAtomically(file, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("two");
        assertThat(names(file.getParent())).containsExactly("v1.0.0.info");
    }

    @Test
    void temporaryFilesAreNamedLikeGosTempFile() throws IOException {
        Path tmp = ModCache.createTempFile(Files.createDirectories(root.resolve("d")), "v1.0.0.zip");
        assertThat(tmp.getFileName().toString()).matches("v1\\.0\\.0\\.zip[0-9]{1,9}\\.tmp");
    }

    @Test
    void listHasEveryCanonicalModVersionSemverSorted() throws IOException {
        Path dir = cache.versionsDir("example.com/Hello");
        Files.createDirectories(dir);
        for (String name : List.of("v1.10.0.mod", "v1.2.0.mod", "v1.2.0-pre.mod", "v0.0.0-20200101000000-abcdefabcdef.mod",
                "v2.0.0+incompatible.mod", "v1.2.mod", "v1.3.0+meta.mod", "foo.mod", ".mod", "v1.4.0.mod123.tmp",
                "v1.5.0.info", "v1.6.0.zip", "v1.0.0-!r!c1.mod")) {
            Files.createFile(dir.resolve(name));
        }
        cache.rewriteVersionList("example.com/Hello");
        assertThat(cache.listFile("example.com/Hello")).hasContent(
                "v0.0.0-20200101000000-abcdefabcdef\nv1.2.0-pre\nv1.2.0\nv1.10.0\nv2.0.0+incompatible\n");
    }

    @Test
    void anUpToDateListIsNotRewritten() throws IOException {
        cache.writeMod(V1, "module example.com/Hello\n".getBytes(StandardCharsets.UTF_8));
        Path list = cache.listFile(V1.path());
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(list, old);
        cache.rewriteVersionList(V1.path());
        assertThat(Files.getLastModifiedTime(list)).isEqualTo(old);
    }

    @Test
    void aTornListIsRepaired() throws IOException {
        cache.writeMod(V1, "module example.com/Hello\n".getBytes(StandardCharsets.UTF_8));
        Path list = cache.listFile(V1.path());
        Files.write(list, "v1.0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.UTF_8));
        cache.rewriteVersionList(V1.path());
        assertThat(list).hasContent("v1.0.0\n");
        Files.write(list, "v9.9.9\n".getBytes(StandardCharsets.UTF_8));
        cache.rewriteVersionList(V1.path());
        assertThat(list).hasContent("v1.0.0\n");
    }

    @Test
    void listIsRewrittenOnlyUnderItsLock() throws Exception {
        Path list = cache.listFile(V1.path());
        Files.createDirectories(list.getParent());
        CompletableFuture<Void> writer;
        try (FileLock held = FileLock.exclusive(list)) {
            writer = CompletableFuture.runAsync(() -> {
                try {
                    cache.writeMod(V1, "module example.com/Hello\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            Thread.sleep(150);
            assertThat(writer).isNotDone();
            assertThat(cache.modFile(V1)).exists();
            assertThat(list).isEmptyFile();
        }
        writer.get(10, TimeUnit.SECONDS);
        assertThat(list).hasContent("v1.0.0\n");
    }

    @Test
    void zipHashIsReadTrimmedAndDamagedOnesAreIgnored() throws IOException {
        Path file = cache.zipHashFile(V1);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "  " + H1 + "\n");
        assertThat(cache.readZipHash(V1)).contains(H1);
        Files.writeString(file, H1.substring(0, 46) + "\0");
        assertThat(cache.readZipHash(V1)).isEmpty();
        Files.writeString(file, H1.substring(0, 46));
        assertThat(cache.readZipHash(V1)).isEmpty();
        Files.writeString(file, "h2:" + H1.substring(3));
        assertThatThrownBy(() -> cache.readZipHash(V1)).hasMessage("unexpected ziphash: \"h2:" + H1.substring(3) + "\"");
        Files.delete(file);
        assertThat(cache.readZipHash(V1)).isEmpty();
    }

    @Test
    void zipHashWriterRejectsWhatIsNotAnH1Hash() {
        assertThatThrownBy(() -> cache.writeZipHash(V1, "h1:short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishZipDownloadsChecksAndThenRenamesRemovingStaleTemporaryFiles() throws IOException {
        Path dir = Files.createDirectories(cache.versionsDir(V1.path()));
        Files.writeString(dir.resolve("v1.0.0.zip123456.tmp"), "stale");
        Files.writeString(dir.resolve("v1.0.0.info77.tmp"), "someone else's");
        List<Path> checked = new ArrayList<>();
        Path zip = cache.publishZip(V1, tmp -> Files.writeString(tmp, "zip bytes"), z -> {
            checked.add(z);
            assertThat(cache.zipFile(V1)).as("not published before the check").doesNotExist();
            return H1;
        });
        assertThat(zip).isEqualTo(cache.zipFile(V1)).hasContent("zip bytes");
        assertThat(checked).singleElement().matches(p -> p.getFileName().toString().matches("v1\\.0\\.0\\.zip[0-9]+\\.tmp"));
        assertThat(cache.zipHashFile(V1)).hasContent(H1);
        assertThat(names(dir)).containsExactlyInAnyOrder("v1.0.0.zip", "v1.0.0.ziphash", "v1.0.0.lock", "v1.0.0.info77.tmp");
        assertThat(cache.isZipComplete(V1)).isTrue();
    }

    @Test
    void aRejectedZipLeavesNothingBehind() throws IOException {
        assertThatThrownBy(() -> cache.publishZip(V1, tmp -> Files.writeString(tmp, "evil"), z -> {
            throw new IOException("verifying module: checksum mismatch");
        })).hasMessage("verifying module: checksum mismatch");
        assertThat(names(cache.versionsDir(V1.path()))).containsExactly("v1.0.0.lock");
        assertThat(cache.isZipComplete(V1)).isFalse();
    }

    @Test
    void aZipWithoutZiphashIsRehashedNotDownloaded() throws IOException {
        Path zip = cache.zipFile(V1);
        Files.createDirectories(zip.getParent());
        Files.writeString(zip, "cached zip");
        cache.publishZip(V1, tmp -> {
            throw new AssertionError("must not download");
        }, z -> {
            assertThat(z).isEqualTo(zip);
            return H1;
        });
        assertThat(cache.zipHashFile(V1)).hasContent(H1);
    }

    @Test
    void aCompleteZipShortCircuitsWithoutTakingTheLock() throws IOException {
        Path zip = cache.zipFile(V1);
        Files.createDirectories(zip.getParent());
        Files.writeString(zip, "cached zip");
        cache.writeZipHash(V1, H1);
        cache.publishZip(V1, tmp -> {
            throw new AssertionError("must not download");
        }, z -> {
            throw new AssertionError("must not hash");
        });
        assertThat(cache.lockFile(V1)).doesNotExist();
    }

    @Test
    void extractionMarksPartialThenMakesDirectoriesReadOnly() throws IOException {
        cache.writeZipHash(V1, H1);
        Path dir = cache.publishExtracted(V1, d -> {
            assertThat(cache.partialFile(V1)).exists();
            assertThat(cache.extractedState(V1)).isEqualTo(ModCache.ExtractedState.ABSENT);
            Files.createDirectories(d.resolve("a/b"));
            Files.writeString(d.resolve("a/b/f.go"), "package b\n");
            assertThat(cache.extractedState(V1)).isEqualTo(ModCache.ExtractedState.PARTIAL);
        }, false);
        assertThat(cache.partialFile(V1)).doesNotExist();
        for (Path d : List.of(dir, dir.resolve("a"), dir.resolve("a/b"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("r-xr-xr-x");
        }
        assertThat(CacheCleanerTest.modeOf(dir.resolve("a/b/f.go"))).as("files are the unzipper's business").startsWith("rw");
        assertThat(cache.extractedState(V1)).isEqualTo(ModCache.ExtractedState.COMPLETE);

        AtomicInteger calls = new AtomicInteger();
        cache.publishExtracted(V1, d -> calls.incrementAndGet(), false);
        assertThat(calls).hasValue(0);
    }

    @Test
    void aPartialExtractionAndOldTemporaryDirectoriesAreRemovedFirst() throws IOException {
        cache.writeZipHash(V1, H1);
        Path dir = cache.extractedDir(V1);
        Files.createDirectories(dir.resolve("half"));
        Files.createFile(cache.partialFile(V1));
        Path old = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".tmp-12345/x"));
        CacheTree.makeDirsReadOnly(dir);
        CacheTree.makeDirsReadOnly(old.getParent());
        cache.publishExtracted(V1, d -> {
            assertThat(d).doesNotExist();
            Files.createDirectories(d);
            Files.writeString(d.resolve("go.mod"), "module example.com/Hello\n");
        }, false);
        assertThat(names(dir)).containsExactly("go.mod");
        assertThat(names(dir.getParent())).containsExactly(dir.getFileName().toString());
    }

    @Test
    void aDirectoryWithoutZiphashIsNotComplete() throws IOException {
        Files.createDirectories(cache.extractedDir(V1));
        assertThat(cache.extractedState(V1)).isEqualTo(ModCache.ExtractedState.PARTIAL);
    }

    @Test
    void aFailedExtractionRemovesTheDirectoryAndThenTheMarker() throws IOException {
        cache.writeZipHash(V1, H1);
        assertThatThrownBy(() -> cache.publishExtracted(V1, d -> {
            Files.createDirectories(d.resolve("x"));
            Files.setPosixFilePermissions(d.resolve("x"), PosixFilePermissions.fromString("r-xr-xr-x"));
            throw new IOException("zip file contains a bad name");
        }, false)).hasMessage("zip file contains a bad name");
        assertThat(cache.extractedDir(V1)).doesNotExist();
        assertThat(cache.partialFile(V1)).doesNotExist();
        assertThat(cache.extractedState(V1)).isEqualTo(ModCache.ExtractedState.ABSENT);
    }

    @Test
    void modCacheRwKeepsDirectoriesWritable() throws IOException {
        cache.writeZipHash(V1, H1);
        Path dir = cache.publishExtracted(V1, d -> Files.createDirectories(d.resolve("sub")), true);
        assertThat(CacheCleanerTest.modeOf(dir)).startsWith("rwx");
        assertThat(CacheCleanerTest.modeOf(dir.resolve("sub"))).startsWith("rwx");
    }

    @Test
    void obsoleteVgoModFilesCountAsMissing() throws IOException {
        ModCache.writeAtomically(cache.modFile(V1), "//vgo 0.0.4\nmodule x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cache.readMod(V1)).isEmpty();
        ModCache.writeAtomically(cache.modFile(V1), "module x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cache.readMod(V1)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("module x\n"));
    }

    @Test
    void undecodableInfoCountsAsMissing() throws IOException {
        ModCache.writeAtomically(cache.infoFile(V1), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(cache.readInfo(V1)).isEmpty();
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

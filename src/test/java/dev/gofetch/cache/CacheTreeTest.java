package dev.gofetch.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.gofetch.cache.CacheCleanerTest.modeOf;
import static org.assertj.core.api.Assertions.assertThat;

class CacheTreeTest {
    @TempDir
    Path dir;

    private Path tree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("m@v1.0.0/a/b"));
        Files.writeString(root.resolve("f.go"), "package b\n");
        Files.setPosixFilePermissions(root.resolve("f.go"), PosixFilePermissions.fromString("r--r--r--"));
        return dir.resolve("m@v1.0.0");
    }

    @Test
    void makeDirsReadOnlyClearsWriteBitsOfDirectoriesOnly() throws IOException {
        Path root = tree();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.setPosixFilePermissions(root.resolve("a"), PosixFilePermissions.fromString("rwxrwxr-x"));

        CacheTree.makeDirsReadOnly(root);

        assertThat(modeOf(root)).doesNotContain("w");
        assertThat(modeOf(root.resolve("a"))).isEqualTo("r-xr-xr-x");
        assertThat(modeOf(root.resolve("a/b"))).doesNotContain("w");
        assertThat(modeOf(root.resolve("a/b/f.go"))).isEqualTo("r--r--r--");
        assertThat(modeOf(outside)).startsWith("rw");
    }

    @Test
    void makeDirsWritableGivesDirectories0777() throws IOException {
        Path root = tree();
        CacheTree.makeDirsReadOnly(root);
        CacheTree.makeDirsWritable(root);
        assertThat(modeOf(root)).isEqualTo("rwxrwxrwx");
        assertThat(modeOf(root.resolve("a/b"))).isEqualTo("rwxrwxrwx");
        assertThat(modeOf(root.resolve("a/b/f.go"))).isEqualTo("r--r--r--");
    }

    @Test
    void removeAllDeletesAReadOnlyTreeButNotWhatLinksPointAt() throws IOException {
        Path root = tree();
        Path outside = Files.createDirectories(dir.resolve("outside/inner"));
        Files.writeString(outside.resolve("keep"), "keep");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createSymbolicLink(root.resolve("a/dirlink"), outside);
        Files.createSymbolicLink(root.resolve("a/filelink"), outside.resolve("keep"));
        CacheTree.makeDirsReadOnly(root);

        CacheTree.removeAll(root);

        assertThat(root).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("keep");
        assertThat(modeOf(outside)).isEqualTo("r-xr-xr-x");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void removeAllOfALinkRemovesOnlyTheLink() throws IOException {
        Path root = tree();
        Path link = Files.createSymbolicLink(dir.resolve("link"), root);
        CacheTree.removeAll(link);
        assertThat(link).doesNotExist();
        assertThat(root.resolve("a/b/f.go")).exists();
    }

    @Test
    void removeAllOfNothingIsFine() throws IOException {
        CacheTree.removeAll(dir.resolve("missing"));
        assertThat(dir.resolve("missing")).doesNotExist();
    }
}

package dev.gofetch.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.verify.CheckedFiles.FileError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModuleZipTest {
    private static final String EMPTY_HASH = "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    @TempDir
    Path tmp;

    private Path write(RawZip zip) throws IOException {
        Path file = Files.createTempFile(tmp, "m", ".zip");
        zip.write(file);
        return file;
    }

    // ------------------------------------------------------------ CheckZip

    @Test
    void checkReportsEveryInvalidEntryWithCheckZipsMessages() throws IOException {
        Path zip = write(Txtar.parse("""
                -- noprefix --
                -- example.com/various@v1.0.0/valid.go --
                -- example.com/various@v1.0.0/not/../clean --
                -- example.com/various@v1.0.0/invalid.go' --
                -- example.com/various@v1.0.0/GO.MOD --
                -- example.com/various@v1.0.0/valid.go --
                duplicate
                """).zip());

        ModuleZip.ZipCheck check = ModuleZip.check(zip, "example.com/various", "v1.0.0");

        assertThat(check.files().valid()).containsExactly("example.com/various@v1.0.0/valid.go");
        assertThat(check.files().omitted()).isEmpty();
        assertThat(check.files().invalid()).extracting(FileError::toString).containsExactly(
                "noprefix: path does not have prefix \"example.com/various@v1.0.0/\"",
                "example.com/various@v1.0.0/not/../clean: file path is not clean",
                "example.com/various@v1.0.0/invalid.go': malformed file path \"invalid.go'\": invalid char '\\''",
                "example.com/various@v1.0.0/GO.MOD: go.mod files must have lowercase names",
                "example.com/various@v1.0.0/valid.go: multiple entries for file \"valid.go\"");
        assertThat(check.ok()).isFalse();
        assertThat(check.error()).isEqualTo(String.join("\n", check.files().invalid().stream()
                .map(FileError::toString).toList()));
    }

    @Test
    void checkAcceptsAnEmptyZipAndDirectoryEntries() throws IOException {
        assertThat(ModuleZip.check(write(new RawZip()), "example.com/empty", "v1.0.0").ok()).isTrue();
        Path withDirs = write(new RawZip().add("example.com/m@v1.0.0/", "").add("example.com/m@v1.0.0/a/", "")
                .add("example.com/m@v1.0.0/a/", "").add("example.com/m@v1.0.0/a/b.go", "package a\n"));
        ModuleZip.ZipCheck check = ModuleZip.check(withDirs, "example.com/m", "v1.0.0");
        assertThat(check.ok()).isTrue();
        assertThat(check.files().valid()).containsExactly("example.com/m@v1.0.0/a/b.go");
    }

    @Test
    void checkDoesNotReadContentsSoALyingSizeOnlyShowsWhenExtracting() throws IOException {
        Path bomb = write(new RawZip().add(RawZip.entry("example.com/m@v1.0.0/big", "A".repeat(100_000)).declaredSize(10)));
        assertThat(ModuleZip.check(bomb, "example.com/m", "v1.0.0").ok()).isTrue();
    }

    @Test
    void checkRejectsAnUncleanVersionOrAMismatchedMajorBeforeLookingAtEntries() throws IOException {
        Path zip = write(new RawZip().add("example.com/m@v1.0.0/a.go", "package a\n"));
        assertThat(ModuleZip.check(zip, "example.com/m", "v1.0.0+bad").error())
                .isEqualTo("version \"v1.0.0+bad\" is not canonical (should be \"v1.0.0\")");
        assertThat(ModuleZip.check(zip, "example.com/m", "v2.0.0").error())
                .contains("invalid version: should be v0 or v1, not v2");
        assertThat(ModuleZip.check(zip, "cache", "v1.0.0").error())
                .contains("missing dot in first path element");
    }

    static Stream<Arguments> sizeLimits() {
        long max = ModuleZip.MAX_ZIP_FILE;
        return Stream.of(
                Arguments.of("one_large", new long[] {max}, new String[] {"large.go"}, null),
                Arguments.of("one_too_large", new long[] {max + 1}, new String[] {"large.go"},
                        "total uncompressed size of module contents too large (max size is 524288000 bytes)"),
                Arguments.of("total_large", new long[] {10, max - 10}, new String[] {"small.go", "large.go"}, null),
                Arguments.of("total_too_large", new long[] {10, max - 9}, new String[] {"small.go", "large.go"},
                        "total uncompressed size of module contents too large (max size is 524288000 bytes)"),
                Arguments.of("large_gomod", new long[] {ModuleZip.MAX_GO_MOD}, new String[] {"go.mod"}, null),
                Arguments.of("too_large_gomod", new long[] {ModuleZip.MAX_GO_MOD + 1}, new String[] {"go.mod"},
                        "example.com/large@v1.0.0/go.mod: go.mod file too large (max size is 16777216 bytes)"),
                Arguments.of("large_license", new long[] {ModuleZip.MAX_LICENSE}, new String[] {"LICENSE"}, null),
                Arguments.of("too_large_license", new long[] {ModuleZip.MAX_LICENSE + 1}, new String[] {"LICENSE"},
                        "example.com/large@v1.0.0/LICENSE: LICENSE file too large (max size is 16777216 bytes)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizeLimits")
    void checkEnforcesDeclaredSizeLimits(String desc, long[] sizes, String[] names, String wantErr) throws IOException {
        RawZip zip = new RawZip();
        for (int i = 0; i < sizes.length; i++) {
            zip.add(RawZip.entry("example.com/large@v1.0.0/" + names[i], "x").stored().declaredSize(sizes[i]));
        }
        Path file = write(zip);
        assertThat(ModuleZip.check(file, "example.com/large", "v1.0.0").error()).isEqualTo(wantErr);
        if (wantErr != null) {
            Path target = tmp.resolve("target-" + desc);
            assertThatThrownBy(() -> ModuleZip.unzip(file, target, "example.com/large", "v1.0.0"))
                    .isInstanceOf(ModuleZipException.class)
                    .hasMessage("unzip " + file + ": " + wantErr);
            assertThat(target).doesNotExist();
        }
    }

    @Test
    void aZipFileLargerThanTheLimitIsRejectedBeforeItIsParsed() throws IOException {
        Path tooLarge = tmp.resolve("too_large.zip");
        try (RandomAccessFile f = new RandomAccessFile(tooLarge.toFile(), "rw")) {
            f.setLength(ModuleZip.MAX_ZIP_FILE + 1);
        }
        assertThat(ModuleZip.check(tooLarge, "example.com/large", "v1.0.0").error())
                .isEqualTo("module zip file is too large (524288001 bytes; limit is 524288000 bytes)");

        Path large = tmp.resolve("large.zip");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(ModuleZip.MAX_ZIP_FILE);
        }
        assertThat(ModuleZip.check(large, "example.com/large", "v1.0.0").error()).isEqualTo("zip: not a valid zip file");
    }

    // ------------------------------------------------------------ Unzip

    static Stream<Arguments> unzipVectors() {
        String simple = """
                -- example.com/m@v1.0.0/go.mod --
                module example.com/m

                go 1.13
                -- example.com/m@v1.0.0/m.go --
                package m

                func Foo() int { return 42 }
                -- example.com/m@v1.0.0/cmd/hello/hello.go --
                package main

                import (
                  "fmt"
                  "example.com/m"
                )

                func main() {
                  fmt.Println(m.Foo())
                }
                """;
        return Stream.of(
                Arguments.of("simple", "example.com/m", "v1.0.0", simple, "h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=", null),
                Arguments.of("empty", "example.com/empty", "v1.0.0", "", EMPTY_HASH, null),
                Arguments.of("go_mod_dir", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/go.mod/a.go --
                        package a
                        """, "h1:Mun5l9cBlDnnV6JasTpio2aZJSbFj++h+814mnKC/OM=", null),
                Arguments.of("bad_file_path", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/bad.go' --
                        package bad
                        """, null, "malformed file path \"bad.go'\": invalid char '\\''"),
                Arguments.of("bad_gomod_case", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/GO.MOD --
                        module example.com/m
                        """, null, "go.mod files must have lowercase names"),
                Arguments.of("bad_mod_path", "cache", "v1.0.0", "", null, "missing dot in first path element"),
                Arguments.of("bad_mod_path_version_suffix", "example.com/m", "v2.0.0", "", null,
                        "invalid version: should be v0 or v1, not v2"),
                Arguments.of("bad_version", "example.com/m", "v1.0.0+bad", "", null,
                        "version \"v1.0.0+bad\" is not canonical (should be \"v1.0.0\")"),
                Arguments.of("dup_file", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/dup.go --
                        package d1
                        -- example.com/m@v1.0.0/dup.go --
                        package d2
                        """, null, "multiple entries for file \"dup.go\""),
                Arguments.of("dup_file_and_dir", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/a.go --
                        package a
                        -- example.com/m@v1.0.0/a.go/b.go --
                        package b
                        """, null, "entry \"a.go\" is both a file and a directory"),
                Arguments.of("file_case_conflict", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/m.go --
                        package m
                        -- example.com/m@v1.0.0/M.GO --
                        package m
                        """, null, "case-insensitive file name collision: \"m.go\" and \"M.GO\""),
                Arguments.of("prefix_only", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0 --
                        -- example.com/m@v1.0.0/go.mod --
                        module example.com/m
                        """, null, "example.com/m@v1.0.0: path does not have prefix \"example.com/m@v1.0.0/\""),
                Arguments.of("cap_go_mod_not_submodule", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/a.go --
                        package a
                        -- example.com/m@v1.0.0/b/GO.MOD --
                        MODULE EXAMPLE.COM/M/B
                        -- example.com/m@v1.0.0/b/b.go --
                        package b
                        """, null, "go.mod file not in module root directory"),
                Arguments.of("bad_submodule", "example.com/m", "v1.0.0", """
                        -- example.com/m@v1.0.0/go.mod --
                        module example.com/m

                        go 1.13
                        -- example.com/m@v1.0.0/sub/go.mod --
                        module example.com/m/sub
                        """, null, "go.mod file not in module root directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unzipVectors")
    void unzipsTheXModUnzipVectors(String desc, String path, String version, String fixture, String wantHash,
            String wantErr) throws IOException {
        Path zip = write(Txtar.parse(fixture).zip());
        Path target = tmp.resolve("out").resolve(desc);
        if (wantErr == null) {
            ModuleZip.unzip(zip, target, path, version);
            assertThat(Hash1.hashDir(target, path + "@" + version)).isEqualTo(wantHash);
        } else {
            assertThatThrownBy(() -> ModuleZip.unzip(zip, target, path, version))
                    .isInstanceOf(ModuleZipException.class)
                    .hasMessageStartingWith("unzip " + zip + ": ")
                    .hasMessageContaining(wantErr);
            assertThat(tmp.resolve("out")).doesNotExist();
        }
    }

    @Test
    void unzipCreatesReadOnlyFilesAndSkipsDirectoryEntries() throws IOException {
        Path zip = write(new RawZip().add("example.com/m@v1.0.0/", "").add("example.com/m@v1.0.0/d/", "")
                .add("example.com/m@v1.0.0/e/", "").add("example.com/m@v1.0.0/d/x.go", "package d\n"));
        Path target = tmp.resolve("t");
        ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0");
        assertThat(Files.readString(target.resolve("d/x.go"))).isEqualTo("package d\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("d/x.go"))))
                .isEqualTo("r--r--r--");
        assertThat(target.resolve("e")).doesNotExist();
    }

    @Test
    void unzipWritesASymlinkEntryAsAPlainFileHoldingTheLinkText() throws IOException {
        Path zip = write(new RawZip().add(RawZip.entry("example.com/m@v1.0.0/link", "/etc/passwd").symlink()));
        Path target = tmp.resolve("t");
        ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0");
        assertThat(Files.isRegularFile(target.resolve("link"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(target.resolve("link"))).isEqualTo("/etc/passwd");
    }

    @Test
    void unzipRefusesANonEmptyTargetAndLeavesItAlone() throws IOException {
        Path zip = write(new RawZip().add("example.com/m@v1.0.0/a.go", "package a\n"));
        Path target = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(target.resolve("mine"), "keep");
        assertThatThrownBy(() -> ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + zip + ": target directory " + target + " exists and is not empty");
        try (Stream<Path> left = Files.list(target)) {
            assertThat(left).containsExactly(target.resolve("mine"));
        }
    }

    @Test
    void unzipIntoAnExistingEmptyDirectoryWorks() throws IOException {
        Path zip = write(new RawZip().add("example.com/m@v1.0.0/a.go", "package a\n"));
        Path target = Files.createDirectories(tmp.resolve("t"));
        ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0");
        assertThat(target.resolve("a.go")).hasContent("package a");
    }

    @Test
    void unzipOntoAFileFailsLikeMkdirAll() throws IOException {
        Path zip = write(new RawZip().add("example.com/m@v1.0.0/a.go", "package a\n"));
        Path target = Files.writeString(tmp.resolve("t"), "a file");
        assertThatThrownBy(() -> ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + zip + ": mkdir " + target + ": not a directory");
        assertThat(target).hasContent("a file");
    }

    @Test
    void unzipOfAMissingZipFailsWithoutCreatingTheTarget() {
        Path zip = tmp.resolve("missing.zip");
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + zip + ": open " + zip + ": no such file or directory");
        assertThat(target).doesNotExist();
    }

    @Test
    void aZipBombIsStoppedWhileReadingAndEverythingWrittenIsRemoved() throws IOException {
        Path zip = write(new RawZip()
                .add("example.com/m@v1.0.0/a/first.go", "package a\n")
                .add(RawZip.entry("example.com/m@v1.0.0/b/bomb", new byte[8 << 20]).declaredSize(1000)));
        Path target = tmp.resolve("x/y/t");
        assertThatThrownBy(() -> ModuleZip.unzip(zip, target, "example.com/m", "v1.0.0"))
                .isInstanceOf(ModuleZipException.class)
                .hasMessage("unzip " + zip + ": zip: not a valid zip file");
        assertThat(tmp.resolve("x")).doesNotExist();

        Path existing = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ModuleZip.unzip(zip, existing, "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + zip + ": zip: not a valid zip file");
        assertThat(existing).isEmptyDirectory();
    }

    @Test
    void shortContentAndBadChecksumsFailExtraction() throws IOException {
        Path shortZip = write(new RawZip().add(RawZip.entry("example.com/m@v1.0.0/a", "abc").declaredSize(5)));
        assertThatThrownBy(() -> ModuleZip.unzip(shortZip, tmp.resolve("t1"), "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + shortZip + ": unexpected EOF");
        Path crc = write(new RawZip().add(RawZip.entry("example.com/m@v1.0.0/a", "abc").declaredCrc(7)));
        assertThatThrownBy(() -> ModuleZip.unzip(crc, tmp.resolve("t2"), "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + crc + ": zip: checksum error");
        assertThat(tmp.resolve("t1")).doesNotExist();
        assertThat(tmp.resolve("t2")).doesNotExist();
    }

    @Test
    void anUnknownCompressionMethodIsReportedWithGosMessage() throws IOException {
        // Go's CheckZip would pass this zip and fail only when reading; the JDK refuses it up front.
        Path zip = write(new RawZip().add(RawZip.entry("example.com/m@v1.0.0/a", "abc").stored().method(12)));
        assertThat(ModuleZip.check(zip, "example.com/m", "v1.0.0").error()).isEqualTo("zip: unsupported compression algorithm");
        assertThatThrownBy(() -> Hash1.hashZip(zip)).hasMessage("zip: unsupported compression algorithm");
        assertThatThrownBy(() -> ModuleZip.unzip(zip, tmp.resolve("t"), "example.com/m", "v1.0.0"))
                .hasMessage("unzip " + zip + ": zip: unsupported compression algorithm");
        assertThat(tmp.resolve("t")).doesNotExist();
    }

    @Test
    void zip64RecordsDataDescriptorsCommentsAndLeadingBytesAreAllReadable() throws IOException {
        String p = "example.com/m@v1.0.0/";
        Path plain = write(new RawZip().add(p + "go.mod", "module example.com/m\n").add(p + "a.go", "package a\n"));
        Path fancy = write(new RawZip()
                .add(RawZip.entry(p + "go.mod", "module example.com/m\n").zip64())
                .add(RawZip.entry(p + "a.go", "package a\n").zip64AllFields().dataDescriptor())
                .zip64End().comment("made by hand").leadingJunk(new byte[1234]));
        assertThat(Hash1.hashZip(fancy)).isEqualTo(Hash1.hashZip(plain));
        Path target = tmp.resolve("t");
        ModuleZip.unzip(fancy, target, "example.com/m", "v1.0.0");
        assertThat(Hash1.hashDir(target, "example.com/m@v1.0.0")).isEqualTo(Hash1.hashZip(plain));
    }
}

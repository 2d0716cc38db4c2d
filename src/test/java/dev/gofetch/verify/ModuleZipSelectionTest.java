package dev.gofetch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.verify.CheckedFiles.FileError;
import dev.gofetch.verify.ModuleZip.TreeEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/// Which files a module zip is made of (x/mod/zip's Create / CreateFromDir rules), checked with the
/// hashes and verdict lists of golang.org/x/mod's zip fixtures, recreated here.
class ModuleZipSelectionTest {
    private static final String EMPTY_HASH = "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    private static final Pattern GO_LINE = Pattern.compile("(?m)^go (\\S+)$");

    @TempDir
    Path tmp;

    private static String goVersionOf(Txtar files) {
        return files.files().stream().filter(f -> f.name().equals("go.mod")).findFirst()
                .map(f -> {
                    Matcher m = GO_LINE.matcher(f.content());
                    return m.find() ? m.group(1) : "";
                }).orElse("");
    }

    private static List<TreeEntry> asFiles(Txtar files) {
        return files.files().stream().map(f -> TreeEntry.file(f.name(), f.bytes().length)).toList();
    }

    /// The h1 hash of the zip `Create` would write: the valid files under `path@version/`.
    private static String zipHash(List<String> valid, Map<String, byte[]> contents, String prefix) throws IOException {
        List<String> names = valid.stream().map(v -> prefix + v).toList();
        return Hash1.hash(names, name -> new ByteArrayInputStream(contents.get(name.substring(prefix.length()))));
    }

    private static Map<String, byte[]> contents(Txtar files) {
        Map<String, byte[]> m = new HashMap<>();
        files.files().forEach(f -> m.put(f.name(), f.bytes()));
        return m;
    }

    static Stream<Arguments> createVectors() {
        return Stream.of(
                Arguments.of("simple", """
                        -- go.mod --
                        module example.com/m

                        go 1.13
                        -- m.go --
                        package m

                        func Foo() int { return 42 }
                        -- cmd/hello/hello.go --
                        package main

                        import (
                          "fmt"
                          "example.com/m"
                        )

                        func main() {
                          fmt.Println(m.Foo())
                        }
                        """, List.of("go.mod", "m.go", "cmd/hello/hello.go"), "h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k="),
                Arguments.of("empty", "", List.of(), EMPTY_HASH),
                Arguments.of("exclude_vendor", """
                        -- go.mod --
                        module example.com/m

                        go 1.13
                        -- vendor/modules.txt --
                        included
                        see comment in isVendoredPackage and golang.org/issue/31562.
                        -- vendor/example.com/x/x.go --
                        excluded
                        -- sub/vendor/sub.txt --
                        excluded
                        -- pkg/vendor/vendor.go --
                        excluded
                        see comment in isVendoredPackage and golang.org/issue/37397
                        """, List.of("go.mod", "vendor/modules.txt"), "h1:5u93LDLN0Me+NGfZtRpA5mHxY8svfykHpq4CMSaBZyc="),
                Arguments.of("exclude_vendor_go124", """
                        -- go.mod --
                        module example.com/m

                        go 1.24
                        modules.txt is excluded in 1.24+. See golang.org/issue/63395
                        -- vendor/modules.txt --
                        excluded
                        see comment in isVendoredPackage and golang.org/issue/31562.
                        -- vendor/example.com/x/x.go --
                        excluded
                        -- sub/vendor/sub.txt --
                        excluded
                        -- pkg/vendor/vendor.go --
                        included
                        see comment in isVendoredPackage and golang.org/issue/37397
                        """, List.of("go.mod", "sub/vendor/sub.txt", "pkg/vendor/vendor.go"),
                        "h1:mJR1q75yiMK6+CDw6DuhMS4v4hNoLXqkyk2Cph4VS8Q="),
                Arguments.of("exclude_submodule", """
                        -- go.mod --
                        module example.com/m

                        go 1.13
                        -- sub/go.mod --
                        module example.com/m/sub
                        -- sub/x.go' --
                        invalid name, but this shouldn't be read
                        """, List.of("go.mod"), "h1:XduFAgX/GaspZa8Jv4pfzoGEzNaU/r88PiCunijw5ok="),
                Arguments.of("exclude_cap_go_mod_submodule", """
                        -- a.go --
                        package a
                        -- b/GO.MOD --
                        MODULE EXAMPLE.COM/M/B
                        -- b/b.go --
                        package b
                        """, List.of("a.go"), "h1:xctQQey8/y7IcBjFZDP/onWLSXhlqcsC3i1fgSdpMHk="),
                Arguments.of("go_mod_dir", """
                        -- go.mod/a.go --
                        package a
                        """, List.of("go.mod/a.go"), "h1:Mun5l9cBlDnnV6JasTpio2aZJSbFj++h+814mnKC/OM="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createVectors")
    void fileListsSelectWhatCreatePutsInTheZip(String desc, String fixture, List<String> wantValid, String wantHash)
            throws IOException {
        Txtar files = Txtar.parse(fixture);
        CheckedFiles cf = ModuleZip.checkFiles(asFiles(files), goVersionOf(files));
        assertThat(cf.valid()).containsExactlyElementsOf(wantValid);
        assertThat(cf.error()).isEmpty();
        assertThat(zipHash(cf.valid(), contents(files), "example.com/m@v1.0.0/")).isEqualTo(wantHash);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createVectors")
    void directoryTreesSelectWhatCreateFromDirPutsInTheZip(String desc, String fixture, List<String> wantValid,
            String wantHash) throws IOException {
        Txtar files = Txtar.parse(fixture);
        Path dir = Files.createDirectories(tmp.resolve(desc));
        files.writeTree(dir);
        CheckedFiles cf = ModuleZip.selectFiles(ModuleZip.listTree(dir), goVersionOf(files));
        assertThat(cf.valid()).containsExactlyInAnyOrderElementsOf(wantValid);
        assertThat(zipHash(cf.valid(), contents(files), "example.com/m@v1.0.0/")).isEqualTo(wantHash);
    }

    @Test
    void versionControlDirectoriesAreLeftOut() throws IOException {
        Txtar.parse("""
                -- .bzr/exclude --
                exclude
                -- .git/exclude --
                exclude
                -- .hg/exclude --
                exclude
                -- .svn/exclude --
                exclude
                """).writeTree(tmp);
        CheckedFiles cf = ModuleZip.selectFiles(ModuleZip.listTree(tmp), "");
        assertThat(cf.valid()).isEmpty();
        assertThat(cf.omitted()).extracting(FileError::toString).containsExactly(
                ".bzr: directory is a version control repository", ".git: directory is a version control repository",
                ".hg: directory is a version control repository", ".svn: directory is a version control repository");
        assertThat(zipHash(cf.valid(), Map.of(), "example.com/m@v1.0.0/")).isEqualTo(EMPTY_HASH);
    }

    @Test
    void badNamesAndCollisionsInAFileListAreInvalid() {
        CheckedFiles cf = ModuleZip.checkFiles(List.of(TreeEntry.file("bad.go'", 12), TreeEntry.file("a.go", 10),
                TreeEntry.file("a.go/b.go", 10), TreeEntry.file("m.go", 10), TreeEntry.file("M.GO", 10),
                TreeEntry.file("GO.MOD", 1), TreeEntry.file("/abs", 1)), "");
        assertThat(cf.valid()).containsExactly("a.go", "m.go");
        assertThat(cf.invalid()).extracting(FileError::toString).containsExactly(
                "bad.go': malformed file path \"bad.go'\": invalid char '\\''",
                "a.go/b.go: entry \"a.go\" is both a file and a directory",
                "M.GO: case-insensitive file name collision: \"m.go\" and \"M.GO\"",
                "GO.MOD: go.mod files must have lowercase names",
                "/abs: file path is not relative");
    }

    private static final String VARIOUS_FILES = """
            -- valid.go --
            -- not/../clean --
            -- GO.MOD --
            -- invalid.go' --
            -- vendor/x/y --
            -- vendor/modules.txt --
            -- sub/go.mod --
            -- .hg_archival.txt --
            -- valid.go --
            duplicate
            -- valid.go --
            another duplicate
            -- pkg/vendor/vendor.go --
            """;

    @Test
    void checkFilesVariousMatchesTheXModVerdicts() {
        CheckedFiles cf = ModuleZip.checkFiles(asFiles(Txtar.parse(VARIOUS_FILES)), "");
        assertThat(cf.valid()).containsExactly("valid.go", "vendor/modules.txt");
        assertThat(cf.omitted()).extracting(FileError::toString).containsExactly(
                "vendor/x/y: file is in vendor directory",
                "sub/go.mod: file is in another module",
                ".hg_archival.txt: file is inserted by 'hg archive' and is always omitted",
                "pkg/vendor/vendor.go: file is in vendor directory");
        assertThat(cf.invalid()).extracting(FileError::toString).containsExactly(
                "not/../clean: file path is not clean",
                "GO.MOD: go.mod files must have lowercase names",
                "invalid.go': malformed file path \"invalid.go'\": invalid char '\\''",
                "valid.go: multiple entries for file \"valid.go\"");
    }

    @ParameterizedTest
    @MethodSource("variousWithGoMod")
    void checkFilesVariousDependsOnTheGoVersionOfTheRootGoMod(String goLine, List<String> valid, List<String> omitted) {
        String files = VARIOUS_FILES.replace("-- GO.MOD --\n", "-- go.mod --\ngo " + goLine + "\n")
                .replace("-- sub/go.mod --\n", "-- sub/go.mod --\ngo 1.23\n");
        Txtar parsed = Txtar.parse(files);
        CheckedFiles cf = ModuleZip.checkFiles(asFiles(parsed), goVersionOf(parsed));
        assertThat(cf.valid()).containsExactlyElementsOf(valid);
        assertThat(cf.omitted()).extracting(FileError::toString).containsExactlyElementsOf(omitted);
        assertThat(cf.invalid()).extracting(FileError::toString).containsExactly(
                "not/../clean: file path is not clean",
                "invalid.go': malformed file path \"invalid.go'\": invalid char '\\''",
                "valid.go: multiple entries for file \"valid.go\"");
    }

    static Stream<Arguments> variousWithGoMod() {
        return Stream.of(
                Arguments.of("1.23", List.of("valid.go", "go.mod", "vendor/modules.txt"), List.of(
                        "vendor/x/y: file is in vendor directory",
                        "sub/go.mod: file is in another module",
                        ".hg_archival.txt: file is inserted by 'hg archive' and is always omitted",
                        "pkg/vendor/vendor.go: file is in vendor directory")),
                Arguments.of("1.24", List.of("valid.go", "go.mod", "pkg/vendor/vendor.go"), List.of(
                        "vendor/x/y: file is in vendor directory",
                        "vendor/modules.txt: file is in vendor directory",
                        "sub/go.mod: file is in another module",
                        ".hg_archival.txt: file is inserted by 'hg archive' and is always omitted")),
                Arguments.of("1.24rc1", List.of("valid.go", "go.mod", "pkg/vendor/vendor.go"), List.of(
                        "vendor/x/y: file is in vendor directory",
                        "vendor/modules.txt: file is in vendor directory",
                        "sub/go.mod: file is in another module",
                        ".hg_archival.txt: file is inserted by 'hg archive' and is always omitted")));
    }

    @Test
    void checkDirVariousMatchesTheXModVerdicts() throws IOException {
        Txtar.parse("""
                -- valid.go --
                -- GO.MOD --
                -- invalid.go' --
                -- vendor/modules.txt --
                -- vendor/x/y --
                -- sub/go.mod --
                -- .hg_archival.txt --
                -- .git/x --
                -- pkg/vendor/vendor.go --
                """).writeTree(tmp);
        CheckedFiles cf = ModuleZip.selectFiles(ModuleZip.listTree(tmp), "");
        assertThat(cf.valid()).containsExactly("valid.go", "vendor/modules.txt");
        assertThat(cf.omitted()).extracting(FileError::toString).containsExactly(
                ".hg_archival.txt: file is inserted by 'hg archive' and is always omitted",
                ".git: directory is a version control repository",
                "pkg/vendor/vendor.go: file is in vendor directory",
                "sub: directory is in another module",
                "vendor/x/y: file is in vendor directory");
        assertThat(cf.invalid()).extracting(FileError::toString).containsExactly(
                "GO.MOD: go.mod files must have lowercase names",
                "invalid.go': malformed file path \"invalid.go'\": invalid char '\\''");
    }

    @Test
    void checkDirVariousGo124MatchesTheXModVerdicts() throws IOException {
        Txtar.parse("""
                -- go.mod --
                go 1.24
                -- valid.go --
                -- invalid.go' --
                -- vendor/modules.txt --
                -- vendor/x/y --
                -- sub/go.mod --
                go 1.23
                -- .hg_archival.txt --
                -- .git/x --
                -- pkg/vendor/vendor.go --
                """).writeTree(tmp);
        CheckedFiles cf = ModuleZip.selectFiles(ModuleZip.listTree(tmp), "1.24");
        assertThat(cf.valid()).containsExactly("go.mod", "pkg/vendor/vendor.go", "valid.go");
        assertThat(cf.omitted()).extracting(FileError::toString).containsExactly(
                ".hg_archival.txt: file is inserted by 'hg archive' and is always omitted",
                ".git: directory is a version control repository",
                "sub: directory is in another module",
                "vendor/modules.txt: file is in vendor directory",
                "vendor/x/y: file is in vendor directory");
        assertThat(cf.invalid()).extracting(FileError::toString).containsExactly(
                "invalid.go': malformed file path \"invalid.go'\": invalid char '\\''");
    }

    @Test
    void linksAreLeftOutButALinkedGoModStillMarksASubmodule(@TempDir Path outside) throws IOException {
        Path target = Files.writeString(outside.resolve("target.go"), "package t\n");
        Path otherDir = Files.createDirectories(outside.resolve("dir"));
        Files.writeString(tmp.resolve("a.go"), "package a\n");
        Files.createSymbolicLink(tmp.resolve("link.go"), target);
        Files.createSymbolicLink(tmp.resolve("linkdir"), otherDir);
        Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(tmp.resolve("sub/s.go"), "package s\n");
        Files.createSymbolicLink(tmp.resolve("sub/go.mod"), target);
        Files.writeString(tmp.resolve(".git"), "gitdir: elsewhere\n");

        CheckedFiles cf = ModuleZip.selectFiles(ModuleZip.listTree(tmp), "");

        assertThat(cf.valid()).containsExactly(".git", "a.go");
        assertThat(cf.omitted()).extracting(FileError::toString).containsExactly(
                "link.go: not a regular file",
                "linkdir: not a regular file",
                "sub: directory is in another module");
    }

    @Test
    void aTreeOverTheSizeLimitIsReported() {
        CheckedFiles cf = ModuleZip.checkFiles(List.of(TreeEntry.file("small.go", 10),
                TreeEntry.file("large.go", ModuleZip.MAX_ZIP_FILE - 9)), "");
        assertThat(cf.sizeError()).isEqualTo("module source tree too large (max size is 524288000 bytes)");
        assertThat(cf.error()).contains("module source tree too large (max size is 524288000 bytes)");
        CheckedFiles fits = ModuleZip.checkFiles(List.of(TreeEntry.file("small.go", 10),
                TreeEntry.file("large.go", ModuleZip.MAX_ZIP_FILE - 10)), "");
        assertThat(fits.error()).isEmpty();
        CheckedFiles goMod = ModuleZip.checkFiles(List.of(TreeEntry.file("go.mod", ModuleZip.MAX_GO_MOD + 1),
                TreeEntry.file("LICENSE", ModuleZip.MAX_LICENSE + 1), TreeEntry.file("sub/LICENSE", ModuleZip.MAX_LICENSE + 1)), "");
        assertThat(goMod.invalid()).extracting(FileError::toString).containsExactly(
                "go.mod: go.mod file too large (max size is 16777216 bytes)",
                "LICENSE: LICENSE file too large (max size is 16777216 bytes)");
        assertThat(goMod.valid()).containsExactly("sub/LICENSE");
    }
}

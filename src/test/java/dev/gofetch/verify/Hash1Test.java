package dev.gofetch.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Hash1Test {
    private static final String EMPTY = "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    private static Hash1.Opener contents(Map<String, String> files) {
        return name -> new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyFileListHashesTheEmptySummary() throws IOException {
        assertThat(Hash1.hash(List.of(), name -> { throw new AssertionError("nothing to open"); }))
                .isEqualTo(EMPTY);
    }

    @Test
    void hashesNamesAndContentsLikeDirhashTestHash1() throws IOException {
        Map<String, String> files = Map.of("xyz", "data for xyz", "abc", "data for abc");
        assertThat(Hash1.hash(List.of("xyz", "abc"), contents(files)))
                .isEqualTo("h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
    }

    @Test
    void inputOrderDoesNotMatterButNamesDo() throws IOException {
        Map<String, String> files = Map.of("prefix/abc", "data for abc", "prefix/xyz", "data for xyz");
        String h = Hash1.hash(List.of("prefix/abc", "prefix/xyz"), contents(files));
        assertThat(h).isEqualTo("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
        assertThat(Hash1.hash(List.of("prefix/xyz", "prefix/abc"), contents(files))).isEqualTo(h);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty legacy go.mod                  ||h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=
            rsc.io/quote v1.5.2                  |module "rsc.io/quote"\\n\\nrequire "rsc.io/sampler" v1.3.0\\n|h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=
            rsc.io/sampler v1.3.0                |module "rsc.io/sampler"\\n\\nrequire "golang.org/x/text" v0.0.0-20170915032832-14c0d48ead0c\\n|h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=
            synthesized golang.org/x/text go.mod |module golang.org/x/text\\n|h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=
            """)
    void goModHashesMatchGoSumLines(String what, String content, String want) {
        String text = content == null ? "" : content.replace("\\n", "\n");
        assertThat(Hash1.hashGoMod(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(want);
    }

    @Test
    void sortsByUtf8BytesNotByUtf16Units() throws IOException {
        // U+FF21 is one UTF-16 unit above the surrogates of U+1D49C but below it as a code point / in UTF-8.
        String fullwidth = "\uFF21";
        String script = new String(Character.toChars(0x1D49C));
        List<String> opened = new ArrayList<>();
        Hash1.hash(List.of(script, fullwidth), name -> {
            opened.add(name);
            return InputStream.nullInputStream();
        });
        assertThat(opened).containsExactly(fullwidth, script);
    }

    @Test
    void rejectsNamesWithNewlines() {
        assertThatThrownBy(() -> Hash1.hash(List.of("a\nb"), name -> InputStream.nullInputStream()))
                .hasMessage("dirhash: filenames with newlines are not supported");
    }

    @Test
    void hashDirPrefixesRelativeSlashPaths(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("abc"), "data for abc");
        Files.writeString(dir.resolve("xyz"), "data for xyz");
        assertThat(Hash1.hashDir(dir, "prefix")).isEqualTo("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
        assertThat(Hash1.hashDir(dir, "")).isEqualTo("h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
    }

    @Test
    void hashDirWalksNestedDirectoriesButDoesNotHashThem(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("a/b/c.txt"), "deep");
        Files.writeString(dir.resolve("top"), "");
        Map<String, Path> files = Hash1.dirFiles(dir, "m@v1.0.0");
        assertThat(files).containsOnlyKeys("m@v1.0.0/a/b/c.txt", "m@v1.0.0/top");
        assertThat(Hash1.hashDir(dir, "m@v1.0.0")).isEqualTo(Hash1.hash(List.of("m@v1.0.0/top", "m@v1.0.0/a/b/c.txt"),
                contents(Map.of("m@v1.0.0/a/b/c.txt", "deep", "m@v1.0.0/top", ""))));
    }

    @Test
    void hashDirListsALinkToAFileWithItsTargetsBytes(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("tree"));
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "data for abc");
        Files.createSymbolicLink(dir.resolve("abc"), outside);
        Files.writeString(dir.resolve("xyz"), "data for xyz");
        assertThat(Hash1.hashDir(dir, "prefix")).isEqualTo("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
    }

    @Test
    void hashDirDoesNotDescendIntoALinkedDirectoryAndFailsToReadIt(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("tree"));
        Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve("inside"), "x");
        Files.createSymbolicLink(dir.resolve("link"), other);
        assertThat(Hash1.dirFiles(dir, "p")).containsOnlyKeys("p/link");
        assertThatThrownBy(() -> Hash1.hashDir(dir, "p")).isInstanceOf(IOException.class);
    }

    @Test
    void hashDirRefusesSomethingThatIsNotADirectory(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> Hash1.hashDir(file, "p")).hasMessage(file + " is not a directory");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("d")));
        assertThatThrownBy(() -> Hash1.hashDir(link, "p")).hasMessage(link + " is not a directory");
    }

    @Test
    void hashZipUsesStoredNamesAndIgnoresCompression(@TempDir Path tmp) throws IOException {
        Path deflated = tmp.resolve("d.zip");
        new RawZip().add("prefix/xyz", "data for xyz").add("prefix/abc", "data for abc").write(deflated);
        Path stored = tmp.resolve("s.zip");
        new RawZip().add(RawZip.entry("prefix/abc", "data for abc").stored())
                .add(RawZip.entry("prefix/xyz", "data for xyz").stored().dataDescriptor()).write(stored);
        assertThat(Hash1.hashZip(deflated)).isEqualTo("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
        assertThat(Hash1.hashZip(stored)).isEqualTo("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
    }

    @Test
    void hashZipCountsADirectoryEntryAsAnEmptyFile(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("d.zip");
        new RawZip().add("m/", "").add("m/a", "x").write(zip);
        assertThat(Hash1.hashZip(zip)).isEqualTo(Hash1.hash(List.of("m/", "m/a"),
                contents(Map.of("m/", "", "m/a", "x"))));
    }

    @Test
    void hashZipOfARepeatedNameReadsTheLastEntryForEachOccurrence(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("dup.zip");
        new RawZip().add("a", "first").add("b", "other").add("a", "second").write(zip);
        List<String> twice = List.of("a", "a", "b");
        assertThat(Hash1.hashZip(zip)).isEqualTo(Hash1.hash(twice, contents(Map.of("a", "second", "b", "other"))));
    }

    @Test
    void hashZipStopsAtContentLargerThanDeclared(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("bomb.zip");
        new RawZip().add(RawZip.entry("a", "A".repeat(1 << 20)).declaredSize(10)).write(zip);
        assertThatThrownBy(() -> Hash1.hashZip(zip)).hasMessage("zip: not a valid zip file");
    }

    @Test
    void hashZipFailsOnShortContentAndOnBadCrc(@TempDir Path tmp) throws IOException {
        Path shortZip = tmp.resolve("short.zip");
        new RawZip().add(RawZip.entry("a", "abc").declaredSize(4)).write(shortZip);
        assertThatThrownBy(() -> Hash1.hashZip(shortZip)).hasMessage("unexpected EOF");
        Path crc = tmp.resolve("crc.zip");
        new RawZip().add(RawZip.entry("a", "abc").stored().declaredCrc(12345)).write(crc);
        assertThatThrownBy(() -> Hash1.hashZip(crc)).hasMessage("zip: checksum error");
    }

    @Test
    void hashZipRejectsSomethingThatIsNotAZip(@TempDir Path tmp) throws IOException {
        Path notZip = Files.writeString(tmp.resolve("x.zip"), "hello, not a zip");
        assertThatThrownBy(() -> Hash1.hashZip(notZip)).hasMessage("zip: not a valid zip file");
    }
}

package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/// The tar format: gofetch's archives read back by GNU tar and by gofetch, names of any length, GNU
/// tar's own archives (gnu and posix formats) read by gofetch, and entry-name safety.
class TarTest {
    private static final String LONG = "proxy/example.com/" + "a".repeat(90) + "/" + "b".repeat(120) + "/@v/v1.0.0.zip";
    private static final String SPLITTABLE = "proxy/" + "c".repeat(120) + "/@v/v1.0.0-20190101000000-abcdefabcdef.info";

    private static byte[] write(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out, 1_600_000_000L)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
                tar.file(e.getKey(), b.length, o -> o.write(b));
            }
        }
        return out.toByteArray();
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        TarReader r = new TarReader(in);
        for (TarReader.Entry e; (e = r.next()) != null; ) {
            if (e.isFile()) {
                files.put(e.name(), new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void namesOfAnyLengthSurviveGofetchAndGnuTar(@TempDir Path tmp) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("go.sum", "x y h1:z\n");
        files.put(LONG, "zip bytes");
        files.put(SPLITTABLE, "{}");
        files.put("proxy/empty", "");
        files.put("proxy/block", "b".repeat(512));
        byte[] tar = write(files);
        assertThat(tar.length % TarWriter.RECORD).isZero();
        assertThat(read(new ByteArrayInputStream(tar))).isEqualTo(files);

        Path archive = Files.write(tmp.resolve("t.tar"), tar);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process p = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(msg).isZero();
        for (Map.Entry<String, String> e : files.entrySet()) {
            assertThat(out.resolve(e.getKey())).hasContent(e.getValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix", "ustar"})
    void readsArchivesMadeByGnuTar(String format, @TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        List<String> names = new ArrayList<>(List.of("a.txt", "dir/b.txt"));
        if (!format.equals("ustar")) {
            names.add("x".repeat(150) + "/" + "y".repeat(120) + ".txt");
        }
        for (String n : names) {
            Files.createDirectories(src.resolve(n).getParent());
            Files.writeString(src.resolve(n), "content of " + n);
        }
        Path archive = tmp.resolve("t.tar");
        List<String> cmd = new ArrayList<>(List.of("tar", "--format=" + format, "-cf", archive.toString(), "-C",
                src.toString()));
        cmd.addAll(names);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(msg).isZero();
        try (InputStream in = Files.newInputStream(archive)) {
            Map<String, String> files = read(in);
            assertThat(files.keySet()).containsExactlyElementsOf(names);
            names.forEach(n -> assertThat(files.get(n)).isEqualTo("content of " + n));
        }
    }

    @Test
    void offsetsPointAtTheContent() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a", "first");
        files.put(LONG, "second");
        byte[] tar = write(files);
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        for (TarReader.Entry e; (e = r.next()) != null; ) {
            assertThat(new String(tar, (int) e.offset(), (int) e.size(), StandardCharsets.UTF_8))
                    .isEqualTo(files.get(e.name()));
        }
    }

    @Test
    void aMissingEndOfArchiveIsAnError() throws IOException {
        byte[] tar = write(Map.of("a", "x"));
        byte[] cut = java.util.Arrays.copyOf(tar, 1024); // header and content only
        TarReader r = new TarReader(new ByteArrayInputStream(cut));
        assertThat(r.next().name()).isEqualTo("a");
        assertThatThrownBy(r::next).isInstanceOf(TarReader.TarException.class)
                .hasMessageContaining("no end-of-archive marker");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../x|escapes the bundle (a \"..\" element)",
        "a/../../x|escapes the bundle (a \"..\" element)",
        "/etc/passwd|is an absolute path",
        "C:/x|is an absolute path",
        "a\\b|has a backslash in its name",
        "a//b|has an empty or \".\" path element",
        "a/./b|has an empty or \".\" path element"})
    void unsafeNames(String name, String why) {
        assertThat(Layout.unsafe(Layout.normalize(name))).isEqualTo(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest.json", "./manifest.json", "proxy/example.com/x/@v/list", "proxy/dir/"})
    void safeNames(String name) {
        assertThat(Layout.unsafe(Layout.normalize(name))).isNull();
    }

    @Test
    void versionFileNamesRoundTrip() {
        var mv = new dev.gofetch.module.ModuleVersion("example.com/Upper/x/v2", "v2.0.0-RC1");
        String name = Layout.versionFile(mv, Layout.Ext.ZIP);
        assertThat(name).isEqualTo("proxy/example.com/!upper/x/v2/@v/v2.0.0-!r!c1.zip");
        assertThat(Layout.parseVersionFile(name)).isEqualTo(new Layout.VersionFile(mv, Layout.Ext.ZIP));
        assertThat(Stream.of("proxy/x/@v/list", "go.sum", "proxy/sumdb/sum.golang.org/latest")
                .map(Layout::parseVersionFile)).containsOnlyNulls();
    }
}

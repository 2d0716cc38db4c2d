package dev.gofetch.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyTreeTest {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void listHoldsOnlyTaggedVersionsThatMatchThePathInSemverOrder() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        String p = "example.com/lib";
        for (String v : List.of("v1.10.0", "v1.2.0", "v1.2.0-rc.1", "v0.9.0", "v2.0.0+incompatible",
                "v2.1.0", "v1.3.0-0.20240301120000-abcdefabcdef", "v1.2.0-beta")) {
            tree.add(p, v, T, v.endsWith("+incompatible") ? null : "module " + p + "\n", Map.of());
        }

        assertThat(Files.readString(tree.versionDir(p).resolve("list")))
                .isEqualTo("v0.9.0\nv1.2.0-beta\nv1.2.0-rc.1\nv1.2.0\nv1.10.0\nv2.0.0+incompatible\n");
        assertThat(tree.listedVersions(p)).containsExactly(
                "v0.9.0", "v1.2.0-beta", "v1.2.0-rc.1", "v1.2.0", "v1.10.0", "v2.0.0+incompatible");
        // served but unlisted: the pseudo-version and the v2.1.0 that the path has no /v2 for
        assertThat(tree.versionDir(p).resolve("v1.3.0-0.20240301120000-abcdefabcdef.zip")).isRegularFile();
        assertThat(tree.versionDir(p).resolve("v2.1.0.mod")).isRegularFile();
    }

    @Test
    void pathsAndVersionsAreCaseEncodedOnDisk() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add("github.com/Azure/Go-Lib", "v1.0.0-RC1", T, "module github.com/Azure/Go-Lib\n", Map.of());

        Path dir = tmp.resolve("proxy/github.com/!azure/!go-!lib/@v");
        assertThat(Files.readString(dir.resolve("v1.0.0-!r!c1.info"))).isEqualTo("{\"Version\":\"v1.0.0-RC1\",\"Time\":\"2024-03-01T12:00:00Z\"}");
        assertThat(dir.resolve("list")).hasContent("v1.0.0-RC1");
        assertThat(tree.versionDir("github.com/Azure/Go-Lib")).isEqualTo(dir);
    }

    @Test
    void zipHasPrefixedSortedFileEntriesAndNoDirectories() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("z/deep/z.go", "package deep\n");
        files.put("a.go", "package lib\n");
        files.put("LICENSE", "none\n");
        tree.add("example.com/lib", "v1.0.0", T, "module example.com/lib\n\ngo 1.21\n", files);

        try (ZipFile zip = new ZipFile(tree.versionDir("example.com/lib").resolve("v1.0.0.zip").toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            assertThat(names).containsExactly(
                    "example.com/lib@v1.0.0/LICENSE", "example.com/lib@v1.0.0/a.go",
                    "example.com/lib@v1.0.0/go.mod", "example.com/lib@v1.0.0/z/deep/z.go");
            assertThat(zip.stream().noneMatch(ZipEntry::isDirectory)).isTrue();
            assertThat(read(zip, "example.com/lib@v1.0.0/go.mod")).isEqualTo("module example.com/lib\n\ngo 1.21\n");
            assertThat(read(zip, "example.com/lib@v1.0.0/z/deep/z.go")).isEqualTo("package deep\n");
        }
        assertThat(tree.versionDir("example.com/lib").resolve("v1.0.0.mod")).hasContent("module example.com/lib\n\ngo 1.21");
    }

    @Test
    void sameInputGivesIdenticalZipBytes() throws Exception {
        Map<String, String> files = Map.of("b.go", "package lib\n", "a.go", "package lib\n// a\n", "sub/c.go", "package sub\n");
        ProxyTree one = new ProxyTree(tmp.resolve("one"));
        ProxyTree two = new ProxyTree(tmp.resolve("two"));
        one.add("example.com/lib", "v1.0.0", T, "module example.com/lib\n", files);
        two.add("example.com/lib", "v1.0.0", T, "module example.com/lib\n", new LinkedHashMap<>(files));

        assertThat(sha256(one.versionDir("example.com/lib").resolve("v1.0.0.zip")))
                .isEqualTo(sha256(two.versionDir("example.com/lib").resolve("v1.0.0.zip")));
    }

    @Test
    void versionWithoutGoModGetsTheSynthesizedModAndAZipWithoutGoMod() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add("example.com/old", "v3.1.0+incompatible", T, null, Map.of("old.go", "package old\n"));

        Path dir = tree.versionDir("example.com/old");
        assertThat(Files.readString(dir.resolve("v3.1.0+incompatible.mod"))).isEqualTo("module example.com/old\n");
        try (ZipFile zip = new ZipFile(dir.resolve("v3.1.0+incompatible.zip").toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly("example.com/old@v3.1.0+incompatible/old.go");
        }
    }

    @Test
    void emptyZipIsAValidArchive() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add(new ProxyTree.Release("example.com/empty", "v1.0.0", ProxyTree.infoJson("v1.0.0", T),
                "module example.com/empty\n".getBytes(StandardCharsets.UTF_8), List.of()));

        Path zipFile = tree.versionDir("example.com/empty").resolve("v1.0.0.zip");
        assertThat(Files.size(zipFile)).isEqualTo(22);
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            assertThat(zip.size()).isZero();
        }
    }

    @Test
    void bigContentIsStreamedIntoTheZipIntact() throws Exception {
        long size = 6L << 20;
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add(new ProxyTree.Release("example.com/big", "v1.0.0", ProxyTree.infoJson("v1.0.0", T),
                "module example.com/big\n".getBytes(StandardCharsets.UTF_8),
                List.of(ProxyTree.Entry.file("go.mod", "module example.com/big\n"),
                        ProxyTree.Entry.file("blob.bin", Content.pseudoRandom(42, size)))));

        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        Content.pseudoRandom(42, size).writeTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), expected));
        try (ZipFile zip = new ZipFile(tree.versionDir("example.com/big").resolve("v1.0.0.zip").toFile());
             InputStream in = zip.getInputStream(zip.getEntry("example.com/big@v1.0.0/blob.bin"))) {
            MessageDigest actual = MessageDigest.getInstance("SHA-256");
            long n = 0;
            byte[] buf = new byte[65536];
            for (int r; (r = in.read(buf)) > 0; n += r) {
                actual.update(buf, 0, r);
            }
            assertThat(n).isEqualTo(size);
            assertThat(actual.digest()).isEqualTo(expected.digest());
        }
        // incompressible data is stored, not inflated by deflate's framing beyond a few bytes per 64 KiB
        assertThat(Files.size(tree.versionDir("example.com/big").resolve("v1.0.0.zip"))).isLessThan(size + size / 1000);
    }

    @Test
    void latestIsTheHighestReleaseElseTheHighestPrereleaseElseTheHighestPseudoVersion() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add("example.com/a", "v1.1.0-rc.1", T, "module example.com/a\n", Map.of());
        assertThat(latestVersion(tree, "example.com/a")).isEqualTo("v1.1.0-rc.1");
        tree.add("example.com/a", "v1.0.0", T, "module example.com/a\n", Map.of());
        tree.add("example.com/a", "v1.2.0-0.20240301120000-abcdefabcdef", T, "module example.com/a\n", Map.of());
        assertThat(latestVersion(tree, "example.com/a")).isEqualTo("v1.0.0");

        tree.add("example.com/b", "v0.0.0-20240101000000-aaaaaaaaaaaa", T, "module example.com/b\n", Map.of());
        tree.add("example.com/b", "v0.0.0-20240201000000-bbbbbbbbbbbb", T, "module example.com/b\n", Map.of());
        assertThat(Files.readString(tree.versionDir("example.com/b").resolve("list"))).isEmpty();
        assertThat(latestVersion(tree, "example.com/b")).isEqualTo("v0.0.0-20240201000000-bbbbbbbbbbbb");

        ProxyTree without = new ProxyTree(tmp.resolve("nolatest")).latestEndpoint(false);
        without.add("example.com/a", "v1.0.0", T, "module example.com/a\n", Map.of());
        assertThat(tmp.resolve("nolatest/example.com/a/@latest")).doesNotExist();
    }

    @Test
    void aSecondInstanceExtendsTheListOfAnExistingTree() throws IOException {
        new ProxyTree(tmp.resolve("proxy")).add("example.com/a", "v1.0.0", T, "module example.com/a\n", Map.of());
        new ProxyTree(tmp.resolve("proxy")).add("example.com/a", "v1.1.0", T, "module example.com/a\n", Map.of());

        assertThat(tmp.resolve("proxy/example.com/a/@v/list")).hasContent("v1.0.0\nv1.1.0");
    }

    @Test
    void theGoCommandDownloadsListsAndResolvesLatestFromTheTree() throws IOException {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        String p = "example.com/Hello";
        for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0-pre")) {
            tree.add(p, v, T, "module " + p + "\n\ngo 1.21\n", Map.of("hello.go", "package hello\n\nconst V = \"" + v + "\"\n"));
        }
        tree.add("example.com/legacy", "v2.0.0+incompatible", T, null, Map.of("l.go", "package legacy\n"));
        Map<String, String> env = GoTool.pinnedEnv(tmp, tree.goproxy());
        Path work = Files.createDirectories(tmp.resolve("work"));

        GoTool.Result versions = GoTool.run(work, env, "list", "-m", "-versions", p).requireSuccess();
        assertThat(versions.stdout()).isEqualTo(p + " v1.0.0 v1.1.0 v1.2.0-pre\n");

        GoTool.Result download = GoTool.run(work, env, "mod", "download", "-json",
                p + "@latest", "example.com/legacy@v2.0.0+incompatible").requireSuccess();
        JsonNode first = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(download.stdout()).next();
        assertThat(first.get("Version").asText()).isEqualTo("v1.1.0");
        assertThat(Path.of(first.get("Dir").asText()).resolve("hello.go")).hasContent("package hello\n\nconst V = \"v1.1.0\"");
        assertThat(download.stdout()).contains("\"Version\": \"v2.0.0+incompatible\"").doesNotContain("\"Error\"");
    }

    private static String latestVersion(ProxyTree tree, String path) throws IOException {
        JsonNode info = new ObjectMapper().readTree(tree.versionDir(path).getParent().resolve("@latest").toFile());
        return info.get("Version").asText();
    }

    private static String read(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

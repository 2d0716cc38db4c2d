package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// `go mod download -json path@query` with GOPROXY=direct against git repositories made at test
/// time, and the same through gofetch, each on a fresh module cache: versions (tags, tag prefixes,
/// major versions, +incompatible, all three pseudo-version forms), hashes, origins and the files
/// written must agree.
class DirectModeGoDifferentialTest {
    @TempDir
    static Path scratch;

    static GitFixture fixture;
    static String lib1;
    static String lib2;
    static Map<String, JsonNode> goResults;
    static Map<String, JsonNode> gofetchResults;
    static Path goCache;
    static Path gofetchCache;

    /// Arguments resolved concurrently by the go command must not reach one version by different
    /// routes (a tag and a commit hash, @main and @latest of one commit): which .info it writes would
    /// depend on which finished first.
    static List<String> queries() {
        return List.of(
                "git.example.test/lib.git@v1.0.0",
                "git.example.test/lib.git@latest",
                "git.example.test/lib.git@main",
                "git.example.test/lib.git@v1.1.0-pre",
                "git.example.test/lib.git@v1",
                "git.example.test/lib.git@<v1.1.0",
                "git.example.test/lib.git@SHORT2",
                "git.example.test/lib.git@FULL2",
                "git.example.test/lib.git@nosuch",
                "git.example.test/lib.git@v9.9.9",
                "git.example.test/lib.git/sub@latest",
                "git.example.test/lib.git/sub@v0.2.0",
                "git.example.test/lib.git/sub@main",
                "git.example.test/lib.git/v2@latest",
                "git.example.test/lib.git/v2@v2.0.0",
                "git.example.test/major.git@latest",
                "git.example.test/major.git/v2@latest",
                "git.example.test/major.git/v2@v2.1.0",
                "git.example.test/major.git/v2@main",
                "git.example.test/nomod.git@latest",
                "git.example.test/nomod.git@v2.0.0",
                "git.example.test/nomod.git@v1.0.0",
                "git.example.test/nomod.git@main",
                "git.example.test/untagged.git@main",
                "git.example.test/untagged2.git@latest");
    }

    @BeforeAll
    static void buildReposAndDownload() throws IOException {
        fixture = new GitFixture(scratch.resolve("fixture"));
        GitFixture.Repo lib = fixture.repo("lib");
        lib.file("go.mod", "module git.example.test/lib.git\n\ngo 1.20\n")
                .file("lib.go", "package lib\n")
                .file("LICENSE", "lib license\n")
                .file("vendor/example.com/dep/dep.go", "package dep\n")
                .file("vendor/modules.txt", "# example.com/dep v1.0.0\n")
                .file("nested/go.mod", "module git.example.test/lib.git/nested\n")
                .file("nested/n.go", "package nested\n")
                .file("sub/go.mod", "module git.example.test/lib.git/sub\n\ngo 1.21\n")
                .file("sub/s.go", "package sub\n")
                .file("v2/go.mod", "module git.example.test/lib.git/v2\n")
                .file("v2/v.go", "package v2\n")
                .symlink("link.go", "lib.go");
        lib1 = lib.commit("one");
        lib.tag("v1.0.0").tag("sub/v0.2.0").tag("v2.0.0");
        lib.file("lib.go", "package lib\n\n// two\n");
        lib2 = lib.commit("two");
        lib.file("lib.go", "package lib\n\n// three\n").commit("three");
        lib.annotatedTag("v1.1.0-pre");
        lib.file("sub/s.go", "package sub\n\n// four\n").file("lib.go", "package lib\n\n// four\n").commit("four");
        lib.publish();

        GitFixture.Repo major = fixture.repo("major");
        major.file("go.mod", "module git.example.test/major.git\n\ngo 1.20\n").file("m.go", "package major\n")
                .commit("v1");
        major.tag("v1.0.0");
        major.file("go.mod", "module git.example.test/major.git/v2\n\ngo 1.20\n").commit("v2");
        major.tag("v2.0.0");
        major.file("m.go", "package major // v2.1\n").commit("v2.1");
        major.tag("v2.1.0");
        major.file("m.go", "package major // tip\n").commit("tip");
        major.publish();

        GitFixture.Repo nomod = fixture.repo("nomod");
        nomod.file("n.go", "package nomod\n").commit("one");
        nomod.tag("v1.0.0");
        nomod.file("n.go", "package nomod // 2\n").commit("two");
        nomod.tag("v2.0.0");
        nomod.file("n.go", "package nomod // 3\n").commit("three");
        nomod.tag("v3.1.0");
        nomod.file("n.go", "package nomod // tip\n").commit("tip");
        nomod.publish();

        GitFixture.Repo untagged = fixture.repo("untagged");
        untagged.file("go.mod", "module git.example.test/untagged.git\n").file("u.go", "package u\n").commit("only");
        untagged.publish();
        // Its own repository: with @main in the same run, the go command's answer for @latest would
        // depend on which of the two it resolved first (their refs disagree, so no origin is kept).
        GitFixture.Repo untagged2 = fixture.repo("untagged2");
        untagged2.file("go.mod", "module git.example.test/untagged2.git\n").file("u.go", "package u\n").commit("only");
        untagged2.publish();

        String[] args = queries().stream().map(DirectModeGoDifferentialTest::expand).toArray(String[]::new);
        goCache = scratch.resolve("go").resolve("modcache");
        gofetchCache = scratch.resolve("gofetch").resolve("modcache");
        GoTool.Result go = GoTool.run(scratch, env(scratch.resolve("go")), concat("mod", "download", "-json", args));
        GoTool.Result gf = GofetchRunner.run(scratch, env(scratch.resolve("gofetch")), concat("download", "-json", args));
        goResults = byQuery(go.stdout(), goCache);
        gofetchResults = byQuery(gf.stdout(), gofetchCache);
        assertThat(goResults).as("go stderr: %s", go.stderr()).hasSize(args.length);
        assertThat(gofetchResults.keySet()).as("gofetch stderr: %s", gf.stderr()).isEqualTo(goResults.keySet());
    }

    static String expand(String q) {
        return q.replace("SHORT2", lib2.substring(0, 9)).replace("FULL2", lib2);
    }

    static Map<String, String> env(Path dir) {
        Map<String, String> env = GoTool.pinnedEnv(dir, "direct");
        env.put("HOME", fixture.home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GOPRIVATE", "git.example.test");
        env.put("GOFLAGS", "-modcacherw");
        return env;
    }

    static String[] concat(String a, String b, String... rest) {
        List<String> out = new ArrayList<>(List.of(a, b));
        out.addAll(List.of(rest));
        return out.toArray(String[]::new);
    }

    static String[] concat(String a, String b, String c, String... rest) {
        List<String> out = new ArrayList<>(List.of(a, b, c));
        out.addAll(List.of(rest));
        return out.toArray(String[]::new);
    }

    /// Results keyed by the argument they answer, with cache paths made relative.
    static Map<String, JsonNode> byQuery(String json, Path cache) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        String text = json.replace(cache.toString(), "$GOMODCACHE");
        try (var it = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                String q = n.path("Query").asText(n.path("Version").asText());
                out.put(n.path("Path").asText() + "@" + q, n);
            }
        }
        return out;
    }

    static Stream<String> queryArgs() {
        return queries().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryArgs")
    void reportsWhatGoReports(String query) {
        String key = expand(query);
        JsonNode want = goResults.get(key);
        JsonNode got = gofetchResults.get(key);
        assertThat(want).as("go's answer for %s among %s", key, goResults.keySet()).isNotNull();
        assertThat(got).as("gofetch's answer for %s", key).isNotNull();
        assertThat(got.toPrettyString()).isEqualTo(want.toPrettyString());
    }

    @Test
    void listsTheVersionsGoLists() throws IOException {
        List<String> paths = List.of("git.example.test/lib.git", "git.example.test/lib.git/sub",
                "git.example.test/lib.git/v2", "git.example.test/major.git", "git.example.test/major.git/v2",
                "git.example.test/nomod.git", "git.example.test/untagged.git");
        Map<String, String> env = env(scratch.resolve("list-go"));
        env.put("GOFLAGS", "-modcacherw -mod=mod");
        List<String> args = new ArrayList<>(List.of("list", "-m", "-versions"));
        args.addAll(paths);
        GoTool.Result go = GoTool.run(scratch, env, args.toArray(String[]::new));
        assertThat(go.exitCode()).as(go.stderr()).isZero();

        Map<String, String> ours = env(scratch.resolve("list-gofetch"));
        dev.gofetch.env.GoEnv goEnv = dev.gofetch.env.GoEnv.load(ours);
        dev.gofetch.proxy.Transport transport = dev.gofetch.proxy.Transport.createDefault();
        VcsSource source = new VcsSource(RepoLookup.forEnv(goEnv, transport), goEnv.modCache(), ours, transport,
                "1.26", java.time.Duration.ofMinutes(1));
        StringBuilder listed = new StringBuilder();
        for (String path : paths) {
            listed.append(path);
            for (String v : source.open(path).versionList("").versions()) {
                listed.append(' ').append(v);
            }
            listed.append('\n');
        }
        assertThat(listed.toString()).isEqualTo(go.stdout());
    }

    @Test
    void pseudoVersionsTakeAllThreeForms() {
        assertThat(goResults.get("git.example.test/untagged.git@main").path("Version").asText()).startsWith("v0.0.0-");
        assertThat(goResults.get(expand("git.example.test/lib.git@SHORT2")).path("Version").asText())
                .startsWith("v1.0.1-0.");
        assertThat(goResults.get("git.example.test/lib.git@main").path("Version").asText())
                .startsWith("v1.1.0-pre.0.");
        assertThat(goResults.get("git.example.test/nomod.git@latest").path("Version").asText())
                .isEqualTo("v3.1.0+incompatible");
    }

    @Test
    void writesTheDownloadCacheFilesGoWrites() throws IOException {
        Map<String, String> want = tree(goCache.resolve("cache/download"));
        Map<String, String> got = tree(gofetchCache.resolve("cache/download"));
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        want.forEach((file, content) -> assertThat(got.get(file)).as(file).isEqualTo(content));
    }

    @Test
    void extractsTheSameModuleTrees() throws IOException {
        Map<String, String> want = tree(goCache.resolve("git.example.test"));
        Map<String, String> got = tree(gofetchCache.resolve("git.example.test"));
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        want.forEach((file, content) -> assertThat(got.get(file)).as(file).isEqualTo(content));
    }

    @Test
    void sharesGosRepositoryMirrorLayout() throws IOException {
        Map<String, String> want = new TreeMap<>();
        Map<String, String> got = new TreeMap<>();
        for (var pair : List.of(Map.entry(goCache, want), Map.entry(gofetchCache, got))) {
            try (var files = Files.list(pair.getKey().resolve("cache/vcs"))) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    pair.getValue().put(name, name.endsWith(".info") ? Files.readString(p)
                            : Files.isDirectory(p) ? "dir" : "file");
                }
            }
        }
        assertThat(got).isEqualTo(want);
        assertThat(want.values()).contains("git3:https://git.example.test/lib");
    }

    /// Every file below dir: text files by content, zips by their entries' names and contents (the
    /// compressed bytes differ between Go's and Java's deflate), lock files by existence.
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (rel.endsWith(".lock")) {
                    out.put(rel, "");
                } else if (rel.endsWith(".zip")) {
                    out.put(rel, zipListing(p));
                } else {
                    out.put(rel, Files.readString(p));
                }
            }
        }
        return out;
    }

    static String zipListing(Path zip) throws IOException {
        StringBuilder b = new StringBuilder();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                b.append(e.getName()).append('\n');
                b.append(new String(z.getInputStream(e).readAllBytes())).append("\n--\n");
            }
        }
        return b.toString();
    }
}

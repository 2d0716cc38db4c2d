package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import dev.gofetch.testing.TreeCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The test checksum database proven faithful with the real go command, and gofetch's client proven
/// to behave like the go command's against it: the same downloads accepted, the same failures with the
/// same messages (gofetch adds the mirror to a mismatch), the same records looked up, nothing of the
/// refused bytes in the module cache, private paths never sent to the database, and one shared
/// "latest" file that both tools extend.
class SumdbGoDifferentialTest {
    static final String NAME = "sum.lab.test";
    static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");
    static final String A_MOD = "module example.com/a\n\ngo 1.20\n\nrequire example.com/B v1.0.0\n";

    @TempDir
    Path tmp;
    ProxyTree good;
    ProxyTree evil;
    LabServer goodMirror;
    LabServer evilMirror;
    TestServer db;
    Path main;

    @BeforeEach
    void universe() throws IOException {
        good = new ProxyTree(tmp.resolve("good"));
        evil = new ProxyTree(tmp.resolve("evil"));
        good.add("example.com/a", "v1.0.0", TIME, A_MOD, Map.of("a.go", "package a\n"));
        good.add("example.com/B", "v1.0.0", TIME, "module example.com/B\n\ngo 1.20\n", Map.of("b.go", "package b\n"));
        good.add("example.com/c", "v1.1.0", TIME, "module example.com/c\n\ngo 1.20\n", Map.of("c.go", "package c\n"));
        good.add("example.com/d", "v0.1.0", TIME, "module example.com/d\n", Map.of("d.go", "package d\n"));
        // The evil mirror changes a's code and B's go.mod.
        evil.add("example.com/a", "v1.0.0", TIME, A_MOD, Map.of("a.go", "package a // evil\n"));
        evil.add("example.com/B", "v1.0.0", TIME, "module example.com/B\n\ngo 1.20\n// evil\n", Map.of("b.go", "package b\n"));
        evil.add("example.com/c", "v1.1.0", TIME, "module example.com/c\n\ngo 1.20\n", Map.of("c.go", "package c\n"));
        main = Files.createDirectories(tmp.resolve("main"));
        Files.writeString(main.resolve("go.mod"), "module m\n\ngo 1.20\n\nrequire (\n\texample.com/a v1.0.0\n"
                + "\texample.com/c v1.1.0\n)\n");
        goodMirror = LabServer.start(good.root());
        evilMirror = LabServer.start(evil.root());
        db = TestServer.builder(NAME, TestServer.proxyDir(good.root())).upstream(goodMirror.baseUri()).start();
    }

    @AfterEach
    void stop() {
        db.close();
        goodMirror.close();
        evilMirror.close();
    }

    /// One tool's run: its own copy of the main module, GOPATH and module cache.
    record Run(GoTool.Result result, Map<String, String> env, Path dir) {
        Path modcache() {
            return Path.of(env.get("GOMODCACHE"));
        }

        Path gopath() {
            return Path.of(env.get("GOPATH"));
        }
    }

    Map<String, String> env(String who, String goproxy, String gosumdb) {
        Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env-" + who), goproxy);
        env.put("GOSUMDB", gosumdb);
        return env;
    }

    Run go(Map<String, String> env, String who, String... args) {
        Path dir = moduleCopy(who);
        String[] goArgs = Stream.concat(Stream.of("mod", "download"), Stream.of(args)).toArray(String[]::new);
        return new Run(GoTool.run(dir, env, goArgs), env, dir);
    }

    Run gofetch(Map<String, String> env, String who, String... args) {
        Path dir = moduleCopy(who);
        String[] ourArgs = Stream.concat(Stream.of("download"), Stream.of(args)).toArray(String[]::new);
        return new Run(GofetchRunner.run(dir, env, ourArgs), env, dir);
    }

    private Path moduleCopy(String who) {
        Path dir = tmp.resolve("work-" + who);
        if (!Files.exists(dir)) {
            TreeCopy.copy(main, dir);
        }
        return dir;
    }

    /// The JSON output with the tool's module cache replaced and gofetch's `served by` line removed.
    static String json(Run r) {
        return r.result.stdout().replace(r.modcache().toString(), "$GOMODCACHE")
                .replaceAll("\\\\n\\\\tserved by:  [^\\\\]*", "");
    }

    static String stderr(Run r) {
        return r.result.stderr().replaceAll("(?m)^(go|gofetch): ", "").replaceAll("\n\tserved by:  [^\n]*", "");
    }

    void assertSameOutcome(Run want, Run got) throws IOException {
        String ctx = "\n--- go stderr:\n" + want.result.stderr() + "\n--- gofetch stderr:\n" + got.result.stderr()
                + "\n--- go stdout:\n" + want.result.stdout() + "\n--- gofetch stdout:\n" + got.result.stdout();
        assertThat(got.result.exitCode()).as("exit status" + ctx).isEqualTo(want.result.exitCode());
        assertThat(json(got)).as("download -json output" + ctx).isEqualTo(json(want));
        assertThat(stderr(got)).as("stderr" + ctx).isEqualTo(stderr(want));
        assertThat(cacheSnapshot(got.modcache())).as("module cache" + ctx).isEqualTo(cacheSnapshot(want.modcache()));
        assertThat(sumdbCache(got.modcache())).as("verified lookups cached" + ctx).isEqualTo(sumdbCache(want.modcache()));
        assertThat(goSum(got.dir)).as("go.sum" + ctx).isEqualTo(withoutRejected(goSum(want.dir), want));
        assertThat(Path.of(got.env.get("GOPATH"), "pkg/sumdb", NAME, "latest").toFile().exists()).as("latest" + ctx)
                .isEqualTo(Path.of(want.env.get("GOPATH"), "pkg/sumdb", NAME, "latest").toFile().exists());
    }

    private static final Pattern FAILED = Pattern.compile("([^\\s\"]+)@(v[^:\\s\"]+): verifying (go\\.mod|module): ");

    /// go.sum without the lines of hashes that failed verification. The go command (1.26) writes them
    /// anyway: `checkModSum` marks a hash used before asking the database, and `tidyGoSum` keeps used
    /// hashes, so a hash the database refused lands in go.sum and is trusted by the next run. gofetch
    /// records only hashes it accepted.
    static String withoutRejected(String goSum, Run r) {
        if (goSum.equals("<none>")) {
            return goSum;
        }
        Set<String> rejected = new TreeSet<>();
        Matcher m = FAILED.matcher(r.result.stdout() + r.result.stderr());
        while (m.find()) {
            rejected.add(m.group(1) + " " + m.group(2) + (m.group(3).equals("go.mod") ? "/go.mod" : "") + " ");
        }
        return goSum.lines().filter(l -> rejected.stream().noneMatch(l::startsWith))
                .map(l -> l + "\n").collect(Collectors.joining());
    }

    static String goSum(Path dir) throws IOException {
        Path f = dir.resolve("go.sum");
        return Files.exists(f) ? Files.readString(f) : "<none>";
    }

    /// The module cache below `cache/download/sumdb` excluded: file names, sizes and content hashes.
    static Map<String, String> cacheSnapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.equals("cache/lock") || rel.startsWith("cache/download/sumdb") || !Files.isRegularFile(p)) {
                    continue;
                }
                out.put(rel, Files.size(p) + ":" + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /// The lookups saved under `cache/download/sumdb/<name>/lookup` (tiles depend on when a tool asked).
    static Set<String> sumdbCache(Path modcache) throws IOException {
        Path root = modcache.resolve("cache/download/sumdb/" + NAME + "/lookup");
        if (!Files.exists(root)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    Set<String> lookupsRequested() {
        return db.requests().stream().map(TestServer.Request::path).filter(p -> p.contains("/lookup/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- the test server is a checksum database the go command accepts ----

    @Test
    void goCommandAcceptsTheTestServerOnAGeneratedUniverse() throws IOException {
        Universe u = UniverseGenerator.generate(UniverseSpec.builder().seed(21).modulePaths(16).mainModules(1)
                .excludes(0).replaces(0).localReplaces(0).build(), tmp.resolve("u"));
        Path m = u.mainModules().get(0);
        Files.delete(m.resolve("go.sum"));
        try (LabServer mirror = LabServer.start(u.proxy().root());
             TestServer udb = TestServer.builder(NAME, TestServer.proxyDir(u.proxy().root()))
                     .upstream(mirror.baseUri()).start()) {
            Map<String, String> goEnv = GoTool.pinnedEnv(tmp.resolve("go"), mirror.baseUri().toString());
            goEnv.put("GOSUMDB", udb.gosumdb());
            Path goDir = TreeCopy.copy(m, tmp.resolve("go-main"));
            GoTool.Result want = GoTool.run(goDir, goEnv, "mod", "download", "-json", "all");
            assertThat(want.exitCode()).as(want.stderr() + want.stdout()).isZero();
            Set<String> goLookups = udb.requests().stream().map(TestServer.Request::path)
                    .filter(p -> p.startsWith("/lookup/")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(goLookups).isNotEmpty();

            udb.clearRequests();
            Map<String, String> ourEnv = GoTool.pinnedEnv(tmp.resolve("ours"), mirror.baseUri().toString());
            ourEnv.put("GOSUMDB", udb.gosumdb());
            Path ourDir = TreeCopy.copy(m, tmp.resolve("our-main"));
            GoTool.Result got = GofetchRunner.run(ourDir, ourEnv, "download", "-json", "all");
            assertThat(got.exitCode()).as(got.stderr()).isZero();
            assertThat(got.stdout().replace(ourEnv.get("GOMODCACHE"), "$M"))
                    .isEqualTo(want.stdout().replace(goEnv.get("GOMODCACHE"), "$M"));
            Set<String> ourLookups = udb.requests().stream().map(TestServer.Request::path)
                    .filter(p -> p.startsWith("/lookup/")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(ourLookups).isEqualTo(goLookups);
            assertThat(Path.of(ourEnv.get("GOPATH"), "pkg/sumdb", NAME, "latest")).hasBinaryContent(udb.signedTree());
            // Every line the go command recorded, gofetch recorded too, and each is one the database holds.
            assertThat(goSum(ourDir).lines()).containsAll(goSum(goDir).lines().toList());
            for (String line : goSum(ourDir).lines().toList()) {
                String[] f = line.split(" ");
                byte[] record = udb.recordText(f[0], f[1].replace("/go.mod", ""));
                assertThat(record).as(line).isNotNull();
                assertThat(new String(record, java.nio.charset.StandardCharsets.UTF_8).lines()).contains(line);
            }
        }
    }

    @Test
    void goCommandAndGofetchReachTheDatabaseThroughAProxyThatSupportsIt() throws IOException {
        // The test server as GOPROXY: it answers /sumdb/<name>/supported and forwards module requests.
        String goproxy = db.baseUri().toString();
        Run want = go(env("go", goproxy, db.verifierKey()), "go", "-json", "all");
        Set<String> goRequests = db.requests().stream().map(TestServer.Request::path)
                .filter(p -> p.startsWith("/sumdb/")).collect(Collectors.toCollection(TreeSet::new));
        long goProbes = db.requests().stream().filter(r -> r.path().endsWith("/supported")).count();
        db.clearRequests();
        Run got = gofetch(env("ours", goproxy, db.verifierKey()), "ours", "-json", "all");
        assertSameOutcome(want, got);
        assertThat(want.result.exitCode()).isZero();
        assertThat(goProbes).isEqualTo(1);
        assertThat(db.requests().stream().filter(r -> r.path().endsWith("/supported")).count()).isEqualTo(1);
        assertThat(db.requests().stream().map(TestServer.Request::path).filter(p -> p.startsWith("/sumdb/")
                && !p.contains("/tile/"))).containsExactlyInAnyOrderElementsOf(goRequests.stream()
                        .filter(p -> !p.contains("/tile/")).toList());
        assertThat(db.requests()).noneMatch(r -> r.path().startsWith("/lookup/") || r.path().startsWith("/tile/"));
    }

    // ---- failures: the same for both tools ----

    @Test
    void mirrorServingAlteredBytesFailsAgainstTheDatabaseAndNothingIsKept() throws IOException {
        String goproxy = evilMirror.baseUri().toString();
        Run want = go(env("go", goproxy, db.gosumdb()), "go", "-json", "all");
        Run got = gofetch(env("ours", goproxy, db.gosumdb()), "ours", "-json", "all");
        assertSameOutcome(want, got);
        assertThat(want.result.stdout()).contains("verifying module: checksum mismatch", "verifying go.mod: checksum mismatch");
        assertThat(got.result.stdout()).contains("served by:  " + goproxy);
        // Deliberate difference: the go command records the refused zip hash in go.sum; gofetch does not.
        assertThat(goSum(want.dir)).contains("example.com/a v1.0.0 h1:");
        assertThat(goSum(got.dir)).doesNotContain("example.com/a v1.0.0 h1:");
        assertThat(got.modcache().resolve("cache/download/example.com/a/@v/v1.0.0.zip")).doesNotExist();
        assertThat(got.modcache().resolve("cache/download/example.com/!b/@v/v1.0.0.mod")).doesNotExist();
        // Not in JSON mode: the same one-line-per-module report.
        Run want2 = go(env("go2", goproxy, db.gosumdb()), "go2", "example.com/a@v1.0.0");
        Run got2 = gofetch(env("ours2", goproxy, db.gosumdb()), "ours2", "example.com/a@v1.0.0");
        assertSameOutcome(want2, got2);
    }

    @Test
    void outsideAModuleTheDatabaseIsStillConsulted() throws IOException {
        String goproxy = evilMirror.baseUri().toString();
        Path nowhere = Files.createDirectories(tmp.resolve("no-module"));
        Map<String, String> goEnv = env("go", goproxy, db.gosumdb());
        Map<String, String> ourEnv = env("ours", goproxy, db.gosumdb());
        Run want = new Run(GoTool.run(nowhere, goEnv, "mod", "download", "-json", "example.com/a@v1.0.0",
                "example.com/c@v1.1.0"), goEnv, nowhere);
        Run got = new Run(GofetchRunner.run(nowhere, ourEnv, "download", "-json", "example.com/a@v1.0.0",
                "example.com/c@v1.1.0"), ourEnv, nowhere);
        assertSameOutcome(want, got);
        assertThat(want.result.stdout()).contains("example.com/a@v1.0.0: verifying module: checksum mismatch");
        assertThat(lookupsRequested()).containsExactlyInAnyOrder("/lookup/example.com/a@v1.0.0",
                "/lookup/example.com/c@v1.1.0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"record not the logged one", "bad signature", "another key", "corrupt tiles"})
    void misbehavingDatabaseIsRefusedTheSameWay(String fault) throws IOException {
        db.add("example.com/a", "v1.0.0");
        db.add("example.com/B", "v1.0.0");
        db.add("example.com/c", "v1.1.0");
        String gosumdb = db.gosumdb();
        switch (fault) {
            case "record not the logged one" -> db.alterLookup("example.com/a", "v1.0.0",
                    new String(db.recordText("example.com/a", "v1.0.0"), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("h1:", "h1:x"));
            case "bad signature" -> db.corruptSignatures(true);
            case "another key" -> db.signerKey(NoteSigner.generate(NAME).signerKey());
            case "corrupt tiles" -> db.corruptTiles(true);
            default -> throw new AssertionError(fault);
        }
        String goproxy = goodMirror.baseUri().toString();
        // With corrupt tiles the message depends on which lookup comes first (the first sees the record
        // check fail, later ones the tree check), and modules load concurrently: ask for one module.
        String target = fault.equals("corrupt tiles") ? "example.com/a@v1.0.0" : "all";
        Run want = go(env("go", goproxy, gosumdb), "go", "-json", target);
        Run got = gofetch(env("ours", goproxy, gosumdb), "ours", "-json", target);
        assertSameOutcome(want, got);
        assertThat(want.result.exitCode()).isEqualTo(1);
    }

    @Test
    void forkedLogIsTheSameSecurityErrorForBothTools() throws IOException {
        String goproxy = goodMirror.baseUri().toString();
        Map<String, String> goEnv = env("go", goproxy, db.gosumdb());
        Map<String, String> ourEnv = env("ours", goproxy, db.gosumdb());
        Run want = go(goEnv, "go", "-json", "example.com/a@v1.0.0");
        Run got = gofetch(ourEnv, "ours", "-json", "example.com/a@v1.0.0");
        assertSameOutcome(want, got);
        byte[] seen = db.signedTree();
        db.rewriteRecord("example.com/a", "v1.0.0", "example.com/a v1.0.0 h1:tampered\n");
        want = go(goEnv, "go", "-json", "example.com/c@v1.1.0");
        got = gofetch(ourEnv, "ours", "-json", "example.com/c@v1.1.0");
        assertThat(want.result.exitCode()).isEqualTo(1);
        assertThat(want.result.stderr()).startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n");
        assertThat(got.result.exitCode()).isEqualTo(1);
        assertThat(stderr(got)).isEqualTo(stderr(want));
        assertThat(got.result.stdout()).isEqualTo(want.result.stdout()).isEmpty();
        assertThat(got.modcache().resolve("cache/download/example.com/c/@v/v1.1.0.zip")).doesNotExist();
        assertThat(Path.of(ourEnv.get("GOPATH"), "pkg/sumdb", NAME, "latest")).hasBinaryContent(seen);
    }

    // ---- GOSUMDB settings ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"too many fields", "not a key", "wrong key hash", "unknown algorithm",
        "name with a query", "name ending in a slash", "URL without a scheme", "URL with a bad escape", "nobody listening", "key of another name"})
    void badGosumdbSettingsFailTheSameWay(String what) throws IOException {
        String vkey = db.verifierKey();
        String[] parts = NoteVerifier.cut3(vkey);
        String gosumdb = switch (what) {
            case "too many fields" -> vkey + " http://127.0.0.1:1 extra";
            case "not a key" -> "sum.lab.test+zz";
            case "wrong key hash" -> parts[0] + "+00000000+" + parts[2];
            case "unknown algorithm" -> parts[0] + "+" + parts[1] + "+" + "Ag" + parts[2].substring(2);
            case "name with a query" -> NoteSigner.generate("sum.lab.test?x=1").verifierKey();
            case "name ending in a slash" -> NoteSigner.generate("sum.lab.test/").verifierKey();
            case "URL without a scheme" -> vkey + " ://nowhere";
            case "URL with a bad escape" -> vkey + " http://127.0.0.1:1/%zz";
            case "nobody listening" -> vkey + " http://127.0.0.1:1";
            case "key of another name" -> NoteSigner.generate("other.lab.test").verifierKey() + " " + db.baseUri();
            default -> throw new AssertionError(what);
        };
        String goproxy = goodMirror.baseUri().toString();
        Run want = go(env("go", goproxy, gosumdb), "go", "-json", "example.com/c@v1.1.0");
        Run got = gofetch(env("ours", goproxy, gosumdb), "ours", "-json", "example.com/c@v1.1.0");
        assertThat(want.result.exitCode()).as(want.result.stdout()).isEqualTo(1);
        assertSameOutcome(want, got);
    }

    // ---- private paths ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GONOSUMDB=example.com/B", "GOPRIVATE=example.com/B,GONOPROXY=none",
        "GONOSUMDB=example.com", "GOSUMDB=off"})
    void privatePathsNeverReachTheDatabase(String setting) throws IOException {
        String goproxy = goodMirror.baseUri().toString();
        Map<String, String> goEnv = env("go", goproxy, db.gosumdb());
        Map<String, String> ourEnv = env("ours", goproxy, db.gosumdb());
        for (String kv : setting.split(",")) {
            String[] p = kv.split("=", 2);
            goEnv.put(p[0], p[1]);
            ourEnv.put(p[0], p[1]);
        }
        Run want = go(goEnv, "go", "-json", "all");
        Set<String> goLookups = lookupsRequested();
        db.clearRequests();
        Run got = gofetch(ourEnv, "ours", "-json", "all");
        assertSameOutcome(want, got);
        assertThat(want.result.exitCode()).isZero();
        assertThat(lookupsRequested()).isEqualTo(goLookups).noneMatch(p -> p.contains("!b@"));
        if (setting.contains("GOSUMDB=off") || setting.contains("=example.com,") || setting.endsWith("=example.com")) {
            assertThat(db.requests()).isEmpty();
        }
    }

    // ---- one "latest" file for both tools ----

    @Test
    void goCommandAndGofetchShareTheLatestTreeAndItOnlyMovesForward() throws IOException {
        String goproxy = goodMirror.baseUri().toString();
        Map<String, String> shared = env("shared", goproxy, db.gosumdb());
        Path latest = Path.of(shared.get("GOPATH"), "pkg/sumdb", NAME, "latest");
        Run r = go(shared, "go", "example.com/B@v1.0.0");
        assertThat(r.result.exitCode()).as(r.result.stderr()).isZero();
        assertThat(latest).hasBinaryContent(db.signedTree());
        r = gofetch(shared, "ours", "example.com/c@v1.1.0");
        assertThat(r.result.exitCode()).as(r.result.stderr()).isZero();
        assertThat(latest).hasBinaryContent(db.signedTree());
        r = go(shared, "go", "example.com/a@v1.0.0");
        assertThat(r.result.exitCode()).as(r.result.stderr()).isZero();
        byte[] three = db.signedTree();
        assertThat(latest).hasBinaryContent(three);
        // After a fork, both tools check the tree go wrote against the new one. With the tiles of the
        // tree seen cached, that is proof of misbehaviour; without them (a fresh module cache), the
        // tiles the server now serves simply fail to authenticate the tree in "latest".
        db.rewriteRecord("example.com/B", "v1.0.0", "example.com/B v1.0.0 h1:tampered\n");
        db.add("example.com/d", "v0.1.0");
        Run ours = gofetch(shared, "ours-again", "example.com/d@v0.1.0");
        Run theirs = go(shared, "go-again", "example.com/d@v0.1.0");
        assertThat(ours.result.exitCode()).isEqualTo(theirs.result.exitCode()).isEqualTo(1);
        assertThat(theirs.result.stderr()).startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n");
        assertThat(stderr(ours)).isEqualTo(stderr(theirs));

        Map<String, String> freshCache = new HashMap<>(shared);
        freshCache.put("GOMODCACHE", tmp.resolve("other-cache").toString());
        ours = gofetch(freshCache, "ours-fresh", "example.com/c@v1.1.0");
        freshCache.put("GOMODCACHE", tmp.resolve("other-cache-go").toString());
        theirs = go(freshCache, "go-fresh", "example.com/c@v1.1.0");
        assertThat(theirs.result.stderr()).isEqualTo("go: example.com/c@v1.1.0: verifying go.mod: example.com/c@v1.1.0/go.mod: "
                + "initializing sumdb.Client: checking tree#3: downloaded inconsistent tile\n");
        assertThat(stderr(ours)).isEqualTo(stderr(theirs));
        assertThat(latest).hasBinaryContent(three);
    }
}

package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.proxy.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// gofetch's checksum database client against the test server: what it accepts, what it refuses and
/// with which message, what it caches where, and how it finds the database through the GOPROXY list.
class ChecksumDatabaseTest {
    static final String NAME = "sum.lab.test";

    @TempDir
    Path tmp;
    TestServer server;
    Path gopath;
    Path modcache;

    /// Module versions example.com/m<i> v1.0.0 with made-up but stable hashes.
    static TestServer.GoSumSource fakeModules() {
        return (path, version) -> {
            if (!path.startsWith("example.com/")) {
                return null;
            }
            return (path + " " + version + " " + fakeHash(path + "@" + version) + "\n"
                    + path + " " + version + "/go.mod " + fakeHash(path + "@" + version + "/go.mod") + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    static String fakeHash(String s) {
        return "h1:" + Base64.getEncoder().encodeToString(Tlog.sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.builder(NAME, fakeModules()).start();
        gopath = tmp.resolve("gopath");
        modcache = gopath.resolve("pkg/mod");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ChecksumDatabase db(String gosumdb, String gonosumdb, String goproxy) throws Exception {
        ProxyList list = ProxyList.parse(goproxy, "");
        return new ChecksumDatabase(gosumdb, gonosumdb, goproxy, list, Transport.createDefault(),
                () -> gopath.resolve("pkg/sumdb"), modcache.resolve("cache/download/sumdb"));
    }

    ChecksumDatabase db() throws Exception {
        return db(server.gosumdb(), "", "off");
    }

    Path latestFile() {
        return gopath.resolve("pkg/sumdb/" + NAME + "/latest");
    }

    Path cached(String file) {
        return modcache.resolve("cache/download/sumdb/" + NAME + "/" + file);
    }

    String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void lookupReturnsTheLinesOfTheVersionAskedFor() throws Exception {
        ChecksumDatabase db = db();
        assertThat(db.lookup("example.com/m1", "v1.0.0"))
                .containsExactly("example.com/m1 v1.0.0 " + fakeHash("example.com/m1@v1.0.0"));
        assertThat(db.lookup("example.com/m1", "v1.0.0/go.mod"))
                .containsExactly("example.com/m1 v1.0.0/go.mod " + fakeHash("example.com/m1@v1.0.0/go.mod"));
        // Both lines come in one record: one lookup, one tile.
        assertThat(server.requests()).extracting(TestServer.Request::path)
                .containsExactly("/lookup/example.com/m1@v1.0.0", "/tile/8/0/000.p/1");
    }

    @Test
    void upperCaseLettersAreEscapedInLookups() throws Exception {
        ChecksumDatabase db = db();
        assertThat(db.lookup("example.com/Big/Thing", "v1.0.0-RC1")).hasSize(1);
        assertThat(server.requests().get(0).path()).isEqualTo("/lookup/example.com/!big/!thing@v1.0.0-!r!c1");
        assertThat(cached("lookup/example.com/!big/!thing@v1.0.0-!r!c1")).exists();
    }

    @Test
    void verifiedDataIsCachedWhereTheGoCommandKeepsIt() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        server.add("example.com/m1", "v1.0.0");
        db().lookup("example.com/m1", "v1.0.0");
        assertThat(latestFile()).hasBinaryContent(server.signedTree());
        assertThat(cached("lookup/example.com/m1@v1.0.0")).exists();
        assertThat(cached("tile/8/0/000.p/2")).hasSize(2 * 32);

        // A new client on the same directories needs no server for what is cached.
        server.close();
        assertThat(db().lookup("example.com/m1", "v1.0.0/go.mod")).hasSize(1);
    }

    @Test
    void lookupUnknownToTheDatabaseFailsWithTheServersAnswer() throws Exception {
        assertThatThrownBy(() -> db().lookup("other.org/x", "v1.0.0"))
                .hasMessage("other.org/x@v1.0.0: reading " + server.baseUri() + "/lookup/other.org/x@v1.0.0: 404 Not Found\n"
                        + "\tserver response: not found: other.org/x@v1.0.0");
    }

    @Test
    void treeGrowingOverSeveralTileLevelsStaysProvablyConsistent() throws Exception {
        for (int i = 0; i < 700; i++) {
            server.add("example.com/m" + i, "v1.0.0");
        }
        ChecksumDatabase db = db();
        db.lookup("example.com/m3", "v1.0.0");
        db.lookup("example.com/m650", "v1.0.0");
        assertThat(Tree.parse(Note.open(Files.readAllBytes(latestFile()), List.of(NoteVerifier.parse(server.verifierKey())))
                .text().getBytes(StandardCharsets.UTF_8)).n()).isEqualTo(700);
        for (int i = 700; i < 70_000 / 64; i++) {
            server.add("example.com/m" + i, "v1.0.0");
        }
        // The same client, then a new one: each proves the 700-record tree is a prefix of the new one.
        db.lookup("example.com/m1000", "v1.0.0");
        db().lookup("example.com/m5", "v1.0.0");
        assertThat(Files.readAllBytes(latestFile())).isEqualTo(server.signedTree());
        assertThat(cached("tile/8/0/000")).hasSize(256 * 32);
        assertThat(cached("tile/8/1/000.p/4")).hasSize(4 * 32);
    }

    @Test
    void latestTreeNeverGoesBackwards() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        db().lookup("example.com/m0", "v1.0.0"); // cached with tree#1
        for (int i = 1; i < 5; i++) {
            server.add("example.com/m" + i, "v1.0.0");
        }
        db().lookup("example.com/m4", "v1.0.0");
        byte[] tree5 = Files.readAllBytes(latestFile());
        assertThat(tree5).isEqualTo(server.signedTree());
        // The cached lookup carries tree#1: it is proven to be a prefix of tree#5, which stays.
        server.clearRequests();
        db().lookup("example.com/m0", "v1.0.0");
        assertThat(latestFile()).hasBinaryContent(tree5);
        assertThat(server.requests()).extracting(TestServer.Request::path).allMatch(p -> p.startsWith("/tile/"));
    }

    @Test
    void forkedLogIsASecurityErrorNamingBothSignedHeads() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        server.add("example.com/m1", "v1.0.0");
        server.add("example.com/m2", "v1.0.0");
        ChecksumDatabase db = db();
        db.lookup("example.com/m0", "v1.0.0");
        byte[] older = server.signedTree();
        server.rewriteRecord("example.com/m1", "v1.0.0", "example.com/m1 v1.0.0 " + fakeHash("evil") + "\n");
        for (int i = 3; i < 9; i++) {
            server.add("example.com/m" + i, "v1.0.0");
        }
        byte[] newer = server.signedTree();
        for (ChecksumDatabase client : List.of(db, db())) {
            assertThatThrownBy(() -> client.lookup("example.com/m7", "v1.0.0"))
                    .isInstanceOfSatisfying(SumdbSecurityException.class, e -> {
                        String indentedOld = text(older).replace("\n", "\n\t");
                        String indentedNew = text(newer).replace("\n", "\n\t");
                        assertThat(e.getMessage()).startsWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n"
                                + "old database:\n\t" + indentedOld + "\n" + "new database:\n\t" + indentedNew + "\n"
                                + "proof of misbehavior:\n\t");
                        assertThat(e.olderNote()).isEqualTo(older);
                        assertThat(e.newerNote()).isEqualTo(newer);
                        try {
                            assertProofShowsTheFork(e.getMessage(), older, newer);
                        } catch (IOException x) {
                            throw new AssertionError(x);
                        }
                    });
        }
        // The shared file keeps the tree seen first.
        assertThat(latestFile()).hasBinaryContent(older);
    }

    /// The proof in the report is checkable offline: the newer tree contains a tree of the older size
    /// whose hash is not the older tree's.
    private void assertProofShowsTheFork(String message, byte[] older, byte[] newer) throws IOException {
        List<NoteVerifier> key = List.of(NoteVerifier.parse(server.verifierKey()));
        Tree oldTree = Tree.parse(Note.open(older, key).text().getBytes(StandardCharsets.UTF_8));
        Tree newTree = Tree.parse(Note.open(newer, key).text().getBytes(StandardCharsets.UTF_8));
        String[] lines = message.substring(message.indexOf("proof of misbehavior:\n") + 22).split("\n");
        Hash h = Hash.parse(lines[0].strip());
        List<Hash> proof = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            proof.add(Hash.parse(lines[i].strip()));
        }
        assertThat(h).isNotEqualTo(oldTree.hash());
        Tlog.checkTree(proof, newTree.n(), newTree.hash(), oldTree.n(), h);
    }

    @Test
    void forkAtTheSameSizeIsCaughtToo() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        server.add("example.com/m1", "v1.0.0");
        db().lookup("example.com/m0", "v1.0.0");
        server.rewriteRecord("example.com/m0", "v1.0.0", "example.com/m0 v1.0.0 " + fakeHash("evil") + "\n");
        assertThatThrownBy(() -> db().lookup("example.com/m1", "v1.0.0"))
                .isInstanceOf(SumdbSecurityException.class)
                .hasMessageContaining("go.sum database server misbehavior detected!");
    }

    @Test
    void recordThatIsNotTheLoggedOneFailsItsInclusionProof() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        server.alterLookup("example.com/m0", "v1.0.0", "example.com/m0 v1.0.0 " + fakeHash("evil") + "\n");
        assertThatThrownBy(() -> db().lookup("example.com/m0", "v1.0.0"))
                .hasMessage("example.com/m0@v1.0.0: cannot authenticate record data in server response");
        assertThat(cached("lookup/example.com/m0@v1.0.0")).doesNotExist();
    }

    @Test
    void badSignatureIsRefusedAndNothingIsKept() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        server.corruptSignatures(true);
        String signed = text(server.signedTree());
        assertThatThrownBy(() -> db().lookup("example.com/m0", "v1.0.0/go.mod"))
                .hasMessage("example.com/m0@v1.0.0/go.mod: reading tree note: invalid signature for key "
                        + NAME + "+" + NoteVerifier.cut3(server.verifierKey())[1] + "\nnote:\n" + signed);
        assertThat(latestFile()).doesNotExist();
        assertThat(cached("lookup/example.com/m0@v1.0.0")).doesNotExist();
    }

    @Test
    void treeSignedByAnotherKeyIsUnverifiable() throws Exception {
        String expected = server.gosumdb();
        server.signerKey(NoteSigner.generate(NAME).signerKey());
        assertThatThrownBy(() -> db(expected, "", "off").lookup("example.com/m0", "v1.0.0"))
                .hasMessageStartingWith("example.com/m0@v1.0.0: reading tree note: note has no verifiable signatures\nnote:\n");
    }

    @Test
    void corruptTileIsInconsistentAndNotCached() throws Exception {
        server.add("example.com/m0", "v1.0.0");
        server.add("example.com/m1", "v1.0.0");
        server.corruptTiles(true);
        assertThatThrownBy(() -> db().lookup("example.com/m0", "v1.0.0"))
                .hasMessage("example.com/m0@v1.0.0: downloaded inconsistent tile");
        assertThat(cached("tile/8/0/000.p/2")).doesNotExist();
        // With a tree already seen, the consistency check is what fails.
        server.corruptTiles(false);
        db().lookup("example.com/m0", "v1.0.0");
        server.add("example.com/m2", "v1.0.0");
        server.corruptTiles(true);
        assertThatThrownBy(() -> db().lookup("example.com/m2", "v1.0.0"))
                .hasMessage("example.com/m2@v1.0.0: checking tree#2 against tree#3: downloaded inconsistent tile");
    }

    @Test
    void latestFileWrittenByAnotherKeyBlocksInitialization() throws Exception {
        Files.createDirectories(latestFile().getParent());
        NoteSigner other = NoteSigner.parse(NoteSigner.generate(NAME).signerKey());
        byte[] foreign = Note.sign(Note.unsigned(text(new Tree(1, Tlog.recordHash(new byte[0])).format())), other);
        Files.write(latestFile(), foreign);
        assertThatThrownBy(() -> db().lookup("example.com/m0", "v1.0.0"))
                .hasMessage("example.com/m0@v1.0.0: initializing sumdb.Client: reading tree note: note has no verifiable "
                        + "signatures\nnote:\n" + text(foreign));
    }

    @Test
    void verifyAcceptsTheDatabasesHashAndNamesBothOnAMismatch() throws Exception {
        ChecksumDatabase db = db();
        db.verify(new ModuleVersion("example.com/m0", "v1.0.0"), fakeHash("example.com/m0@v1.0.0"), "https://mirror");
        db.verify(new ModuleVersion("example.com/m0", "v1.0.0/go.mod"), fakeHash("example.com/m0@v1.0.0/go.mod"), "");
        String bad = fakeHash("tampered");
        assertThatThrownBy(() -> db.verify(new ModuleVersion("example.com/m0", "v1.0.0"), bad, "http://127.0.0.1:1/"))
                .isInstanceOfSatisfying(SumdbMismatchException.class, e -> {
                    assertThat(e.downloaded()).isEqualTo(bad);
                    assertThat(e.database()).isEqualTo(fakeHash("example.com/m0@v1.0.0"));
                    assertThat(e.mirror()).isEqualTo("http://127.0.0.1:1/");
                })
                .hasMessage("verifying module: checksum mismatch\n"
                        + "\tdownloaded: " + bad + "\n"
                        + "\tsum.lab.test: " + fakeHash("example.com/m0@v1.0.0") + "\n"
                        + "\tserved by:  http://127.0.0.1:1/\n"
                        + "\n"
                        + "SECURITY ERROR\n"
                        + "This download does NOT match the one reported by the checksum server.\n"
                        + "The bits may have been replaced on the origin server, or an attacker may\n"
                        + "have intercepted the download attempt.\n"
                        + "\n"
                        + "For more information, see 'go help module-auth'.\n");
        assertThatThrownBy(() -> db.verify(new ModuleVersion("example.com/m0", "v1.0.0/go.mod"), bad, ""))
                .hasMessageStartingWith("verifying go.mod: checksum mismatch\n\tdownloaded: " + bad + "\n\tsum.lab.test: ");
        assertThatThrownBy(() -> db.verify(new ModuleVersion("other.org/x", "v1.0.0/go.mod"), bad, ""))
                .hasMessageStartingWith("verifying go.mod: other.org/x@v1.0.0/go.mod: reading ");
    }

    @Test
    void recordWithoutTheLineAskedForIsAbsent() throws Exception {
        TestServer onlyGoMod = TestServer.builder(NAME, (p, v) -> (p + " " + v + "/go.mod " + fakeHash(p) + "\n")
                .getBytes(StandardCharsets.UTF_8)).start();
        try (onlyGoMod) {
            ChecksumDatabase db = db(onlyGoMod.gosumdb(), "", "off");
            assertThatThrownBy(() -> db.verify(new ModuleVersion("example.com/m0", "v1.0.0"), fakeHash("x"), ""))
                    .hasMessageStartingWith("verifying module: checksum missing from sumdb response\n\nSECURITY ERROR\n"
                            + "This download does NOT match one reported by the checksum server.\n");
        }
    }

    @Test
    void gonosumdbAndOffDecideWhichPathsAreChecked() throws Exception {
        ChecksumDatabase db = db("sum.golang.org", "*.corp.example,private.example/team", "https://proxy.golang.org");
        assertThat(db.uses("example.com/m0")).isTrue();
        assertThat(db.uses("git.corp.example/x")).isFalse();
        assertThat(db.uses("private.example/team/repo/v2")).isFalse();
        assertThat(db.uses("private.example/other")).isTrue();
        assertThat(db("off", "", "https://proxy.golang.org").uses("example.com/m0")).isFalse();
        // Toolchains are always checked, unless GOPROXY is a single file:// URL.
        assertThat(db("off", "*", "https://proxy.golang.org").uses("golang.org/toolchain")).isTrue();
        assertThat(db("off", "*", "file:///tmp/proxy").uses("golang.org/toolchain")).isFalse();
        assertThat(db("off", "*", "file:///tmp/a,file:///tmp/b").uses("golang.org/toolchain")).isTrue();
    }

    @Test
    void badGosumdbFailsOnlyWhenALookupIsNeeded() throws Exception {
        ChecksumDatabase db = db("not a valid key", "", "off");
        assertThat(db.uses("example.com/m0")).isTrue();
        assertThatThrownBy(() -> db.verify(new ModuleVersion("example.com/m0", "v1.0.0"), fakeHash("x"), ""))
                .hasMessage("verifying module: invalid GOSUMDB: too many fields");
    }

    // ---- reaching the database through the GOPROXY list ----

    URI baseFor(String goproxy, String gonoproxy) throws Exception {
        SumdbConfig config = SumdbConfig.parse(server.verifierKey());
        return new SumdbAccess(config, ProxyList.parse(goproxy, gonoproxy), Transport.createDefault(),
                () -> gopath.resolve("pkg/sumdb"), modcache.resolve("cache/download/sumdb")).base();
    }

    @Test
    void proxyThatSupportsTheDatabaseCarriesAllItsTraffic() throws Exception {
        ChecksumDatabase db = db(server.verifierKey(), "", server.baseUri().toString());
        db.lookup("example.com/m0", "v1.0.0");
        db.verify(new ModuleVersion("example.com/m1", "v1.0.0/go.mod"), fakeHash("example.com/m1@v1.0.0/go.mod"), "");
        db.verify(new ModuleVersion("example.com/m1", "v1.0.0"), fakeHash("example.com/m1@v1.0.0"), "");
        assertThat(server.requests()).extracting(TestServer.Request::path)
                .allMatch(p -> p.startsWith("/sumdb/" + NAME + "/"))
                .filteredOn(p -> p.endsWith("/supported")).hasSize(1);
        assertThat(server.requests().get(0).path()).isEqualTo("/sumdb/" + NAME + "/supported");
    }

    @Test
    void probeWalksTheListAsTheGoCommandDoes() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (LabServer notFound = LabServer.start(empty);
             LabServer broken = LabServer.builder(empty).faults(Faults.parse("status:/=500")).start()) {
            String db = server.baseUri().toString();
            String nf = notFound.baseUri().toString();
            String bad = broken.baseUri().toString();
            URI viaProxy = URI.create(db + "/sumdb/" + NAME);
            URI direct = URI.create("https://" + NAME);
            assertThat(baseFor(db, "")).isEqualTo(viaProxy);
            assertThat(baseFor(nf + "," + db, "")).isEqualTo(viaProxy);
            assertThat(baseFor(bad + "|" + db, "")).isEqualTo(viaProxy);
            assertThat(baseFor(nf, "")).isEqualTo(direct);
            assertThat(baseFor(nf + ",direct", "")).isEqualTo(direct);
            assertThat(baseFor("off", "")).isEqualTo(direct);
            assertThat(baseFor("direct," + db, "")).isEqualTo(direct);
            assertThat(baseFor(db, "*")).isEqualTo(viaProxy); // GONOPROXY does not apply to the database
            assertThat(baseFor(bad + "|direct", "")).isEqualTo(direct);
            assertThat(baseFor(tmp.resolve("nowhere").toUri() + "," + db, "")).isEqualTo(viaProxy);
            assertThatThrownBy(() -> baseFor(bad + "," + db, ""))
                    .hasMessage("reading " + bad.replaceAll("/$", "") + "/sumdb/" + NAME + "/supported: 500 Internal Server Error\n"
                            + "\tserver response: lab: status 500 for /sumdb/" + NAME + "/supported");
            assertThatThrownBy(() -> baseFor(bad + "|" + bad, ""))
                    .hasMessageStartingWith("reading " + bad.replaceAll("/$", "") + "/sumdb/" + NAME + "/supported: 500");
            server.supported(false);
            assertThat(baseFor(db, "")).isEqualTo(direct);
        }
    }

    @Test
    void unavailableDatabaseIsALookupErrorNotAnAnswer() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (LabServer broken = LabServer.builder(empty).faults(Faults.parse("status:/=500")).start()) {
            ChecksumDatabase db = db(server.verifierKey(), "", broken.baseUri().toString());
            assertThatThrownBy(() -> db.verify(new ModuleVersion("example.com/m0", "v1.0.0/go.mod"), fakeHash("x"), ""))
                    .hasMessage("verifying go.mod: example.com/m0@v1.0.0/go.mod: reading "
                            + broken.baseUri().toString().replaceAll("/$", "") + "/sumdb/" + NAME
                            + "/supported: 500 Internal Server Error\n"
                            + "\tserver response: lab: status 500 for /sumdb/" + NAME + "/supported");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void explicitUrlBypassesTheProxies() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (LabServer proxy = LabServer.start(empty)) {
            db(server.gosumdb(), "", proxy.baseUri().toString()).lookup("example.com/m0", "v1.0.0");
            assertThat(proxy.exchanges()).isEmpty();
            assertThat(server.requests()).extracting(TestServer.Request::path)
                    .containsExactly("/lookup/example.com/m0@v1.0.0", "/tile/8/0/000.p/1");
        }
    }

    @Test
    void concurrentLookupsShareOneTimeline() throws Exception {
        for (int i = 0; i < 150; i++) {
            server.add("example.com/m" + i, "v1.0.0");
        }
        ChecksumDatabase db = db();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            int base = t;
            Thread th = new Thread(() -> {
                try {
                    for (int i = base; i < 200; i += 8) {
                        assertThat(db.lookup("example.com/m" + i, "v1.0.0")).hasSize(1);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
        assertThat(server.size()).isEqualTo(200);
        try (Stream<Path> files = Files.list(cached("lookup/example.com"))) {
            assertThat(files).hasSize(200);
        }
        assertThat(latestFile()).hasBinaryContent(server.signedTree());
    }
}

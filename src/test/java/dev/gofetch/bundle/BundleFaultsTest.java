package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/// Damaged and hostile bundles: `bundle verify` and `bundle import` both reject them with a message
/// naming the fault, exit 1, and import writes nothing at all into the module cache.
class BundleFaultsTest {
    @TempDir
    static Path shared;
    static BundleFixture fixture;
    static Bundle good;

    @BeforeAll
    static void makeBundle() throws Exception {
        fixture = BundleFixture.create(UniverseSpec.builder().seed(7).plain().modulePaths(10).versionsPerPath(3)
                .mainModules(1).build(), shared);
        good = Bundle.open(fixture.bundle, Progress.NONE);
    }

    static String firstName(String suffix) {
        return good.files().keySet().stream().filter(n -> n.endsWith(suffix)).sorted().findFirst().orElseThrow();
    }

    // ---- one altered byte, anywhere ----

    static Stream<Arguments> alteredBytes() {
        return Stream.of(
                Arguments.of("in a zip", (OffsetOf) () -> middleOf(firstName(".zip")), ".zip: sha256 is "),
                Arguments.of("in a go.mod", (OffsetOf) () -> middleOf(firstName(".mod")), ".mod: h1 hash is "),
                Arguments.of("in the manifest", (OffsetOf) () -> good.region(Layout.MANIFEST).offset() + 40,
                        "manifest.json"),
                Arguments.of("in go.sum", (OffsetOf) () -> middleOf(Layout.GO_SUM), "go.sum"),
                Arguments.of("in SHA256SUMS", (OffsetOf) () -> good.region(Layout.SUMS).offset() + 3, "SHA256SUMS"),
                Arguments.of("in a tar header", (OffsetOf) () -> good.region(Layout.GO_SUM).offset() - 512 + 2,
                        "header checksum mismatch"),
                Arguments.of("in the padding after a file", (OffsetOf) () -> {
                    Bundle.Region r = good.region(Layout.GO_SUM);
                    return r.offset() + r.size() + 1;
                }, "non-zero padding"),
                Arguments.of("in the end-of-archive blocks", (OffsetOf) () -> Files.size(fixture.bundle) - 1,
                        "after the end-of-archive marker"));
    }

    @FunctionalInterface
    interface OffsetOf {
        long get() throws IOException;
    }

    static long middleOf(String name) {
        Bundle.Region r = good.region(name);
        return r.offset() + r.size() / 2;
    }

    @ParameterizedTest(name = "altered byte {0}")
    @MethodSource("alteredBytes")
    void oneAlteredByteIsRejected(String where, OffsetOf offset, String message, @TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.tar");
        Files.copy(fixture.bundle, bad);
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            long at = offset.get();
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        assertRejected(bad, tmp, message);
    }

    // ---- files missing, added, or a manifest that lies ----

    static Stream<Arguments> surgeries() {
        return Stream.of(
                Arguments.of("a missing zip", edit(items -> without(items, firstName(".zip"))),
                        "missing file " + firstName(".zip") + " (required by the manifest)"),
                Arguments.of("a missing zip, SHA256SUMS fixed up", resummed(items -> without(items, firstName(".zip"))),
                        "missing file " + firstName(".zip") + " (required by the manifest)"),
                Arguments.of("a missing manifest", resummed(items -> without(items, Layout.MANIFEST)),
                        "the bundle has no manifest.json"),
                Arguments.of("a missing list", resummed(items -> without(items, firstName("/@v/list"))),
                        "missing file " + firstName("/@v/list")),
                Arguments.of("an extra file", resummed(items -> with(items, TarSurgery.Item.file("proxy/extra.txt", "hi"))),
                        "unexpected file proxy/extra.txt (not in the manifest)"),
                Arguments.of("a manifest that lies about a zip hash", resummed(items -> manifest(items,
                        m -> m.replace(zipH1(0), zipH1(1)))), ".zip: h1 hash is "),
                Arguments.of("a manifest that lies about a size", resummed(items -> manifest(items,
                        m -> m.replaceFirst("\"zip\": \\{\"size\": (\\d+)", "\"zip\": {\"size\": 1$1"))),
                        ".zip: "),
                Arguments.of("a manifest that lists a module the bundle lacks", resummed(items -> manifest(items,
                        m -> m.replaceFirst("\"modules\": \\[", "\"modules\": [\n    {\"path\": \"aaa.example/ghost\", "
                                + "\"version\": \"v1.0.0\", \"mod\": {\"size\": 10, \"h1\": \"h1:x\"}},"))),
                        "missing file proxy/aaa.example/ghost/@v/v1.0.0.mod (required by the manifest)"),
                Arguments.of("a manifest that leaves a module out", resummed(items -> manifest(items,
                        m -> m.replaceFirst("\n    \\{\"path\": [^\n]*\"zip\"[^\n]*\\},", ""))),
                        "unexpected file proxy/"),
                Arguments.of("a manifest with an unknown field", resummed(items -> manifest(items,
                        m -> m.replaceFirst("\"query\"", "\"signed\": true,\n  \"query\""))),
                        "manifest.json: unknown field \"signed\""),
                Arguments.of("a newer manifest format", resummed(items -> manifest(items,
                        m -> m.replace("\"formatVersion\": 1", "\"formatVersion\": 2"))),
                        "manifest.json: format version 2 is not supported (this gofetch reads version 1)"),
                Arguments.of("a go.sum that disagrees with the manifest", resummed(items -> replace(items, Layout.GO_SUM,
                        s -> s.replaceFirst("h1:[A-Za-z0-9+/]{8}", "h1:AAAAAAAA"))),
                        "go.sum does not match the hashes in the manifest"),
                Arguments.of("a manifest that names another main module", resummed(items -> manifest(items,
                        m -> m.replace("{\"module\": \"lab.example/m0\"", "{\"module\": \"lab.example/m9\""))),
                        "manifest.json: sources[0]: module is \"lab.example/m9\" but sources/0/go.mod declares "
                                + "\"lab.example/m0\""),
                Arguments.of("a truncated archive", (Surgery) (in, out) -> {
                    byte[] all = Files.readAllBytes(in);
                    Files.write(out, java.util.Arrays.copyOf(all, all.length / 2));
                }, "unexpected end of archive"),
                Arguments.of("an entry that appears twice", resummed(items -> with(items,
                        TarSurgery.Item.file(Layout.GO_SUM, "x"))), "entry \"go.sum\" appears more than once"));
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("a .. element", resummed(items -> with(items, TarSurgery.Item.file("../evil", "x"))),
                        "entry \"../evil\" escapes the bundle (a \"..\" element)"),
                Arguments.of("a .. inside the tree", resummed(items -> with(items,
                        TarSurgery.Item.file("proxy/../../evil", "x"))),
                        "entry \"proxy/../../evil\" escapes the bundle"),
                Arguments.of("an absolute path", resummed(items -> with(items, TarSurgery.Item.file("/tmp/evil", "x"))),
                        "entry \"/tmp/evil\" is an absolute path"),
                Arguments.of("a symbolic link", resummed(items -> with(items,
                        new TarSurgery.Item("proxy/link", '2', new byte[0], "/etc/passwd"))),
                        "entry \"proxy/link\" is a symbolic link (to \"/etc/passwd\")"),
                Arguments.of("a hard link", resummed(items -> with(items,
                        new TarSurgery.Item("proxy/hard", '1', new byte[0], "../../etc/passwd"))),
                        "entry \"proxy/hard\" is a hard link"),
                Arguments.of("a device", resummed(items -> with(items,
                        new TarSurgery.Item("proxy/dev", '3', new byte[0], ""))),
                        "entry \"proxy/dev\" has unsupported type \"3\""));
    }

    @FunctionalInterface
    interface Surgery {
        void apply(Path in, Path out) throws IOException;
    }

    static Surgery edit(UnaryOperator<List<TarSurgery.Item>> change) {
        return (in, out) -> TarSurgery.write(out, change.apply(TarSurgery.read(in)));
    }

    static Surgery resummed(UnaryOperator<List<TarSurgery.Item>> change) {
        return (in, out) -> TarSurgery.write(out, TarSurgery.resum(change.apply(TarSurgery.read(in))));
    }

    static List<TarSurgery.Item> without(List<TarSurgery.Item> items, String name) {
        return items.stream().filter(i -> !i.name().equals(name)).toList();
    }

    static List<TarSurgery.Item> with(List<TarSurgery.Item> items, TarSurgery.Item extra) {
        List<TarSurgery.Item> out = new ArrayList<>(items);
        out.add(extra);
        return out;
    }

    static List<TarSurgery.Item> replace(List<TarSurgery.Item> items, String name, UnaryOperator<String> change) {
        return items.stream().map(i -> i.name().equals(name)
                ? TarSurgery.Item.file(name, change.apply(new String(i.content(), StandardCharsets.UTF_8))) : i).toList();
    }

    static List<TarSurgery.Item> manifest(List<TarSurgery.Item> items, UnaryOperator<String> change) {
        List<TarSurgery.Item> out = replace(items, Layout.MANIFEST, change);
        assertThat(TarSurgery.files(out).get(Layout.MANIFEST)).as("the lie changed the manifest")
                .isNotEqualTo(TarSurgery.files(items).get(Layout.MANIFEST));
        return out;
    }

    static String zipH1(int n) {
        return good.manifest().modules().stream().filter(m -> m.zip() != null).skip(n).findFirst().orElseThrow()
                .zip().h1();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"surgeries", "escapes"})
    void damagedOrHostileBundleIsRejected(String what, Surgery surgery, String message, @TempDir Path tmp)
            throws Exception {
        Path bad = tmp.resolve("bad.tar");
        surgery.apply(fixture.bundle, bad);
        assertRejected(bad, tmp, message);
    }

    private static void assertRejected(Path bad, Path tmp, String message) throws IOException {
        Map<String, String> env = BundleFixture.offline(tmp.resolve("env"));
        GoTool.Result verify = GofetchRunner.run(tmp, env, "bundle", "verify", "bad.tar");
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isEqualTo(1);
        assertThat(verify.stdout()).isEmpty();
        assertThat(verify.stderr()).contains("gofetch: bad.tar: ").contains(message)
                .contains("gofetch: bad.tar: rejected (");

        GoTool.Result imported = GofetchRunner.run(tmp, env, "bundle", "import", "bad.tar");
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.stderr()).contains(message).endsWith("; nothing was imported\n");
        Path modcache = Path.of(env.get("GOMODCACHE"));
        assertThat(Files.exists(modcache)).as("nothing imported into " + modcache).isFalse();
    }

    // ---- the module cache already holds something else ----

    @Test
    void importRefusesACacheThatDisagreesAndWritesNothing(@TempDir Path tmp) throws Exception {
        Map<String, String> env = BundleFixture.offline(tmp.resolve("env"));
        Manifest.Module m = good.manifest().modules().stream().filter(x -> x.zip() != null).findFirst().orElseThrow();
        dev.gofetch.cache.ModCache cache = new dev.gofetch.cache.ModCache(Path.of(env.get("GOMODCACHE")));
        byte[] other = "module other.example/x\n".getBytes(StandardCharsets.UTF_8);
        cache.writeMod(m.id(), other);

        GoTool.Result imported = GofetchRunner.run(tmp, env, "bundle", "import", fixture.bundle.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.stderr()).contains(m.id() + ": the module cache holds a different go.mod")
                .contains("nothing was imported from bundle.tar");
        assertThat(Files.readAllBytes(cache.modFile(m.id()))).as("left alone").isEqualTo(other);
        try (Stream<Path> files = Files.walk(cache.root())) {
            assertThat(files.filter(p -> p.toString().endsWith(".zip") || p.toString().endsWith(".info")))
                    .as("nothing imported").isEmpty();
        }
    }

    /// Room for the checksum-database work: an optional `sumdb` section whose files are size- and
    /// sha256-checked and must live under `proxy/sumdb/<name>/`.
    @Test
    void anOptionalSumdbSectionIsCheckedButAccepted(@TempDir Path tmp) throws Exception {
        String latest = "proxy/sumdb/sum.golang.org/latest";
        String section = ",\n  \"sumdb\": {\"name\": \"sum.golang.org\", \"files\": [\n    {\"name\": \"" + latest
                + "\", \"size\": 3}\n  ]}\n}\n";
        Path withSumdb = tmp.resolve("sumdb.tar");
        resummed(items -> manifest(with(items, TarSurgery.Item.file(latest, "abc")),
                m -> m.substring(0, m.length() - 3) + section)).apply(fixture.bundle, withSumdb);
        GoTool.Result ok = GofetchRunner.run(tmp, BundleFixture.offline(tmp), "bundle", "verify", "sumdb.tar");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("checksum-database files for sum.golang.org: 1 (sizes and sha256 checked; "
                + "signatures are not checked by this gofetch)");
        assertThat(Bundle.open(withSumdb, Progress.NONE).manifest().sumdb().files())
                .containsExactly(new Manifest.SumDbFile(latest, 3));

        Path outside = tmp.resolve("outside.tar");
        resummed(items -> manifest(with(items, TarSurgery.Item.file("proxy/latest", "abc")),
                m -> m.substring(0, m.length() - 3) + section.replace(latest, "proxy/latest")))
                .apply(fixture.bundle, outside);
        GoTool.Result bad = GofetchRunner.run(tmp, BundleFixture.offline(tmp), "bundle", "verify", "outside.tar");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).contains("manifest.json: sumdb: file \"proxy/latest\" is not under "
                + "proxy/sumdb/sum.golang.org/");
    }

    @Test
    void verifyPrintsASummaryOfAGoodBundle(@TempDir Path tmp) {
        GoTool.Result r = GofetchRunner.run(tmp, BundleFixture.offline(tmp), "bundle", "verify",
                fixture.bundle.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Bundle.Summary s = good.summary();
        assertThat(r.stdout()).startsWith(fixture.bundle + ": verified: " + s.modules() + " module versions ("
                + s.zips() + " with zips, " + s.goModOnly() + " go.mod only)")
                .contains("made by gofetch ").contains(" from lab.example/m0 for all");
    }
}

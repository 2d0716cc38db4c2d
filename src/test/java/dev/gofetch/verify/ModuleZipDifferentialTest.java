package dev.gofetch.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.module.ModulePath;
import dev.gofetch.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// Module zips built here are served to the real go command through a file:// GOPROXY and downloaded
/// with `go mod download -json` (one run for all of them); every outcome is then compared with ours:
/// the hashes of accepted zips and of their extracted trees, and for rejected zips the reason.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModuleZipDifferentialTest {
    private static final int RANDOM_MODULES = 50;

    /// What the fixture is built to provoke in the go command.
    enum Expect { OK, GO_MOD_IS_DIRECTORY, UNZIP_ERROR, READ_ERROR, PREFIX_ERROR, ANY }

    /// One module version; the zip is built from the prefix `path@version/`.
    record Case(String id, String path, String version, byte[] goMod, RawZip zip, Expect expect, boolean dirEntries,
            String label) {
        Case(String id, String path, String version, byte[] goMod, RawZip zip, Expect expect, boolean dirEntries) {
            this(id, path, version, goMod, zip, expect, dirEntries, id);
        }

        String prefix() {
            return path + "@" + version + "/";
        }

        String key() {
            return path + "@" + version;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @TempDir
    static Path scratch;

    private final List<Case> fixed = new ArrayList<>();
    private final List<Case> random = new ArrayList<>();
    private final Map<String, Path> zips = new HashMap<>();
    private final Map<String, JsonNode> goResults = new HashMap<>();

    @BeforeAll
    void downloadEverythingWithTheGoCommand() throws IOException {
        buildFixedCases();
        buildRandomCases();
        FileProxyTree tree = new FileProxyTree(scratch.resolve("proxy"));
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        for (Case c : allCases()) {
            Path zip = tree.add(c.path(), c.version(), c.goMod());
            c.zip().write(zip);
            zips.put(c.key(), zip);
            args.add(c.key());
        }
        Path work = Files.createDirectories(scratch.resolve("work"));
        GoTool.Result result = GoTool.run(work, GoTool.pinnedEnv(scratch, tree.url()), args.toArray(String[]::new));
        try (MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class).readValues(result.stdout())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                goResults.put(n.get("Path").asText() + "@" + n.get("Version").asText(), n);
            }
        }
        assertThat(goResults).as("go stderr:\n%s", result.stderr()).hasSize(allCases().size());
    }

    private List<Case> allCases() {
        List<Case> all = new ArrayList<>(fixed);
        all.addAll(random);
        return all;
    }

    Stream<Case> fixedCases() {
        return fixed.stream();
    }

    Stream<Case> randomCases() {
        return random.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedCases")
    void handcraftedZipsAreJudgedLikeTheGoCommandJudgesThem(Case c) throws IOException {
        Expect got = compareWithGo(c);
        assertThat(got).as("what the go command made of %s", c.id()).isEqualTo(c.expect());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomCases")
    void randomModuleTreesHashAndExtractLikeTheGoCommand(Case c) throws IOException {
        compareWithGo(c);
    }

    @Test
    void mostRandomTreesAreValidModulesSoTheirHashesAreReallyCompared() {
        long ok = random.stream().filter(c -> !goResults.get(c.key()).has("Error")).count();
        long failed = RANDOM_MODULES - ok;
        assertThat(ok).isGreaterThanOrEqualTo(35);
        assertThat(failed).as("some trees should hit a case-fold or naming rule").isPositive();
    }

    /// Asserts that we agree with the go command about c and returns the kind of outcome.
    private Expect compareWithGo(Case c) throws IOException {
        JsonNode go = goResults.get(c.key());
        Path zip = zips.get(c.key());
        Path ours = scratch.resolve("ours").resolve(c.id());
        assertThat(Hash1.hashGoMod(c.goMod())).isEqualTo(go.get("GoModSum").asText());
        Path goDir = scratch.resolve("modcache")
                .resolve(ModulePath.escapePath(c.path()) + "@" + ModulePath.escapeVersion(c.version()));

        // cmd/go reads the extracted go.mod after unzipping; x/mod/zip allows a directory of that name.
        boolean goModIsDirectory = go.path("Error").asText().equals("read " + goDir.resolve("go.mod") + ": is a directory");
        if (!go.has("Error") || goModIsDirectory) {
            String sum = go.get("Sum").asText();
            assertThat(Hash1.hashZip(zip)).isEqualTo(sum);
            assertThat(Path.of(go.path("Dir").asText(goDir.toString()))).isEqualTo(goDir);
            String prefix = c.path() + "@" + c.version();
            if (!c.dirEntries()) {
                assertThat(Hash1.hashDir(goDir, prefix)).isEqualTo(sum);
            }
            assertThat(ModuleZip.check(zip, c.path(), c.version()).error()).isNull();
            ModuleZip.unzip(zip, ours, c.path(), c.version());
            assertThat(Hash1.hashDir(ours, prefix)).isEqualTo(Hash1.hashDir(goDir, prefix));
            assertThat(fileModes(ours)).isEqualTo(fileModes(goDir));
            return goModIsDirectory ? Expect.GO_MOD_IS_DIRECTORY : Expect.OK;
        }

        String goError = go.get("Error").asText();
        Throwable unzipFailure = catchThrowable(() -> ModuleZip.unzip(zip, ours, c.path(), c.version()));
        assertThat(unzipFailure).isInstanceOf(ModuleZipException.class)
                .hasMessageStartingWith("unzip " + zip + ": ");
        String ourReason = ((ModuleZipException) unzipFailure).reason();
        assertThat(ours).doesNotExist();
        assertThat(goDir).doesNotExist();

        if (goError.startsWith("unzip ")) {
            String reason = goError.substring(("unzip " + go.get("Zip").asText() + ": ").length());
            assertThat(Hash1.hashZip(zip)).isEqualTo(go.get("Sum").asText());
            assertThat(ModuleZip.check(zip, c.path(), c.version()).error()).isEqualTo(reason);
            assertThat(ourReason).isEqualTo(reason);
            return Expect.UNZIP_ERROR;
        }
        if (goError.startsWith("zip for " + c.key() + " has unexpected file ")) {
            // The go command checks name prefixes while downloading, before CheckZip sees them.
            String file = goError.substring(("zip for " + c.key() + " has unexpected file ").length());
            assertThat(ourReason).contains(file + ": path does not have prefix \"" + c.prefix() + "\"");
            return Expect.PREFIX_ERROR;
        }
        // The go command failed reading the zip while hashing it.
        assertThat(go.has("Sum")).isFalse();
        assertThat(catchThrowable(() -> Hash1.hashZip(zip))).isInstanceOf(IOException.class).hasMessage(goError);
        assertThat(ourReason).isEqualTo(goError);
        return Expect.READ_ERROR;
    }

    private static Map<String, String> fileModes(Path root) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    modes.put(root.relativize(p).toString(),
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
                }
            }
        }
        return modes;
    }

    // ------------------------------------------------------------ fixtures

    private void ok(String id, UnaryOperator<RawZip> files) {
        add(id, "example.com/ok/" + id, "v1.0.0", Expect.OK, files);
    }

    private void bad(String id, Expect expect, UnaryOperator<RawZip> files) {
        add(id, "example.com/bad/" + id, "v1.0.0", expect, files);
    }

    private void add(String id, String path, String version, Expect expect, UnaryOperator<RawZip> files) {
        byte[] goMod = ("module " + path + "\n").getBytes(StandardCharsets.UTF_8);
        fixed.add(new Case(id, path, version, goMod, files.apply(new RawZip()), expect, false));
    }

    private void buildFixedCases() {
        String m = "example.com/ok/";
        ok("deflated", z -> z.add(m + "deflated@v1.0.0/go.mod", "module example.com/ok/deflated\n")
                .add(m + "deflated@v1.0.0/a.go", "package a\n").add(m + "deflated@v1.0.0/sub/b.go", "package sub\n"));
        ok("stored", z -> z.add(RawZip.entry(m + "stored@v1.0.0/a.go", "package a\n").stored())
                .add(RawZip.entry(m + "stored@v1.0.0/empty", "").stored()));
        ok("datadescriptor", z -> z.add(RawZip.entry(m + "datadescriptor@v1.0.0/a.go", "package a\n").dataDescriptor())
                .add(RawZip.entry(m + "datadescriptor@v1.0.0/b.go", "package a\n").stored().dataDescriptor()));
        ok("zip64", z -> z.add(RawZip.entry(m + "zip64@v1.0.0/a.go", "package a\n").zip64())
                .add(RawZip.entry(m + "zip64@v1.0.0/b.go", "package a\n").zip64AllFields())
                .add(RawZip.entry(m + "zip64@v1.0.0/c.go", "package a\n").zip64().dataDescriptor()).zip64End());
        ok("leadingjunk", z -> z.add(m + "leadingjunk@v1.0.0/a.go", "package a\n")
                .leadingJunk("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8)).comment("a comment"));
        ok("symlinkentry", z -> z.add(RawZip.entry(m + "symlinkentry@v1.0.0/link", "../../../etc/passwd").symlink())
                .add(m + "symlinkentry@v1.0.0/a.go", "package a\n"));
        ok("empty", z -> z);
        add("gomoddir", m + "gomoddir", "v1.0.0", Expect.GO_MOD_IS_DIRECTORY,
                z -> z.add(m + "gomoddir@v1.0.0/go.mod/a.go", "package a\n"));
        ok("unicode", z -> z.add(m + "unicode@v1.0.0/\uFF21.go", "fullwidth")
                .add(m + "unicode@v1.0.0/" + new String(Character.toChars(0x1D49C)) + ".go", "math script")
                .add(m + "unicode@v1.0.0/\u4E2D\u6587/\u00E9t\u00E9.txt", "cjk dir")
                .add(m + "unicode@v1.0.0/i.go", "i").add(m + "unicode@v1.0.0/\u0130.go", "dotted capital I")
                .add(m + "unicode@v1.0.0/\u0131.go", "dotless i"));
        ok("punctuation", z -> z.add(m + "punctuation@v1.0.0/a b!#$%&()+,-=@[]^_{}~.txt", "allowed"));
        Case dirs = new Case("direntries", m + "direntries", "v1.0.0", "module x\n".getBytes(StandardCharsets.UTF_8),
                new RawZip().add(m + "direntries@v1.0.0/", "").add(m + "direntries@v1.0.0/sub/", "")
                        .add(m + "direntries@v1.0.0/sub/a.go", "package sub\n").add(m + "direntries@v1.0.0/sub/", ""),
                Expect.OK, true);
        fixed.add(dirs);
        add("majorv2", "example.com/major/v2", "v2.1.0", Expect.OK,
                z -> z.add("example.com/major/v2@v2.1.0/go.mod", "module example.com/major/v2\n"));
        add("incompatible", "example.com/incompatible", "v3.0.0+incompatible", Expect.OK,
                z -> z.add("example.com/incompatible@v3.0.0+incompatible/a.go", "package a\n"));
        add("uppercase", "example.com/UpperCase", "v1.0.0", Expect.OK,
                z -> z.add("example.com/UpperCase@v1.0.0/A.go", "package a\n"));
        add("pseudo", "example.com/pseudo", "v0.0.0-20200101000000-abcdefabcdef", Expect.OK,
                z -> z.add("example.com/pseudo@v0.0.0-20200101000000-abcdefabcdef/a.go", "package a\n"));
        add("gopkgin", "gopkg.in/yaml.v2", "v2.4.0", Expect.OK, z -> z.add("gopkg.in/yaml.v2@v2.4.0/yaml.go", "package yaml\n"));

        String b = "example.com/bad/";
        bad("dotdot", Expect.UNZIP_ERROR, z -> z.add(b + "dotdot@v1.0.0/a.go", "package a\n")
                .add(b + "dotdot@v1.0.0/../../evil", "escape"));
        bad("unclean", Expect.UNZIP_ERROR, z -> z.add(b + "unclean@v1.0.0/a/../../evil", "escape"));
        bad("absolute", Expect.UNZIP_ERROR, z -> z.add(b + "absolute@v1.0.0//etc/passwd", "root"));
        bad("dotelement", Expect.UNZIP_ERROR, z -> z.add(b + "dotelement@v1.0.0/./a.go", "x"));
        bad("backslash", Expect.UNZIP_ERROR, z -> z.add(b + "backslash@v1.0.0/..\\..\\evil", "x"));
        bad("kelvin", Expect.UNZIP_ERROR, z -> z.add(b + "kelvin@v1.0.0/k.go", "k").add(b + "kelvin@v1.0.0/\u212A.go", "K"));
        bad("longs", Expect.UNZIP_ERROR, z -> z.add(b + "longs@v1.0.0/\u017F.go", "x").add(b + "longs@v1.0.0/S.go", "y"));
        bad("sharps", Expect.UNZIP_ERROR, z -> z.add(b + "sharps@v1.0.0/\u1E9E", "x").add(b + "sharps@v1.0.0/\u00DF", "y"));
        bad("sigma", Expect.UNZIP_ERROR, z -> z.add(b + "sigma@v1.0.0/\u03C3.go", "x").add(b + "sigma@v1.0.0/\u03C2.go", "y"));
        bad("deseret", Expect.UNZIP_ERROR, z -> z.add(b + "deseret@v1.0.0/" + new String(Character.toChars(0x10400)), "x")
                .add(b + "deseret@v1.0.0/" + new String(Character.toChars(0x10428)), "y"));
        bad("dircase", Expect.UNZIP_ERROR, z -> z.add(b + "dircase@v1.0.0/A/x.go", "x").add(b + "dircase@v1.0.0/a/y.go", "y"));
        bad("filedir", Expect.UNZIP_ERROR, z -> z.add(b + "filedir@v1.0.0/a", "x").add(b + "filedir@v1.0.0/a/b", "y"));
        bad("dirfile", Expect.UNZIP_ERROR, z -> z.add(b + "dirfile@v1.0.0/a/", "").add(b + "dirfile@v1.0.0/a", "y"));
        bad("duplicate", Expect.UNZIP_ERROR, z -> z.add(b + "duplicate@v1.0.0/a.go", "first")
                .add(b + "duplicate@v1.0.0/z.go", "z").add(b + "duplicate@v1.0.0/a.go", "second"));
        bad("badchars", Expect.UNZIP_ERROR, z -> z.add(b + "badchars@v1.0.0/a:b", "x").add(b + "badchars@v1.0.0/x*y", "x")
                .add(b + "badchars@v1.0.0/q?", "x").add(b + "badchars@v1.0.0/\"quoted\"", "x")
                .add(b + "badchars@v1.0.0/tab\there", "x").add(b + "badchars@v1.0.0/nbsp\u00A0", "x"));
        bad("reserved", Expect.UNZIP_ERROR, z -> z.add(b + "reserved@v1.0.0/CON.txt", "x").add(b + "reserved@v1.0.0/sub/aux", "x"));
        bad("trailingdot", Expect.UNZIP_ERROR, z -> z.add(b + "trailingdot@v1.0.0/a.", "x").add(b + "trailingdot@v1.0.0/...", "x"));
        bad("gomodsub", Expect.UNZIP_ERROR, z -> z.add(b + "gomodsub@v1.0.0/go.mod", "module x\n")
                .add(b + "gomodsub@v1.0.0/sub/go.mod", "module x/sub\n"));
        bad("gomodcase", Expect.UNZIP_ERROR, z -> z.add(b + "gomodcase@v1.0.0/GO.MOD", "module x\n"));
        bad("gomodcasesub", Expect.UNZIP_ERROR, z -> z.add(b + "gomodcasesub@v1.0.0/sub/Go.Mod", "module x\n"));
        bad("gomodlarge", Expect.UNZIP_ERROR, z -> z.add(RawZip.entry(b + "gomodlarge@v1.0.0/go.mod",
                new byte[(int) ModuleZip.MAX_GO_MOD + 1])));
        bad("licenselarge", Expect.UNZIP_ERROR, z -> z.add(RawZip.entry(b + "licenselarge@v1.0.0/LICENSE",
                new byte[(int) ModuleZip.MAX_LICENSE + 1])));
        bad("bomb", Expect.READ_ERROR, z -> z.add(b + "bomb@v1.0.0/a.go", "package a\n")
                .add(RawZip.entry(b + "bomb@v1.0.0/big", new byte[1 << 20]).declaredSize(10)));
        bad("short", Expect.READ_ERROR, z -> z.add(RawZip.entry(b + "short@v1.0.0/a", "abc").declaredSize(100)));
        bad("checksum", Expect.READ_ERROR, z -> z.add(RawZip.entry(b + "checksum@v1.0.0/a", "abc").declaredCrc(99)));
        bad("method", Expect.READ_ERROR, z -> z.add(RawZip.entry(b + "method@v1.0.0/a", "abc").stored().method(12)));
        bad("notazip", Expect.READ_ERROR, z -> z.verbatim("this is not a zip file".getBytes(StandardCharsets.UTF_8)));
        bad("otherprefix", Expect.PREFIX_ERROR, z -> z.add(b + "otherprefix@v1.0.0/a.go", "x").add("other.com/m@v1.0.0/x", "y"));
        bad("otherversion", Expect.PREFIX_ERROR, z -> z.add(b + "otherversion@v1.0.1/a.go", "x"));
        bad("prefixonly", Expect.PREFIX_ERROR, z -> z.add(b + "prefixonly@v1.0.0", "").add(b + "prefixonly@v1.0.0/go.mod", "x"));
    }

    /// Letters from several scripts and planes (some with case partners, some colliding under
    /// simple folding), digits and the allowed punctuation.
    private static final String[] ALPHABET = alphabet();

    private static String[] alphabet() {
        List<String> chars = new ArrayList<>();
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~+=@#$%&()[]{}^!, ".codePoints()
                .forEach(c -> chars.add(Character.toString(c)));
        for (int c : new int[] {0xE9, 0xC9, 0xDF, 0x1E9E, 0xE6, 0xC5, 0x212B, 0x3B1, 0x3C3, 0x3C2, 0x3A3, 0x3A9, 0x2126,
                0x3B8, 0x3D1, 0x436, 0x416, 0x1C80, 0x432, 0x4E2D, 0x6587, 0x5B57, 0x212A, 0x17F, 0x130, 0x131,
                0x10400, 0x10428, 0x1D400, 0x1D49C, 0x20000, 0xFF21, 0xFF41, 0x13A0, 0xAB70, 0x1C4, 0x1C5, 0x1C6}) {
            chars.add(new String(Character.toChars(c)));
        }
        return chars.toArray(String[]::new);
    }

    private void buildRandomCases() {
        Random rnd = new Random(20260828L);
        for (int i = 0; i < RANDOM_MODULES; i++) {
            String path = "example.com/random/r" + i;
            String version = "v1." + rnd.nextInt(5) + "." + i;
            String prefix = path + "@" + version + "/";
            List<String> dirs = new ArrayList<>(List.of(""));
            for (int d = rnd.nextInt(5); d > 0; d--) {
                String parent = dirs.get(rnd.nextInt(dirs.size()));
                dirs.add(parent + element(rnd) + "/");
            }
            Set<String> names = new LinkedHashSet<>();
            boolean withGoMod = rnd.nextBoolean();
            if (withGoMod) {
                names.add("go.mod");
            }
            for (int f = 1 + rnd.nextInt(12); f > 0; f--) {
                names.add(dirs.get(rnd.nextInt(dirs.size())) + element(rnd));
            }
            RawZip zip = new RawZip();
            for (String name : names) {
                byte[] content = name.equals("go.mod")
                        ? ("module " + path + "\n").getBytes(StandardCharsets.UTF_8)
                        : randomContent(rnd);
                RawZip.Entry e = RawZip.entry(prefix + name, content);
                if (rnd.nextInt(3) == 0) {
                    e.stored();
                }
                if (rnd.nextInt(5) == 0) {
                    e.dataDescriptor();
                }
                zip.add(e);
            }
            byte[] goMod = ("module " + path + "\n").getBytes(StandardCharsets.UTF_8);
            random.add(new Case("r" + i, path, version, goMod, zip, Expect.ANY, false, "r" + i + " " + names));
        }
    }

    private static String element(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int n = 1 + rnd.nextInt(6); n > 0; n--) {
            // Mostly plain lower-case letters, so that collisions stay the exception.
            b.append(rnd.nextInt(3) == 0 ? ALPHABET[rnd.nextInt(ALPHABET.length)] : ALPHABET[rnd.nextInt(26)]);
        }
        return b.toString();
    }

    private static byte[] randomContent(Random rnd) {
        if (rnd.nextInt(4) == 0) {
            return new byte[0];
        }
        byte[] data = new byte[rnd.nextInt(3000)];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(data);
        } else {
            for (int k = 0; k < data.length; k++) {
                data[k] = (byte) ('a' + rnd.nextInt(4));
            }
        }
        return data;
    }
}

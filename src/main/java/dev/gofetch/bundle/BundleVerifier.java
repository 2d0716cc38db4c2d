package dev.gofetch.bundle;

import dev.gofetch.module.GoJson;
import dev.gofetch.module.GoMod;
import dev.gofetch.module.GoModParseException;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.RevInfo;
import dev.gofetch.module.Semver;
import dev.gofetch.verify.Hash1;
import dev.gofetch.verify.ModuleZip;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/// One pass over a bundle archive, then the checks that need the manifest. See {@link Bundle#open}.
final class BundleVerifier {
    /// Largest non-zip file read into memory (manifests of very large bundles included).
    private static final long MAX_SMALL_FILE = 256L << 20;
    private static final int MAX_PROBLEMS = 100;

    /// What one pass learns about a file of the archive.
    private record Facts(Bundle.Region region, String sha256, byte[] content) {}

    /// What the go command would say about a zip: its h1 hash and the first rule it breaks.
    private record ZipFacts(String h1, String problem) {}

    private final Path file;
    private final ExecutorService pool;
    private final Progress progress;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Facts> files = new LinkedHashMap<>();
    private final Map<String, Future<ZipFacts>> zips = new ConcurrentHashMap<>();
    private final Set<String> directories = new HashSet<>();

    BundleVerifier(Path file, ExecutorService pool, Progress progress) {
        this.file = file;
        this.pool = pool;
        this.progress = progress;
    }

    Bundle verify() throws IOException, BundleException {
        long total = Files.size(file);
        Path scratch = Files.createTempDirectory("gofetch-bundle-");
        long archiveSize;
        try {
            archiveSize = readArchive(total, scratch);
            Map<String, ZipFacts> zipFacts = new TreeMap<>();
            for (Map.Entry<String, Future<ZipFacts>> e : zips.entrySet()) {
                try {
                    zipFacts.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    Throwable c = ex.getCause();
                    zipFacts.put(e.getKey(), new ZipFacts(null, c.getMessage() != null ? c.getMessage() : c.toString()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("verification cancelled");
                }
            }
            Manifest manifest = checkAgainstManifest(zipFacts);
            if (!problems.isEmpty()) {
                throw new BundleException(limited());
            }
            Map<String, Bundle.Region> regions = new LinkedHashMap<>();
            files.forEach((name, f) -> regions.put(name, f.region()));
            return new Bundle(file, manifest, regions, archiveSize);
        } finally {
            for (Future<ZipFacts> f : zips.values()) {
                f.cancel(true);
            }
            deleteTree(scratch);
        }
    }

    // ---- the pass over the archive ----

    private long readArchive(long total, Path scratch) throws IOException, BundleException {
        Semaphore inFlight = new Semaphore(4);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            TarReader tar = new TarReader(in);
            long lastReport = 0;
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("verification cancelled");
                }
                if (tar.position() - lastReport > (4 << 20)) {
                    lastReport = tar.position();
                    progress.update("verifying", lastReport, total);
                }
                String name = Layout.normalize(e.name());
                String shown = GoJson.quote(e.name());
                String unsafe = Layout.unsafe(name);
                if (e.type() == '1' || e.type() == '2') {
                    problem("entry " + shown + " is a " + (e.type() == '1' ? "hard" : "symbolic") + " link (to "
                            + GoJson.quote(e.linkName()) + "): a bundle holds only plain files");
                    continue;
                }
                if (unsafe != null) {
                    problem("entry " + shown + " " + unsafe + ": a bundle must not write outside its directory");
                    continue;
                }
                if (e.isDirectory()) {
                    directories.add(name);
                    continue;
                }
                if (!e.isFile()) {
                    problem("entry " + shown + " has unsupported type " + GoJson.quote(String.valueOf(e.type()))
                            + ": a bundle holds only plain files");
                    continue;
                }
                if (files.containsKey(name) || zips.containsKey(name)) {
                    problem("entry " + shown + " appears more than once");
                    continue;
                }
                Bundle.Region region = new Bundle.Region(e.offset(), e.size());
                Layout.VersionFile vf = Layout.parseVersionFile(name);
                if (vf != null && vf.ext() == Layout.Ext.ZIP) {
                    files.put(name, new Facts(region, spoolZip(tar, name, vf.module(), scratch, inFlight), null));
                } else if (e.size() <= MAX_SMALL_FILE) {
                    byte[] content = tar.content().readAllBytes();
                    files.put(name, new Facts(region, Derived.sha256Hex(content), content));
                } else {
                    problem(name + " is too large (" + e.size() + " bytes) for a bundle file other than a zip");
                    files.put(name, new Facts(region, Derived.sha256Hex(tar.content()), null));
                }
            }
            progress.update("verifying", tar.position(), total);
            return tar.position();
        } catch (TarReader.TarException e) {
            problems.add(file.getFileName() + ": not a readable bundle: " + e.getMessage());
            throw new BundleException(problems);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("verification cancelled");
        }
    }

    /// Copies a zip out of the archive (the go command's zip rules need random access), hashing the
    /// bytes on the way, and queues the module checks; returns the sha256.
    private String spoolZip(TarReader tar, String name, ModuleVersion mv, Path scratch, Semaphore inFlight)
            throws IOException, InterruptedException {
        inFlight.acquire();
        Path tmp = Files.createTempFile(scratch, "zip", ".zip");
        MessageDigest md = Derived.sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
            tar.content().transferTo(out);
        } catch (IOException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
        zips.put(name, pool.submit(() -> {
            try {
                String h1 = Hash1.hashZip(tmp);
                ModuleZip.ZipCheck check = ModuleZip.check(tmp, mv.path(), mv.version());
                return new ZipFacts(h1, check.ok() ? null : check.error());
            } catch (IOException e) {
                return new ZipFacts(null, e.getMessage());
            } finally {
                Files.deleteIfExists(tmp);
                inFlight.release();
            }
        }));
        return HexFormat.of().formatHex(md.digest());
    }

    // ---- checks that need the manifest ----

    private Manifest checkAgainstManifest(Map<String, ZipFacts> zipFacts) {
        Facts manifestFile = files.get(Layout.MANIFEST);
        if (manifestFile == null || manifestFile.content() == null) {
            problem("the bundle has no " + Layout.MANIFEST);
            return null;
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestFile.content());
        } catch (Manifest.InvalidManifestException e) {
            problem(Layout.MANIFEST + ": " + e.getMessage());
            return null;
        }
        Set<String> expected = new HashSet<>(List.of(Layout.MANIFEST, Layout.SUMS, Layout.GO_SUM));
        checkModules(manifest, zipFacts, expected);
        checkSources(manifest, expected);
        checkSumDb(manifest, expected);
        Map<String, byte[]> lists = Derived.lists(manifest.modules());
        lists.forEach((name, want) -> {
            expected.add(name);
            Facts f = present(name, "the manifest's modules");
            if (f != null && !Arrays.equals(f.content(), want)) {
                problem(name + " does not list the versions the manifest holds");
            }
        });
        Facts goSum = present(Layout.GO_SUM, "the manifest");
        if (goSum != null && !Arrays.equals(goSum.content(), Derived.goSum(manifest.modules()))) {
            problem(Layout.GO_SUM + " does not match the hashes in the manifest");
        }
        for (String name : files.keySet()) {
            if (!expected.contains(name)) {
                problem("unexpected file " + name + " (not in the manifest)");
            }
        }
        for (String dir : directories) {
            boolean parent = files.keySet().stream().anyMatch(n -> n.startsWith(dir + "/"));
            if (!parent) {
                problem("unexpected directory " + dir + " (not in the manifest)");
            }
        }
        checkSums();
        return manifest;
    }

    private void checkModules(Manifest manifest, Map<String, ZipFacts> zipFacts, Set<String> expected) {
        ModuleVersion previous = null;
        int i = 0;
        for (Manifest.Module m : manifest.modules()) {
            String where = Layout.MANIFEST + ": modules[" + i++ + "]";
            ModuleVersion mv = m.id();
            try {
                ModulePath.checkPath(m.path());
                if (!Semver.isValid(m.version()) || !ModulePath.canonicalVersion(m.version()).equals(m.version())) {
                    problem(where + ": " + GoJson.quote(m.version()) + " is not a canonical version");
                    continue;
                }
            } catch (InvalidModuleException e) {
                problem(where + ": " + e.getMessage());
                continue;
            }
            if (previous != null && ModuleVersion.ORDER.compare(previous, mv) >= 0) {
                problem(where + ": " + mv + " is out of order or listed twice");
            }
            previous = mv;
            if (m.info() != null) {
                String name = Layout.versionFile(mv, Layout.Ext.INFO);
                expected.add(name);
                Facts f = sized(name, m.info().size());
                if (f != null) {
                    checkInfo(name, mv, f.content());
                }
            }
            String modName = Layout.versionFile(mv, Layout.Ext.MOD);
            expected.add(modName);
            Facts mod = sized(modName, m.mod().size());
            if (mod != null && mod.content() != null) {
                String h1 = Hash1.hashGoMod(mod.content());
                if (!h1.equals(m.mod().h1())) {
                    problem(modName + ": h1 hash is " + h1 + ", the manifest says " + m.mod().h1());
                }
            }
            if (m.zip() != null) {
                String zipName = Layout.versionFile(mv, Layout.Ext.ZIP);
                expected.add(zipName);
                Facts zip = sized(zipName, m.zip().size());
                ZipFacts z = zipFacts.get(zipName);
                if (zip != null && z != null) {
                    if (z.problem() != null) {
                        problem(zipName + ": " + z.problem());
                    }
                    if (z.h1() != null && !z.h1().equals(m.zip().h1())) {
                        problem(zipName + ": h1 hash is " + z.h1() + ", the manifest says " + m.zip().h1());
                    }
                }
            }
        }
    }

    private void checkInfo(String name, ModuleVersion mv, byte[] content) {
        try {
            RevInfo info = RevInfo.parse(content);
            if (!info.version().equals(mv.version())) {
                problem(name + ": holds version " + GoJson.quote(info.version()) + " instead of " + mv.version());
            }
        } catch (RevInfo.InvalidInfoException e) {
            problem(name + ": " + e.getMessage());
        }
    }

    private void checkSources(Manifest manifest, Set<String> expected) {
        int i = 0;
        for (Manifest.Source s : manifest.sources()) {
            String where = Layout.MANIFEST + ": sources[" + i + "]";
            String goModName = Layout.sourceFile(i, "go.mod");
            expected.add(goModName);
            Facts goMod = sized(goModName, s.goMod().size());
            if (goMod != null) {
                checkH1(goModName, "go.mod", goMod.content(), s.goMod().h1());
                try {
                    String declared = GoMod.parseLax(goModName, goMod.content()).modulePath();
                    if (!declared.equals(s.module())) {
                        problem(where + ": module is " + GoJson.quote(s.module()) + " but " + goModName
                                + " declares " + GoJson.quote(declared));
                    }
                } catch (GoModParseException e) {
                    problem(goModName + ": " + e.getMessage());
                }
            }
            if (s.goSum() != null) {
                String goSumName = Layout.sourceFile(i, "go.sum");
                expected.add(goSumName);
                Facts goSum = sized(goSumName, s.goSum().size());
                if (goSum != null) {
                    checkH1(goSumName, "go.sum", goSum.content(), s.goSum().h1());
                }
            }
            i++;
        }
    }

    private void checkH1(String name, String hashedAs, byte[] content, String want) {
        String h1 = h1(hashedAs, content);
        if (!h1.equals(want)) {
            problem(name + ": h1 hash is " + h1 + ", the manifest says " + want);
        }
    }

    /// The `h1:` hash of one file under the given name (for go.mod, the go.sum `/go.mod` hash).
    static String h1(String name, byte[] content) {
        try {
            return Hash1.hash(List.of(name), n -> new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkSumDb(Manifest manifest, Set<String> expected) {
        if (manifest.sumdb() == null) {
            return;
        }
        String name = manifest.sumdb().name();
        String prefix = Layout.SUMDB + name + "/";
        if (name.isEmpty() || Layout.unsafe(name) != null || name.contains("/")) {
            problem(Layout.MANIFEST + ": sumdb: invalid name " + GoJson.quote(name));
            return;
        }
        for (Manifest.SumDbFile f : manifest.sumdb().files()) {
            if (!f.name().startsWith(prefix) || Layout.unsafe(f.name()) != null) {
                problem(Layout.MANIFEST + ": sumdb: file " + GoJson.quote(f.name()) + " is not under " + prefix);
                continue;
            }
            expected.add(f.name());
            sized(f.name(), f.size());
        }
    }

    /// `SHA256SUMS` must be exactly the sha256 lines of every other file.
    private void checkSums() {
        Facts sums = files.get(Layout.SUMS);
        if (sums == null || sums.content() == null) {
            problem("the bundle has no " + Layout.SUMS);
            return;
        }
        Map<String, String> actual = new TreeMap<>();
        files.forEach((name, f) -> {
            if (!name.equals(Layout.SUMS)) {
                actual.put(name, f.sha256());
            }
        });
        if (Arrays.equals(sums.content(), Derived.sha256sums(actual))) {
            return;
        }
        Map<String, String> listed = new TreeMap<>();
        int before = problems.size();
        for (String line : new String(sums.content(), StandardCharsets.UTF_8).split("\n")) {
            int sp = line.indexOf("  ");
            if (sp != 64) {
                problem(Layout.SUMS + ": malformed line " + GoJson.quote(line));
                continue;
            }
            listed.put(line.substring(sp + 2), line.substring(0, sp));
        }
        actual.forEach((name, hex) -> {
            String want = listed.get(name);
            if (want == null) {
                problem(Layout.SUMS + " does not list " + name);
            } else if (!want.equals(hex)) {
                problem(name + ": sha256 is " + hex + ", " + Layout.SUMS + " says " + want
                        + " (the file was altered)");
            }
        });
        listed.keySet().stream().filter(n -> !actual.containsKey(n))
                .forEach(n -> problem(Layout.SUMS + " lists " + n + ", which the bundle lacks"));
        if (problems.size() == before) {
            problem(Layout.SUMS + " is not in the form gofetch writes");
        }
    }

    private Facts present(String name, String whose) {
        Facts f = files.get(name);
        if (f == null) {
            problem("missing file " + name + " (required by " + whose + ")");
        }
        return f;
    }

    private Facts sized(String name, long size) {
        Facts f = present(name, "the manifest");
        if (f != null && f.region().size() != size) {
            problem(name + ": " + f.region().size() + " bytes, the manifest says " + size);
            return null;
        }
        return f;
    }

    private void problem(String p) {
        problems.add(p);
    }

    private List<String> limited() {
        if (problems.size() <= MAX_PROBLEMS) {
            return problems;
        }
        List<String> l = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        l.add("... and " + (problems.size() - MAX_PROBLEMS) + " more problems");
        return l;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up eventually
                }
            });
        } catch (IOException ignored) {
            // nothing left to clean
        }
    }
}

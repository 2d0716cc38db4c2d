package dev.gofetch.lab;

import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/// Generates random but valid module universes from a {@link UniverseSpec}: a {@link ProxyTree}
/// plus main-module directories whose go.mod files exercise module resolution (`go list -m all`,
/// `go mod graph`) and downloads. Everything is drawn from one seeded generator in a fixed order,
/// so a spec always produces the same bytes.
///
/// Validity rules kept so that the real go command accepts every dependency go.mod: module lines
/// match the path; every required version passes `module.Check` for its path and is published
/// (unless the spec asks for ghost requirements); `vN≥2` of a path without `/vN` only as
/// `+incompatible` versions, which have no go.mod (the proxy serves the synthesized one);
/// `go` lines never exceed 1.26; toolchain lines only with `go` ≥ 1.21; no module requires itself
/// or the same path twice; retractions name earlier versions of the same major.
public final class UniverseGenerator {
    private static final Instant EPOCH = Instant.parse("2019-01-01T00:00:00Z");
    private static final DateTimeFormatter PSEUDO_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] HOSTS = {"example.com", "example.net", "example.org"};
    private static final String[] SYLLABLES = {
        "ba", "ko", "mi", "ru", "ze", "lo", "ta", "ni", "qu", "ve", "do", "sa", "fi", "gu", "pe", "wy"};
    private static final String[] PRERELEASES = {"alpha", "alpha.1", "beta.2", "rc.1", "rc.2", "pre"};
    private static final String[] UPPER_PRERELEASES = {"RC1", "Beta", "rc.1.Final"};
    /// `go` lines by pruning era: unpruned (< 1.17), pruned (1.17–1.20), hard minimum (≥ 1.21).
    private static final String[][] GO_LINES = {
        {"1.11", "1.12", "1.13", "1.14", "1.15", "1.16"},
        {"1.17", "1.18", "1.19", "1.20"},
        {"1.21", "1.21.0", "1.22", "1.22.3", "1.23.4", "1.24", "1.25.1", "1.26"}};
    private static final int MAX_TOOLCHAIN_MINOR = 26;
    private static final int MAX_TOOLCHAIN_PATCH = 8;
    private static final String[] RATIONALES = {"broken build", "published by mistake", "security problem", ""};

    private enum Kind { PLAIN, MAJOR, GOPKG_IN }

    private static final class ModPath {
        final String path;
        final Kind kind;
        final int major;
        final int index;
        final List<Ver> versions = new ArrayList<>();

        ModPath(String path, Kind kind, int major, int index) {
            this.path = path;
            this.kind = kind;
            this.major = major;
            this.index = index;
        }
    }

    private static final class Ver {
        final ModPath owner;
        final String version;
        final Instant time;
        final boolean hasGoMod;
        final boolean pseudo;
        String goLine;
        String toolchain;
        final List<Req> requires = new ArrayList<>();
        final List<String> retracts = new ArrayList<>();
        long payloadSize;
        long payloadSeed;

        Ver(ModPath owner, String version, Instant time, boolean hasGoMod, boolean pseudo) {
            this.owner = owner;
            this.version = version;
            this.time = time;
            this.hasGoMod = hasGoMod;
            this.pseudo = pseudo;
        }
    }

    private record Req(String path, String version, boolean indirect) {}

    private record Local(String dir, String modulePath, String goLine, List<Req> requires, String pkg) {}

    private record MainModule(String path, String goLine, String toolchain, List<Req> requires,
                              List<ModuleVersion> excludes, List<String> replaces, List<Local> locals) {}

    private final UniverseSpec spec;
    private final SplittableRandom rng;
    private final List<ModPath> paths = new ArrayList<>();
    private final Map<String, ModPath> byPath = new LinkedHashMap<>();
    private final Set<String> foldedPaths = new HashSet<>();
    private final Set<ModuleVersion> ghosts = new TreeSet<>();
    private final List<MainModule> mains = new ArrayList<>();

    private UniverseGenerator(UniverseSpec spec) {
        this.spec = spec;
        this.rng = new SplittableRandom(spec.seed());
    }

    /// Generates the universe described by `spec` under `dir` (`dir/proxy`, `dir/main/m<i>`).
    public static Universe generate(UniverseSpec spec, Path dir) throws IOException {
        UniverseGenerator g = plan(spec);
        return g.write(dir, g.mains);
    }

    /// The published versions per path that {@link #generate} would write, without writing anything.
    static Map<String, List<String>> publishedVersions(UniverseSpec spec) {
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (ModPath p : plan(spec).paths) {
            published.put(p.path, p.versions.stream().map(v -> v.version).toList());
        }
        return published;
    }

    private static UniverseGenerator plan(UniverseSpec spec) {
        UniverseGenerator g = new UniverseGenerator(spec);
        g.makePaths();
        for (ModPath p : g.paths) {
            g.makeVersions(p);
        }
        g.makeGoModContents();
        for (int i = 0; i < spec.mainModules(); i++) {
            g.mains.add(g.makeMain(i));
        }
        return g;
    }

    // ---- module paths ----

    private void makePaths() {
        int attempts = 0;
        while (paths.size() < spec.modulePaths()) {
            if (++attempts > spec.modulePaths() * 100) {
                throw new IllegalStateException("cannot find enough distinct module paths");
            }
            String host = HOSTS[rng.nextInt(HOSTS.length)];
            String org = maybeUpper(word(2));
            String name = rng.nextDouble() < 0.15 ? "go-" + word(2) : word(2 + rng.nextInt(2));
            if (rng.nextDouble() < spec.gopkgIn()) {
                int k = 1 + rng.nextInt(3);
                String p = rng.nextDouble() < 0.3 ? "gopkg.in/" + word(2) + "/" + name + ".v" + k : "gopkg.in/" + name + ".v" + k;
                addPath(p, Kind.GOPKG_IN, k);
            } else if (rng.nextDouble() < spec.majorPaths()) {
                int k = 2 + rng.nextInt(4);
                String base = host + "/" + org + "/" + name;
                addPath(base + "/v" + k, Kind.MAJOR, k);
                if (rng.nextBoolean() && paths.size() < spec.modulePaths()) {
                    addPath(base, Kind.PLAIN, 0);
                }
            } else {
                addPath(host + "/" + org + "/" + name, Kind.PLAIN, 0);
            }
        }
    }

    private void addPath(String path, Kind kind, int major) {
        if (foldedPaths.add(path.toLowerCase(Locale.ROOT))) {
            ModPath p = new ModPath(path, kind, major, paths.size());
            paths.add(p);
            byPath.put(path, p);
        }
    }

    private String word(int syllables) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            b.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
        }
        return b.toString();
    }

    private String maybeUpper(String word) {
        if (rng.nextDouble() >= spec.uppercase()) {
            return word;
        }
        // "Kobaru" or "KoBaru": upper-case letters anywhere exercise the !-encoding
        char[] c = word.toCharArray();
        c[0] = Character.toUpperCase(c[0]);
        if (rng.nextBoolean() && c.length > 2) {
            c[2] = Character.toUpperCase(c[2]);
        }
        return new String(c);
    }

    // ---- versions ----

    private void makeVersions(ModPath p) {
        int count = 1 + rng.nextInt(2 * spec.versionsPerPath() - 1);
        Instant t = EPOCH.plus(Duration.ofHours(rng.nextInt(24 * 365)));
        if (p.kind != Kind.GOPKG_IN && rng.nextDouble() < spec.pseudoVersions() * 0.3) {
            // a path that was never tagged: only pseudo-versions, an empty list, @latest the newest
            String prefix = "v" + (p.kind == Kind.MAJOR ? p.major : 0) + ".0.0-";
            while (p.versions.size() < count) {
                t = advance(t);
                p.versions.add(new Ver(p, prefix + PSEUDO_TIME.format(t) + "-" + rev(), t, true, true));
            }
            return;
        }
        int major = p.kind == Kind.PLAIN ? rng.nextInt(2) : p.major;
        int minor = major == 0 ? 1 : 0;
        int patch = 0;
        boolean incompatible = false;
        boolean goesIncompatible = p.kind == Kind.PLAIN && rng.nextDouble() < spec.incompatible();
        boolean first = true;
        while (p.versions.size() < count) {
            t = advance(t);
            if (!first) {
                if (goesIncompatible && !incompatible && rng.nextDouble() < 0.4) {
                    major = Math.max(2, major + 1);
                    minor = 0;
                    patch = 0;
                    incompatible = true;
                } else if (incompatible && rng.nextDouble() < 0.15) {
                    major++;
                    minor = 0;
                    patch = 0;
                } else if (rng.nextDouble() < 0.35) {
                    minor++;
                    patch = 0;
                } else {
                    patch++;
                }
            }
            first = false;
            String build = incompatible ? "+incompatible" : "";
            String release = "v" + major + "." + minor + "." + patch;
            if (p.versions.size() < count - 1 && rng.nextDouble() < spec.prereleases()) {
                String pre = rng.nextDouble() < spec.uppercase()
                        ? UPPER_PRERELEASES[rng.nextInt(UPPER_PRERELEASES.length)]
                        : PRERELEASES[rng.nextInt(PRERELEASES.length)];
                p.versions.add(new Ver(p, release + "-" + pre + build, t, !incompatible, false));
                t = advance(t);
            }
            p.versions.add(new Ver(p, release + build, t, !incompatible, false));
            if (p.versions.size() < count && rng.nextDouble() < spec.pseudoVersions()) {
                // a commit after the tag: vX.Y.(Z+1)-0.<time>-<rev>, below the next tag
                t = advance(t);
                String pseudo = "v" + major + "." + minor + "." + (patch + 1) + "-0." + PSEUDO_TIME.format(t) + "-" + rev() + build;
                p.versions.add(new Ver(p, pseudo, t, !incompatible, true));
                patch++;
            }
        }
    }

    private Instant advance(Instant t) {
        return t.plus(Duration.ofMinutes(30 + rng.nextInt(60 * 24 * 60)));
    }

    private String rev() {
        return String.format("%012x", rng.nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    // ---- go.mod contents of published versions ----

    private void makeGoModContents() {
        for (ModPath a : paths) {
            for (Ver v : a.versions) {
                pickPayload(v);
                if (!v.hasGoMod) {
                    continue;
                }
                v.goLine = pickGoLine();
                v.toolchain = pickToolchain(v.goLine);
                List<ModPath> later = paths.subList(a.index + 1, paths.size());
                for (ModPath b : pickDistinct(later, sampleCount(spec.requirementsPerModule()))) {
                    v.requires.add(new Req(b.path, pickVersion(b, true), chance(spec.indirect())));
                }
                pickRetractions(v);
            }
        }
        if (spec.cycles() > 0) {
            closeCycles();
        }
    }

    /// For some edges A@x → B@y, makes a version of B require A back (A → B → A across versions).
    private void closeCycles() {
        for (ModPath a : paths) {
            for (Ver v : a.versions) {
                for (Req r : List.copyOf(v.requires)) {
                    if (!chance(spec.cycles())) {
                        continue;
                    }
                    ModPath b = byPath.get(r.path);
                    List<Ver> candidates = new ArrayList<>();
                    for (Ver w : b.versions) {
                        if (w.hasGoMod && w.requires.stream().noneMatch(q -> q.path.equals(a.path))) {
                            candidates.add(w);
                        }
                    }
                    if (candidates.isEmpty()) {
                        continue;
                    }
                    Ver target = candidates.stream().filter(w -> w.version.equals(r.version)).findFirst()
                            .orElse(candidates.get(rng.nextInt(candidates.size())));
                    target.requires.add(new Req(a.path, pickVersion(a, false), chance(spec.indirect())));
                }
            }
        }
    }

    private void pickRetractions(Ver v) {
        if (!chance(spec.retractions())) {
            return;
        }
        List<String> earlier = new ArrayList<>();
        String major = majorOf(v.version);
        for (Ver w : v.owner.versions) {
            if (w == v) {
                break;
            }
            if (!w.pseudo && w.hasGoMod && majorOf(w.version).equals(major)) {
                earlier.add(w.version);
            }
        }
        String rationale = RATIONALES[rng.nextInt(RATIONALES.length)];
        String comment = rationale.isEmpty() ? "" : " // " + rationale;
        if (earlier.isEmpty()) {
            if (!v.pseudo) {
                v.retracts.add(v.version + " // retracted by its own go.mod");
            }
        } else if (earlier.size() >= 2 && rng.nextBoolean()) {
            int i = rng.nextInt(earlier.size());
            int j = i + rng.nextInt(earlier.size() - i);
            v.retracts.add("[" + earlier.get(i) + ", " + earlier.get(j) + "]" + comment);
        } else {
            v.retracts.add(earlier.get(rng.nextInt(earlier.size())) + comment);
        }
    }

    private void pickPayload(Ver v) {
        UniverseSpec.ZipSizes z = spec.zipSizes();
        double r = rng.nextDouble();
        long size;
        if (r < z.bigShare()) {
            size = between(z.bigMin(), z.bigMax());
        } else if (r < z.bigShare() + z.mediumShare()) {
            size = between(z.mediumMin(), z.mediumMax());
        } else {
            size = between(0, z.smallMax());
        }
        v.payloadSize = size;
        v.payloadSeed = rng.nextLong();
    }

    private long between(long min, long max) {
        return max <= min ? min : min + rng.nextLong(max - min);
    }

    private String pickGoLine() {
        if (chance(spec.missingGoLine())) {
            return null;
        }
        String[] era = GO_LINES[rng.nextInt(GO_LINES.length)];
        return era[rng.nextInt(era.length)];
    }

    private String pickToolchain(String goLine) {
        if (goLine == null || minorOf(goLine) < 21 || !chance(spec.toolchainLines())) {
            return null;
        }
        int minor = minorOf(goLine) + rng.nextInt(2);
        minor = Math.min(minor, MAX_TOOLCHAIN_MINOR);
        int patch = rng.nextInt(minor == MAX_TOOLCHAIN_MINOR ? MAX_TOOLCHAIN_PATCH + 1 : 10);
        String[] parts = goLine.split("\\.");
        if (minor == minorOf(goLine) && parts.length > 2) {
            patch = Math.max(patch, Integer.parseInt(parts[2]));
        }
        return "go1." + minor + "." + patch;
    }

    /// A served version of `p`, or (with the ghost probability, when allowed) one no proxy serves.
    private String pickVersion(ModPath p, boolean ghostAllowed) {
        Ver any = p.versions.get(rng.nextInt(p.versions.size()));
        if (ghostAllowed && chance(spec.ghostRequirements())) {
            String ghost = majorOf(any.version) + ".999." + rng.nextInt(1000)
                    + (any.version.endsWith("+incompatible") ? "+incompatible" : "");
            ghosts.add(ModuleVersion.of(p.path, ghost));
            return ghost;
        }
        return any.version;
    }

    // ---- main modules ----

    private MainModule makeMain(int i) {
        String path = "lab.example/m" + i;
        String goLine = pickGoLine();
        String toolchain = pickToolchain(goLine);
        List<Req> requires = new ArrayList<>();
        for (ModPath p : pickDistinct(paths, Math.max(1, sampleCount(spec.requirementsPerModule() * 1.5)))) {
            requires.add(new Req(p.path, pickVersion(p, true), chance(spec.indirect())));
        }
        List<ModuleVersion> reachable = reachable(requires);
        Set<ModuleVersion> direct = new HashSet<>();
        for (Req r : requires) {
            direct.add(ModuleVersion.of(r.path, r.version));
        }

        List<ModuleVersion> excludes = new ArrayList<>();
        if (chance(spec.excludes())) {
            List<ModuleVersion> candidates = new ArrayList<>(reachable);
            candidates.removeAll(direct);
            candidates.removeIf(ghosts::contains);
            excludes.addAll(pickDistinct(candidates, 1 + rng.nextInt(2)));
        }

        Set<String> replacedKeys = new HashSet<>();
        List<String> replaces = new ArrayList<>();
        List<String> reachablePaths = new ArrayList<>(new LinkedHashSet<>(reachable.stream().map(ModuleVersion::path).toList()));
        if (chance(spec.replaces())) {
            int n = 1 + rng.nextInt(2);
            for (int k = 0; k < n; k++) {
                if (rng.nextBoolean()) {
                    String old = reachablePaths.get(rng.nextInt(reachablePaths.size()));
                    ModPath to = otherPath(old);
                    if (to != null && replacedKeys.add(old)) {
                        replaces.add(old + " => " + to.path + " " + pickVersion(to, false));
                    }
                } else {
                    ModuleVersion old = reachable.get(rng.nextInt(reachable.size()));
                    ModPath to = rng.nextBoolean() ? byPath.get(old.path()) : otherPath(old.path());
                    if (to == null || ghosts.contains(old) || !replacedKeys.add(old.toString())) {
                        continue;
                    }
                    String version = pickVersion(to, false);
                    if (!(to.path.equals(old.path()) && version.equals(old.version()))) {
                        replaces.add(old.path() + " " + old.version() + " => " + to.path + " " + version);
                    }
                }
            }
        }

        List<Local> locals = new ArrayList<>();
        if (chance(spec.localReplaces())) {
            String old = reachablePaths.get(rng.nextInt(reachablePaths.size()));
            String dir = "./local/" + packageName(old) + locals.size();
            List<Req> localRequires = new ArrayList<>();
            List<ModPath> others = new ArrayList<>(paths);
            others.remove(byPath.get(old));
            for (ModPath p : pickDistinct(others, rng.nextInt(3))) {
                localRequires.add(new Req(p.path, pickVersion(p, false), false));
            }
            List<ModuleVersion> olds = reachable.stream().filter(m -> m.path().equals(old) && !ghosts.contains(m)).toList();
            if (rng.nextBoolean() || olds.isEmpty()) {
                if (replacedKeys.add(old)) {
                    replaces.add(old + " => " + dir);
                    locals.add(new Local(dir, old, pickGoLine(), localRequires, packageName(old)));
                }
            } else {
                ModuleVersion o = olds.get(rng.nextInt(olds.size()));
                if (replacedKeys.add(o.toString())) {
                    replaces.add(o.path() + " " + o.version() + " => " + dir);
                    locals.add(new Local(dir, old, pickGoLine(), localRequires, packageName(old)));
                }
            }
        }
        return new MainModule(path, goLine, toolchain, requires, excludes, replaces, locals);
    }

    private ModPath otherPath(String path) {
        if (paths.size() < 2) {
            return null;
        }
        ModPath p;
        do {
            p = paths.get(rng.nextInt(paths.size()));
        } while (p.path.equals(path));
        return p;
    }

    /// Every published version reachable from `roots` through any go.mod (no pruning, no exclusions):
    /// the versions that "really are required somewhere" for this main module.
    private List<ModuleVersion> reachable(List<Req> roots) {
        Map<String, Ver> versions = new LinkedHashMap<>();
        for (ModPath p : paths) {
            for (Ver v : p.versions) {
                versions.put(p.path + "@" + v.version, v);
            }
        }
        Set<ModuleVersion> seen = new LinkedHashSet<>();
        List<Req> queue = new ArrayList<>(roots);
        for (int i = 0; i < queue.size(); i++) {
            Req r = queue.get(i);
            ModuleVersion m = ModuleVersion.of(r.path, r.version);
            if (!seen.add(m)) {
                continue;
            }
            Ver v = versions.get(m.toString());
            if (v != null) {
                queue.addAll(v.requires);
            }
        }
        return new ArrayList<>(seen);
    }

    // ---- writing ----

    private Universe write(Path dir, List<MainModule> mains) throws IOException {
        ProxyTree proxy = new ProxyTree(dir.resolve("proxy"));
        List<ProxyTree.Release> releases = new ArrayList<>();
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (ModPath p : paths) {
            List<String> versions = new ArrayList<>();
            for (Ver v : p.versions) {
                versions.add(v.version);
                releases.add(release(v));
            }
            published.put(p.path, versions);
        }
        proxy.addAll(releases);

        long zipBytes = 0;
        for (ModPath p : paths) {
            for (Ver v : p.versions) {
                zipBytes += Files.size(proxy.versionDir(p.path).resolve(escapedVersionFile(v.version, ".zip")));
            }
        }

        String goSum = goSum(releases);
        List<Path> mainDirs = new ArrayList<>();
        for (int i = 0; i < mains.size(); i++) {
            MainModule m = mains.get(i);
            Path mainDir = Files.createDirectories(dir.resolve("main").resolve("m" + i));
            List<String> excludes = m.excludes.stream().map(e -> e.path() + " " + e.version()).toList();
            Files.writeString(mainDir.resolve("go.mod"),
                    goMod(m.path, m.goLine, m.toolchain, m.requires, excludes, m.replaces, List.of()));
            Files.writeString(mainDir.resolve("main.go"), "package main\n\nfunc main() {}\n");
            Files.writeString(mainDir.resolve("go.sum"), goSum);
            for (Local l : m.locals) {
                Path localDir = Files.createDirectories(mainDir.resolve(l.dir));
                Files.writeString(localDir.resolve("go.mod"),
                        goMod(l.modulePath, l.goLine, null, l.requires, List.of(), List.of(), List.of()));
                Files.writeString(localDir.resolve(l.pkg + ".go"), goFile(l.pkg, "local"));
            }
            mainDirs.add(mainDir);
        }
        return new Universe(dir, proxy, mainDirs, published, ghosts, zipBytes);
    }

    private ProxyTree.Release release(Ver v) {
        String path = v.owner.path;
        String pkg = packageName(path);
        List<ProxyTree.Entry> entries = new ArrayList<>();
        String mod;
        if (v.hasGoMod) {
            mod = goMod(path, v.goLine, v.toolchain, v.requires, List.of(), List.of(), v.retracts);
            entries.add(ProxyTree.Entry.file("go.mod", mod));
        } else {
            mod = ProxyTree.synthesizedGoMod(path);
        }
        entries.add(ProxyTree.Entry.file(pkg + ".go", goFile(pkg, v.version)));
        if (v.payloadSize > 0) {
            entries.add(ProxyTree.Entry.file("testdata/payload.bin", Content.pseudoRandom(v.payloadSeed, v.payloadSize)));
        }
        return new ProxyTree.Release(path, v.version, ProxyTree.infoJson(v.version, v.time),
                mod.getBytes(StandardCharsets.UTF_8), entries);
    }

    /// `/go.mod` lines for every published version, so module-graph commands also run with
    /// `-mod=readonly`. (Unused lines are harmless; `go mod tidy` would drop them.)
    private static String goSum(List<ProxyTree.Release> releases) {
        List<ModuleVersion> order = new ArrayList<>();
        Map<ModuleVersion, String> hashes = new LinkedHashMap<>();
        for (ProxyTree.Release r : releases) {
            ModuleVersion m = ModuleVersion.of(r.path(), r.version() + "/go.mod");
            order.add(m);
            hashes.put(m, goModHash(r.mod()));
        }
        order.sort(ModuleVersion.ORDER);
        StringBuilder b = new StringBuilder();
        for (ModuleVersion m : order) {
            b.append(m.path()).append(' ').append(m.version()).append(' ').append(hashes.get(m)).append('\n');
        }
        return b.toString();
    }

    /// dirhash.Hash1 over the single file `go.mod`.
    static String goModHash(byte[] mod) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String line = HexFormat.of().formatHex(sha.digest(mod)) + "  go.mod\n";
            return "h1:" + Base64.getEncoder().encodeToString(sha.digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escapedVersionFile(String version, String suffix) {
        return ModulePath.escapeVersion(version) + suffix;
    }

    static String goMod(String modulePath, String goLine, String toolchain, List<Req> requires,
                        List<String> excludes, List<String> replaces, List<String> retracts) {
        StringBuilder b = new StringBuilder("module ").append(modulePath).append('\n');
        if (goLine != null) {
            b.append("\ngo ").append(goLine).append('\n');
        }
        if (toolchain != null) {
            b.append("\ntoolchain ").append(toolchain).append('\n');
        }
        List<String> requireLines = requires.stream()
                .map(r -> r.path + " " + r.version + (r.indirect ? " // indirect" : "")).toList();
        block(b, "require", requireLines);
        block(b, "exclude", excludes);
        block(b, "replace", replaces);
        block(b, "retract", retracts);
        return b.toString();
    }

    private static void block(StringBuilder b, String verb, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        b.append('\n');
        if (lines.size() == 1) {
            b.append(verb).append(' ').append(lines.get(0)).append('\n');
            return;
        }
        b.append(verb).append(" (\n");
        for (String l : lines) {
            b.append('\t').append(l).append('\n');
        }
        b.append(")\n");
    }

    private static String goFile(String pkg, String version) {
        return "package " + pkg + "\n\n// Version is the module version this file was published in.\nconst Version = \""
                + version + "\"\n";
    }

    /// A Go package name for the module root: the last path element without `/vN` or `.vN`,
    /// lower-cased, letters and digits only.
    static String packageName(String path) {
        String[] elems = path.split("/");
        String last = elems[elems.length - 1];
        if (last.matches("v[0-9]+") && elems.length > 1) {
            last = elems[elems.length - 2];
        }
        last = last.replaceAll("\\.v[0-9]+$", "");
        String name = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "pkg" + name : name;
    }

    // ---- random helpers ----

    private boolean chance(double p) {
        return p > 0 && rng.nextDouble() < p;
    }

    /// About `mean` on average: uniform over 0..2×mean.
    private int sampleCount(double mean) {
        return (int) Math.floor(rng.nextDouble() * (2 * mean + 1));
    }

    private <T> List<T> pickDistinct(List<T> from, int n) {
        List<T> pool = new ArrayList<>(from);
        List<T> picked = new ArrayList<>();
        while (picked.size() < n && !pool.isEmpty()) {
            picked.add(pool.remove(rng.nextInt(pool.size())));
        }
        return picked;
    }

    private static String majorOf(String version) {
        return version.substring(0, version.indexOf('.'));
    }

    private static int minorOf(String goLine) {
        return Integer.parseInt(goLine.split("\\.")[1]);
    }
}

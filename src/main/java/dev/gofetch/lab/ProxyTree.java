package dev.gofetch.lab;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.PseudoVersion;
import dev.gofetch.module.Semver;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/// A static GOPROXY directory tree, the layout `GOPROXY=file://<root>` reads:
///
/// ```
/// <escaped path>/@v/list                  tagged versions, semver order, one per line
/// <escaped path>/@v/<escaped version>.info  {"Version":"...","Time":"..."}
/// <escaped path>/@v/<escaped version>.mod   the go.mod bytes
/// <escaped path>/@v/<escaped version>.zip   entries path@version/<name>, sorted, reproducible bytes
/// <escaped path>/@latest                  the .info of the version "latest" resolves to
/// ```
///
/// `list` and `@latest` are rewritten after every addition from the version files present, so the
/// tree is always consistent and can be extended later (even by another instance). `list` holds
/// what cmd/go's own test proxy lists: versions that are not pseudo-versions and pass
/// `module.Check` for the path (so a stray `v2.0.0` of a path without `/v2` is served but not listed).
/// Files are written to a temporary name and moved into place, so a server reading the tree never
/// sees half a file.
public final class ProxyTree {
    private static final String[] VERSION_FILE_SUFFIXES = {".info", ".mod", ".zip"};

    private final Path root;
    private boolean writeLatest = true;

    public ProxyTree(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    /// The GOPROXY value for this tree: `file:///...`.
    public String goproxy() {
        return root.toUri().toString();
    }

    /// Whether `@latest` files are written (default true). Without them clients fall back to `list`.
    public ProxyTree latestEndpoint(boolean write) {
        this.writeLatest = write;
        return this;
    }

    /// A file of a module zip. `name` is relative to the module root (the zip entry becomes
    /// `path@version/name`) unless `prefixed` is false, in which case it is the whole entry name
    /// (to build deliberately malformed zips).
    public record Entry(String name, boolean prefixed, Content content) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }

        public static Entry file(String name, Content content) {
            return new Entry(name, true, content);
        }

        public static Entry file(String name, String text) {
            return new Entry(name, true, Content.text(text));
        }

        public static Entry verbatim(String zipName, Content content) {
            return new Entry(zipName, false, content);
        }
    }

    /// One module version as raw artefacts. A null `info`, `mod` or `zip` leaves that file out.
    public record Release(String path, String version, byte[] info, byte[] mod, List<Entry> zip) {
        public Release {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(version, "version");
            zip = zip == null ? null : List.copyOf(zip);
        }
    }

    /// Adds `path@version` with an .info carrying `time`, the given go.mod as .mod and as the zip's
    /// `go.mod`, plus `files` (name relative to the module root → text). A null `goMod` stands for a
    /// version without go.mod (a `+incompatible` one, say): the zip has none and .mod is the
    /// synthesized `module <path>` line, as the go command and proxies synthesize it.
    public void add(String path, String version, Instant time, String goMod, Map<String, String> files) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (goMod != null) {
            entries.add(Entry.file("go.mod", goMod));
        }
        files.forEach((name, text) -> entries.add(Entry.file(name, text)));
        String mod = goMod != null ? goMod : synthesizedGoMod(path);
        add(new Release(path, version, infoJson(version, time), mod.getBytes(StandardCharsets.UTF_8), entries));
    }

    /// Writes the release's files, then refreshes `list` and `@latest` of its path.
    public void add(Release release) throws IOException {
        write(release);
        refreshIndex(release.path());
    }

    /// Like {@link #add(Release)} for many releases, refreshing each path's index once at the end.
    public void addAll(Collection<Release> releases) throws IOException {
        Set<String> touched = new LinkedHashSet<>();
        for (Release r : releases) {
            write(r);
            touched.add(r.path());
        }
        for (String path : touched) {
            refreshIndex(path);
        }
    }

    private void write(Release release) throws IOException {
        Path dir = versionDir(release.path());
        Files.createDirectories(dir);
        String base = ModulePath.escapeVersion(release.version());
        if (release.info() != null) {
            writeAtomically(dir.resolve(base + ".info"), out -> out.write(release.info()));
        }
        if (release.mod() != null) {
            writeAtomically(dir.resolve(base + ".mod"), out -> out.write(release.mod()));
        }
        if (release.zip() != null) {
            String prefix = release.path() + "@" + release.version() + "/";
            List<Entry> sorted = new ArrayList<>(release.zip());
            sorted.sort(Comparator.comparing(e -> zipName(prefix, e)));
            writeAtomically(dir.resolve(base + ".zip"), out -> {
                try (ZipWriter zip = new ZipWriter(out)) {
                    for (Entry e : sorted) {
                        zip.add(zipName(prefix, e), e.content());
                    }
                }
            });
        }
    }

    /// The versions `list` holds for `path`, in order; empty if the path is unknown.
    public List<String> listedVersions(String path) throws IOException {
        List<String> listed = new ArrayList<>();
        for (String v : presentVersions(path)) {
            if (isListable(path, v)) {
                listed.add(v);
            }
        }
        Semver.sort(listed);
        return listed;
    }

    /// The directory `<escaped path>/@v`.
    public Path versionDir(String path) {
        return root.resolve(ModulePath.escapePath(path)).resolve("@v");
    }

    /// `{"Version":"v","Time":"2006-01-02T15:04:05Z"}` (no Time when `time` is null).
    public static byte[] infoJson(String version, Instant time) {
        StringBuilder json = new StringBuilder("{\"Version\":\"").append(jsonEscape(version)).append('"');
        if (time != null) {
            json.append(",\"Time\":\"").append(DateTimeFormatter.ISO_INSTANT.format(time)).append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /// The go.mod the go command synthesizes for a version without one (`LegacyGoMod`).
    public static String synthesizedGoMod(String path) {
        return "module " + path + "\n";
    }

    private void refreshIndex(String path) throws IOException {
        List<String> present = presentVersions(path);
        List<String> listed = new ArrayList<>();
        for (String v : present) {
            if (isListable(path, v)) {
                listed.add(v);
            }
        }
        Semver.sort(listed);
        StringBuilder list = new StringBuilder();
        for (String v : listed) {
            list.append(v).append('\n');
        }
        Path dir = versionDir(path);
        writeAtomically(dir.resolve("list"), out -> out.write(list.toString().getBytes(StandardCharsets.UTF_8)));

        Path latestFile = dir.getParent().resolve("@latest");
        String latest = writeLatest ? latest(path, present, listed) : null;
        Path latestInfo = latest == null ? null : dir.resolve(ModulePath.escapeVersion(latest) + ".info");
        if (latestInfo != null && Files.isRegularFile(latestInfo)) {
            byte[] info = Files.readAllBytes(latestInfo);
            writeAtomically(latestFile, out -> out.write(info));
        } else {
            Files.deleteIfExists(latestFile);
        }
    }

    /// What proxy.golang.org answers for `@latest`: the highest listed release, else the highest
    /// listed prerelease, else the highest valid pseudo-version.
    private static String latest(String path, List<String> present, List<String> listed) {
        String release = null;
        String prerelease = null;
        for (String v : listed) {
            if (Semver.prerelease(v).isEmpty()) {
                release = v;
            } else {
                prerelease = v;
            }
        }
        if (release != null) {
            return release;
        }
        if (prerelease != null) {
            return prerelease;
        }
        String pseudo = null;
        for (String v : present) {
            if (PseudoVersion.isPseudoVersion(v) && checks(path, v) && (pseudo == null || Semver.compare(v, pseudo) > 0)) {
                pseudo = v;
            }
        }
        return pseudo;
    }

    private List<String> presentVersions(String path) throws IOException {
        Path dir = versionDir(path);
        TreeSet<String> versions = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                for (String suffix : VERSION_FILE_SUFFIXES) {
                    if (name.endsWith(suffix)) {
                        try {
                            versions.add(ModulePath.unescapeVersion(name.substring(0, name.length() - suffix.length())));
                        } catch (InvalidModuleException notAVersionFile) {
                            // a stray file; not ours to list
                        }
                    }
                }
            }
        }
        return new ArrayList<>(versions);
    }

    private static boolean isListable(String path, String version) {
        return !PseudoVersion.isPseudoVersion(version) && checks(path, version);
    }

    private static boolean checks(String path, String version) {
        try {
            ModulePath.check(path, version);
            return true;
        } catch (InvalidModuleException e) {
            return false;
        }
    }

    private static String zipName(String prefix, Entry e) {
        return e.prefixed() ? prefix + e.name() : e.name();
    }

    private interface Writing {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writing writing) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                writing.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

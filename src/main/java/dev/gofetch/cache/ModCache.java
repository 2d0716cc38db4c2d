package dev.gofetch.cache;

import dev.gofetch.module.GoJson;

import dev.gofetch.module.RevInfo;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.Semver;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/// The module cache (GOMODCACHE) as cmd/go lays it out and writes it (`modfetch/cache.go`, `fetch.go`):
///
/// ```
/// <root>/cache/download/<escaped path>/@v/list, <escaped version>.{info,mod,zip,ziphash,lock,partial}
/// <root>/cache/lock
/// <root>/<escaped path>@<escaped version>/        the extracted, read-only module tree
/// ```
///
/// Writes are atomic (temporary file in the same directory, then rename), `list` is rewritten under a
/// `flock` after each `.mod` write, and zip publishing and extraction take the per-version `.lock`,
/// so gofetch and a concurrently running go command can share one cache.
@SuppressWarnings("try") // lock resources are held, not referenced
public final class ModCache {
    /// The size of a `.ziphash` file: `len("h1:") + base64(sha256)`, no newline.
    public static final int ZIPHASH_LENGTH = 47;
    /// cmd/go ignores cached go.mod files with this prefix (left by pre-release vgo).
    private static final byte[] OLD_VGO_PREFIX = "//vgo 0.0.".getBytes(StandardCharsets.US_ASCII);

    private final Path root;

    /// @param root GOMODCACHE; must be absolute, as the go command requires
    public ModCache(Path root) {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException(
                    "GOMODCACHE entry is relative; must be absolute path: " + GoJson.quote(root.toString()) + ".");
        }
        this.root = root.normalize();
    }

    public Path root() {
        return root;
    }

    /// `<root>/cache/download`: laid out exactly like a GOPROXY, so it can be served as one.
    public Path downloadRoot() {
        return root.resolve("cache").resolve("download");
    }

    /// `<root>/cache/lock`, cmd/go's `SideLock`.
    public Path sideLockFile() {
        return root.resolve("cache").resolve("lock");
    }

    /// `<root>/cache/download/<escaped path>/@v`.
    public Path versionsDir(String modulePath) {
        checkNotToolchain(modulePath);
        return inside(downloadRoot().resolve(ModulePath.escapePath(modulePath)).resolve("@v"));
    }

    public Path listFile(String modulePath) {
        return versionsDir(modulePath).resolve("list");
    }

    /// cmd/go's `CachePath(m, suffix)`: `<root>/cache/download/<escaped path>/@v/<escaped version>.<suffix>`.
    /// @throws InvalidModuleException with the go command's message for a non-semver or non-canonical version
    public Path cachePath(ModuleVersion mv, String suffix) {
        Path dir = versionsDir(mv.path());
        return inside(dir.resolve(escapedCanonicalVersion(mv.version()) + "." + suffix));
    }

    public Path infoFile(ModuleVersion mv) {
        return cachePath(mv, "info");
    }

    public Path modFile(ModuleVersion mv) {
        return cachePath(mv, "mod");
    }

    public Path zipFile(ModuleVersion mv) {
        return cachePath(mv, "zip");
    }

    public Path zipHashFile(ModuleVersion mv) {
        return cachePath(mv, "ziphash");
    }

    public Path lockFile(ModuleVersion mv) {
        return cachePath(mv, "lock");
    }

    public Path partialFile(ModuleVersion mv) {
        return cachePath(mv, "partial");
    }

    /// `<root>/<escaped path>@<escaped version>`, where the module tree is extracted.
    public Path extractedDir(ModuleVersion mv) {
        checkNotToolchain(mv.path());
        String path = ModulePath.escapePath(mv.path());
        return inside(root.resolve(path + "@" + escapedCanonicalVersion(mv.version())));
    }

    // ---- reading ----------------------------------------------------------------------------

    /// The cached `.info`, if present and decodable (cmd/go treats anything else as not cached).
    public Optional<RevInfo> readInfo(ModuleVersion mv) throws IOException {
        Optional<byte[]> data = readIfExists(infoFile(mv));
        try {
            return data.map(RevInfo::parse);
        } catch (RevInfo.InvalidInfoException e) {
            return Optional.empty();
        }
    }

    /// The cached `.mod`, if present (and not an obsolete vgo-generated one).
    public Optional<byte[]> readMod(ModuleVersion mv) throws IOException {
        Optional<byte[]> data = readIfExists(modFile(mv));
        if (data.isPresent() && startsWith(data.get(), OLD_VGO_PREFIX)) {
            return Optional.empty();
        }
        return data;
    }

    /// The `.ziphash` content as cmd/go's `checkMod` reads it: surrounding white space trimmed; empty when
    /// missing or damaged (a NUL byte, or not exactly 47 bytes), in which case the zip must be re-hashed.
    /// @throws IOException `unexpected ziphash: "..."` when it is well-formed but not an `h1:` hash
    public Optional<String> readZipHash(ModuleVersion mv) throws IOException {
        Path file = zipHashFile(mv);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] data;
        try (FileLock lock = FileLock.acquire(file, FileLock.Mode.SHARED)) {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int from = 0;
        int to = data.length;
        while (from < to && isAsciiSpace(data[from])) {
            from++;
        }
        while (to > from && isAsciiSpace(data[to - 1])) {
            to--;
        }
        String text = new String(data, from, to - from, StandardCharsets.UTF_8);
        if (to - from != ZIPHASH_LENGTH || text.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        if (!text.startsWith("h1:")) {
            throw new IOException("unexpected ziphash: " + GoJson.quote(text));
        }
        return Optional.of(text);
    }

    /// The fast path of cmd/go's `DownloadZip`: both `.zip` and `.ziphash` exist.
    public boolean isZipComplete(ModuleVersion mv) {
        return Files.exists(zipFile(mv)) && Files.exists(zipHashFile(mv));
    }

    public enum ExtractedState {
        /// No directory.
        ABSENT,
        /// A directory that must not be used: still has its `.partial` marker, has no `.ziphash`, or is not a directory.
        PARTIAL,
        COMPLETE
    }

    /// cmd/go's `DownloadDir` check.
    public ExtractedState extractedState(ModuleVersion mv) {
        Path dir = extractedDir(mv);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return ExtractedState.ABSENT;
        } catch (IOException e) {
            return ExtractedState.PARTIAL;
        }
        if (!attrs.isDirectory() || Files.exists(partialFile(mv))) {
            return ExtractedState.PARTIAL;
        }
        if (!mv.path().equals("golang.org/fips140") && !Files.exists(zipHashFile(mv))) {
            return ExtractedState.PARTIAL;
        }
        return ExtractedState.COMPLETE;
    }

    // ---- writing ----------------------------------------------------------------------------

    /// Stores an `.info` for `info.version()` as cmd/go's `writeDiskStat` does (origin trimmed,
    /// canonical JSON, atomic replace).
    public Path writeInfo(String modulePath, RevInfo info) throws IOException {
        Path file = infoFile(ModuleVersion.of(modulePath, info.version()));
        writeAtomically(file, info.toCacheJson());
        return file;
    }

    /// Stores a `.mod` atomically and then regenerates the module's `list`.
    public Path writeMod(ModuleVersion mv, byte[] goMod) throws IOException {
        Path file = modFile(mv);
        writeAtomically(file, goMod);
        rewriteVersionList(mv.path());
        return file;
    }

    /// cmd/go's `writeDiskCache`: write `<file><random>.tmp` in the same directory, then rename over file.
    public static void writeAtomically(Path file, byte[] data) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = createTempFile(dir, file.getFileName().toString());
        boolean renamed = false;
        try {
            Files.write(tmp, data);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            renamed = true;
        } finally {
            if (!renamed) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /// cmd/go's `tempFile`: `<prefix><random in [0,1e9)>.tmp`, created exclusively.
    static Path createTempFile(Path dir, String prefix) throws IOException {
        FileAlreadyExistsException last = null;
        for (int i = 0; i < 10_000; i++) {
            Path candidate = dir.resolve(prefix + ThreadLocalRandom.current().nextInt(1_000_000_000) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw last;
    }

    /// cmd/go's `rewriteVersionList`: under an exclusive lock on `list`, lists every `*.mod` whose
    /// base name is a canonical version (pseudo-versions included), semver-sorted, one per line. An
    /// unchanged list is left alone; otherwise the file is emptied, pre-sized with zeros, then
    /// written, so a torn write shows up as trailing NUL bytes.
    public void rewriteVersionList(String modulePath) throws IOException {
        Path dir = versionsDir(modulePath);
        Path listFile = dir.resolve("list");
        Files.createDirectories(dir);
        try (FileLock lock = FileLock.exclusive(listFile);
             RandomAccessFile f = new RandomAccessFile(listFile.toFile(), "rw")) {
            List<String> versions = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.endsWith(".mod")) {
                        // The file name is the *escaped* version; like cmd/go we check that text, so
                        // versions with upper-case letters (escaped with '!') never make the list.
                        String v = name.substring(0, name.length() - ".mod".length());
                        if (!v.isEmpty() && ModulePath.canonicalVersion(v).equals(v)) {
                            versions.add(v);
                        }
                    }
                }
            }
            Semver.sort(versions);
            StringBuilder text = new StringBuilder();
            for (String v : versions) {
                text.append(v).append('\n');
            }
            byte[] want = text.toString().getBytes(StandardCharsets.UTF_8);
            if (f.length() == want.length) {
                byte[] have = new byte[want.length];
                f.readFully(have);
                if (Arrays.equals(have, want)) {
                    return;
                }
            }
            f.setLength(0);
            f.setLength(want.length);
            try {
                f.seek(0);
                f.write(want);
            } catch (IOException e) {
                f.setLength(0);
                throw e;
            }
        }
    }

    /// Writes `.ziphash` as cmd/go's `hashZip` does: lock it, empty it, pre-size it, write the hash.
    public void writeZipHash(ModuleVersion mv, String h1) throws IOException {
        if (h1.length() != ZIPHASH_LENGTH || !h1.startsWith("h1:")) {
            throw new IllegalArgumentException("not an h1: hash: " + GoJson.quote(h1));
        }
        Path file = zipHashFile(mv);
        Files.createDirectories(file.getParent());
        byte[] data = h1.getBytes(StandardCharsets.US_ASCII);
        try (FileLock lock = FileLock.exclusive(file);
             RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
            f.setLength(data.length);
            f.write(data);
        }
    }

    // ---- locking and publishing -------------------------------------------------------------

    /// Takes `<version>.lock`, which guards downloading and extracting this version's zip.
    public FileLock lockVersion(ModuleVersion mv) throws IOException {
        Path lock = lockFile(mv);
        Files.createDirectories(lock.getParent());
        return FileLock.exclusive(lock);
    }

    /// Takes `<root>/cache/lock`, cmd/go's side lock.
    public FileLock sideLock() throws IOException {
        Files.createDirectories(sideLockFile().getParent());
        return FileLock.exclusive(sideLockFile());
    }

    /// Fills a fresh temporary file with the module zip (e.g. from a proxy).
    @FunctionalInterface
    public interface ZipDownload {
        void downloadTo(Path tempFile) throws IOException;
    }

    /// Checks a zip (entry names, go.sum / checksum database) and returns its `h1:` hash; throws to reject it.
    @FunctionalInterface
    public interface ZipCheck {
        String hashAndCheck(Path zip) throws IOException;
    }

    /// Publishes `.zip` and `.ziphash` following cmd/go's `DownloadZip`: nothing to do if both exist;
    /// otherwise, under the version lock, stale `<v>.zip*.tmp` files are removed, and either an existing
    /// zip is re-hashed (its `.ziphash` was lost) or a new one is downloaded to a temporary file, checked
    /// and hashed *before* it is renamed into place. A rejected download leaves nothing behind.
    /// @return the `.zip` path
    public Path publishZip(ModuleVersion mv, ZipDownload download, ZipCheck check) throws IOException {
        Path zip = zipFile(mv);
        Path zipHash = zipHashFile(mv);
        if (Files.exists(zip) && Files.exists(zipHash)) {
            return zip;
        }
        try (FileLock lock = lockVersion(mv)) {
            boolean zipExists = Files.exists(zip);
            if (zipExists && Files.exists(zipHash)) {
                return zip;
            }
            removeStaleTempFiles(zip);
            if (zipExists) {
                writeZipHash(mv, check.hashAndCheck(zip));
                return zip;
            }
            Path tmp = createTempFile(zip.getParent(), zip.getFileName().toString());
            boolean published = false;
            try {
                download.downloadTo(tmp);
                writeZipHash(mv, check.hashAndCheck(tmp));
                Files.move(tmp, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                published = true;
            } finally {
                if (!published) {
                    Files.deleteIfExists(tmp);
                }
            }
            return zip;
        }
    }

    /// Removes `<name>*.tmp` siblings of file; only safe while holding the version lock.
    static void removeStaleTempFiles(Path file) throws IOException {
        String prefix = file.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(file.getParent())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && name.length() >= prefix.length() + 4) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /// Extracts a module zip into a directory that does not exist yet (the unzipper's job, e.g.
    /// `ModuleZip.unzip`, which creates files read-only).
    @FunctionalInterface
    public interface Extractor {
        void extractInto(Path dir) throws IOException;
    }

    /// Extracts a version into its cache directory following cmd/go's `unzip`: under the version lock,
    /// returns at once if the directory is complete; otherwise removes leftovers (`<dir>.tmp-*` from
    /// go &lt; 1.16 and any partial directory), creates `<v>.partial`, runs the extractor, removes the
    /// marker and, unless `modCacheRW` (`-modcacherw`), clears the write bits of every directory.
    /// If the extractor fails, the partial directory is removed and then the marker.
    /// @return the extracted directory
    public Path publishExtracted(ModuleVersion mv, Extractor extractor, boolean modCacheRW) throws IOException {
        Path dir = extractedDir(mv);
        try (FileLock lock = lockVersion(mv)) {
            ExtractedState state = extractedState(mv);
            if (state == ExtractedState.COMPLETE) {
                return dir;
            }
            Path parent = dir.getParent();
            if (Files.isDirectory(parent)) {
                String leftoverPrefix = dir.getFileName() + ".tmp-";
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
                    for (Path entry : entries) {
                        if (entry.getFileName().toString().startsWith(leftoverPrefix)) {
                            try {
                                CacheTree.removeAll(entry);
                            } catch (IOException e) {
                                // best effort, as in cmd/go
                            }
                        }
                    }
                }
            }
            if (state == ExtractedState.PARTIAL) {
                CacheTree.removeAll(dir);
            }
            Path partial = partialFile(mv);
            Files.createDirectories(parent);
            Files.write(partial, new byte[0]);
            try {
                extractor.extractInto(dir);
            } catch (IOException | RuntimeException | Error e) {
                try {
                    CacheTree.removeAll(dir);
                    Files.deleteIfExists(partial);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            Files.delete(partial);
            if (!modCacheRW) {
                CacheTree.makeDirsReadOnly(dir);
            }
            return dir;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String escapedCanonicalVersion(String version) {
        if (!Semver.isValid(version)) {
            throw new InvalidModuleException("non-semver module version " + GoJson.quote(version));
        }
        if (!ModulePath.canonicalVersion(version).equals(version)) {
            throw new InvalidModuleException("non-canonical module version " + GoJson.quote(version));
        }
        return ModulePath.escapeVersion(version);
    }

    private static void checkNotToolchain(String modulePath) {
        if (modulePath.equals("go") || modulePath.equals("toolchain")) {
            throw new IllegalArgumentException("internal error: invalid operation on toolchain module");
        }
    }

    /// Escaped paths and versions cannot climb out of the cache; this makes sure of it.
    private Path inside(Path p) {
        if (!p.normalize().startsWith(root) || p.normalize().equals(root)) {
            throw new IllegalStateException("internal error: " + p + " is outside the module cache " + root);
        }
        return p;
    }

    private static Optional<byte[]> readIfExists(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /// The white space `bytes.TrimSpace` removes from ASCII text.
    private static boolean isAsciiSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public String toString() {
        return "ModCache(" + root + ")";
    }
}

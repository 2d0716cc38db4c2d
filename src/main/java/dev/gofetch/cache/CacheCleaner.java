package dev.gofetch.cache;

import dev.gofetch.module.GoJson;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.Semver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Removing things from a module cache, whose extracted trees are read-only (which defeats `rm -rf`):
/// the whole cache as `go clean -modcache` does, or one module, or one version; plus a size report.
/// Only paths inside the cache are touched, and symbolic links are removed, never followed.
@SuppressWarnings("try") // lock resources are held, not referenced
public final class CacheCleaner {
    /// A file in `@v`: `<escaped version>.<kind>`, possibly an in-flight `<...><random>.tmp`.
    private static final Pattern VERSION_FILE =
            Pattern.compile("(.+)\\.(info|mod|zip|ziphash|lock|partial)([0-9]+\\.tmp)?");

    private final ModCache cache;

    public CacheCleaner(ModCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /// Refused: the target is not something it is safe to delete as a module cache.
    public static final class RefusedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /// `go clean -modcache`: makes every directory writable and deletes the whole GOMODCACHE directory
    /// (including `cache/download/sumdb` and `cache/vcs`). A missing directory is fine.
    /// Beyond the go command's own refusal of an empty setting, this also refuses a relative path, the
    /// file system root, the home directory, a symbolic link, a non-directory, and a non-empty directory
    /// without `cache/download` (which does not look like a module cache).
    /// @param gomodcache the GOMODCACHE setting as resolved ("" when there is none)
    /// @param home       the user's home directory, or null if unknown
    public static void cleanModCache(String gomodcache, Path home) throws IOException {
        Path dir = checkCleanable(gomodcache, home);
        if (dir != null) {
            CacheTree.removeAll(dir);
        }
    }

    /// The checks of {@link #cleanModCache}: the directory to remove, or null if there is nothing there.
    /// @throws RefusedException with a message for the user
    public static Path checkCleanable(String gomodcache, Path home) throws IOException {
        if (gomodcache == null || gomodcache.isEmpty()) {
            throw new RefusedException("go: cannot clean -modcache without a module cache");
        }
        Path dir = Path.of(gomodcache);
        if (!dir.isAbsolute()) {
            throw new RefusedException("GOMODCACHE entry is relative; must be absolute path: "
                    + GoJson.quote(gomodcache) + ".");
        }
        dir = dir.normalize();
        if (dir.getParent() == null) {
            throw new RefusedException("refusing to clean -modcache: GOMODCACHE is the file system root " + dir);
        }
        if (home != null && (dir.equals(home.toAbsolutePath().normalize()) || sameFile(dir, home))) {
            throw new RefusedException("refusing to clean -modcache: GOMODCACHE is the home directory " + dir);
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (Files.isSymbolicLink(dir)) {
            throw new RefusedException("refusing to clean -modcache: GOMODCACHE " + dir + " is a symbolic link (to "
                    + Files.readSymbolicLink(dir) + "); set GOMODCACHE to the directory itself");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException("refusing to clean -modcache: GOMODCACHE " + dir + " is not a directory");
        }
        if (!Files.isDirectory(dir.resolve("cache").resolve("download"), LinkOption.NOFOLLOW_LINKS) && !isEmpty(dir)) {
            throw new RefusedException("refusing to clean -modcache: " + dir
                    + " does not look like a module cache (it is not empty and has no cache/download directory)");
        }
        return dir;
    }

    /// Removes one version: its extracted tree and its files under `cache/download` (the `.lock` stays,
    /// since another process may be waiting on it), under the version lock; `list` is regenerated.
    /// @return the number of bytes freed
    public long removeVersion(ModuleVersion mv) throws IOException {
        Path extracted = cache.extractedDir(mv);
        Path versionsDir = cache.versionsDir(mv.path());
        String escapedVersion = cache.lockFile(mv).getFileName().toString().replaceFirst("\\.lock$", "");
        if (!Files.isDirectory(versionsDir) && !Files.exists(extracted, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long freed = 0;
        boolean hadMod;
        try (FileLock lock = cache.lockVersion(mv)) {
            freed += CacheTree.size(extracted);
            CacheTree.removeAll(extracted);
            freed += removeExtractionLeftovers(extracted);
            hadMod = Files.exists(cache.modFile(mv));
            for (Path file : versionFiles(versionsDir).getOrDefault(escapedVersion, List.of())) {
                if (!file.getFileName().toString().endsWith(".lock")) {
                    freed += CacheTree.size(file);
                    Files.deleteIfExists(file);
                }
            }
        }
        if (hadMod) {
            cache.rewriteVersionList(mv.path());
        }
        return freed;
    }

    /// Removes every cached version of a module, then its `cache/download/<path>/@v` directory, and
    /// prunes directories left empty. Other modules (including nested ones such as `<path>/v2`) stay.
    /// @return the number of bytes freed
    public long removeModule(String modulePath) throws IOException {
        Path versionsDir = cache.versionsDir(modulePath);
        TreeSet<String> versions = new TreeSet<>();
        for (String escaped : versionFiles(versionsDir).keySet()) {
            unescapeVersion(escaped).ifPresent(versions::add);
        }
        // Extracted trees are siblings named `<last escaped element>@<escaped version>`.
        Path extractedParent = cache.root().resolve(ModulePath.escapePath(modulePath)).getParent();
        String prefix = cache.root().resolve(ModulePath.escapePath(modulePath)).getFileName() + "@";
        if (Files.isDirectory(extractedParent, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(extractedParent)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(prefix) && !name.contains(".tmp-")) {
                        unescapeVersion(name.substring(prefix.length())).ifPresent(versions::add);
                    }
                }
            }
        }
        long freed = 0;
        for (String v : versions) {
            freed += removeVersion(ModuleVersion.of(modulePath, v));
        }
        freed += CacheTree.size(versionsDir);
        CacheTree.removeAll(versionsDir);
        pruneEmptyParents(versionsDir.getParent(), cache.downloadRoot());
        pruneEmptyParents(extractedParent, cache.root());
        return freed;
    }

    /// Disk usage per module version.
    public CacheUsage usage() throws IOException {
        Map<String, Map<String, long[]>> byModule = new TreeMap<>();
        long[] other = new long[1];
        Path root = cache.root();
        if (!Files.isDirectory(root)) {
            return new CacheUsage(List.of(), 0);
        }
        Path download = cache.downloadRoot();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("@v") && dir.startsWith(download)) {
                    Optional<String> path = unescapePath(download.relativize(dir.getParent()));
                    countVersionsDir(dir, path.orElse(null), byModule, other);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                int at = name.indexOf('@');
                if (at > 0 && !dir.startsWith(root.resolve("cache"))) {
                    Optional<String> path = unescapePath(root.relativize(dir.getParent()).resolve(name.substring(0, at)));
                    Optional<String> version = unescapeVersion(name.substring(at + 1));
                    long size = CacheTree.size(dir);
                    if (path.isPresent() && version.isPresent()) {
                        long[] counts = slot(byModule, path.get(), version.get());
                        counts[1] += size;
                        counts[2] = 1;
                    } else {
                        other[0] += size;
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                other[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        List<CacheUsage.VersionUsage> versions = new ArrayList<>();
        byModule.forEach((path, byVersion) -> {
            List<String> sorted = new ArrayList<>(byVersion.keySet());
            Semver.sort(sorted);
            for (String v : sorted) {
                long[] c = byVersion.get(v);
                versions.add(new CacheUsage.VersionUsage(path, v, c[0], c[1], c[2] != 0));
            }
        });
        return new CacheUsage(versions, other[0]);
    }

    private static void countVersionsDir(Path dir, String modulePath, Map<String, Map<String, long[]>> byModule,
                                         long[] other) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                long size = CacheTree.size(entry);
                Matcher m = VERSION_FILE.matcher(entry.getFileName().toString());
                Optional<String> version = m.matches() ? unescapeVersion(m.group(1)) : Optional.empty();
                boolean lockOnly = m.matches() && m.group(2).equals("lock");
                if (modulePath != null && version.isPresent() && !lockOnly) {
                    slot(byModule, modulePath, version.get())[0] += size;
                } else {
                    other[0] += size;
                }
            }
        } catch (IOException e) {
            // vanished while we looked: count nothing
        }
    }

    private static long[] slot(Map<String, Map<String, long[]>> byModule, String path, String version) {
        return byModule.computeIfAbsent(path, p -> new TreeMap<>()).computeIfAbsent(version, v -> new long[3]);
    }

    /// The files of `@v`, grouped by escaped version.
    private static Map<String, List<Path>> versionFiles(Path versionsDir) throws IOException {
        Map<String, List<Path>> files = new TreeMap<>();
        if (!Files.isDirectory(versionsDir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(versionsDir)) {
            for (Path entry : entries) {
                Matcher m = VERSION_FILE.matcher(entry.getFileName().toString());
                if (m.matches()) {
                    files.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        return files;
    }

    /// `<dir>.tmp-*` directories left by go before 1.16.
    private static long removeExtractionLeftovers(Path extracted) throws IOException {
        Path parent = extracted.getParent();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long freed = 0;
        String prefix = extracted.getFileName() + ".tmp-";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(prefix)) {
                    freed += CacheTree.size(entry);
                    CacheTree.removeAll(entry);
                }
            }
        }
        return freed;
    }

    /// Removes dir and its ancestors while they are empty, stopping below stop.
    private static void pruneEmptyParents(Path dir, Path stop) {
        for (Path d = dir; d != null && d.startsWith(stop) && !d.equals(stop); d = d.getParent()) {
            try {
                if (!isEmpty(d)) {
                    return;
                }
                Files.delete(d);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static Optional<String> unescapePath(Path relative) {
        String escaped = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        try {
            return Optional.of(ModulePath.unescapePath(escaped));
        } catch (InvalidModuleException e) {
            return Optional.empty();
        }
    }

    /// A cached version name back to the version, if it is a canonical one (as the go command writes).
    private static Optional<String> unescapeVersion(String escaped) {
        try {
            String v = ModulePath.unescapeVersion(escaped);
            return Semver.isValid(v) && ModulePath.canonicalVersion(v).equals(v) ? Optional.of(v) : Optional.empty();
        } catch (InvalidModuleException e) {
            return Optional.empty();
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.gofetch.verify;

import dev.gofetch.module.GoVersion;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.verify.CheckedFiles.FileError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/// The rules of golang.org/x/mod/zip: checking and extracting module zips exactly as the go command
/// does (same acceptance, same messages), and choosing the files a module zip is made of.
public final class ModuleZip {
    /// Largest module zip file, and largest total of its declared uncompressed sizes.
    public static final long MAX_ZIP_FILE = 500L << 20;
    public static final long MAX_GO_MOD = 16L << 20;
    public static final long MAX_LICENSE = 16L << 20;

    private static final String ERR_PATH_NOT_CLEAN = "file path is not clean";
    private static final String ERR_PATH_NOT_RELATIVE = "file path is not relative";
    private static final String ERR_GO_MOD_CASE = "go.mod files must have lowercase names";
    private static final String ERR_GO_MOD_SIZE = "go.mod file too large (max size is " + MAX_GO_MOD + " bytes)";
    private static final String ERR_LICENSE_SIZE = "LICENSE file too large (max size is " + MAX_LICENSE + " bytes)";
    private static final String ERR_VCS = "directory is a version control repository";
    private static final String ERR_VENDORED = "file is in vendor directory";
    private static final String ERR_SUBMODULE_FILE = "file is in another module";
    private static final String ERR_SUBMODULE_DIR = "directory is in another module";
    private static final String ERR_HG_ARCHIVAL = "file is inserted by 'hg archive' and is always omitted";
    private static final String ERR_SYMLINK = "file is a symbolic link";
    private static final String ERR_NOT_REGULAR = "not a regular file";

    private ModuleZip() {}

    /// The outcome of {@link #check}: the per-file verdicts and the error `zip.CheckZip` returns
    /// (null when the zip is a valid module zip).
    public record ZipCheck(CheckedFiles files, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /// One entry of a module source tree (relative slash path, as `lstat` sees it).
    public record TreeEntry(String path, Kind kind, long size) {
        public enum Kind { DIRECTORY, REGULAR, SYMLINK, OTHER }

        public static TreeEntry file(String path, long size) {
            return new TreeEntry(path, Kind.REGULAR, size);
        }

        public static TreeEntry directory(String path) {
            return new TreeEntry(path, Kind.DIRECTORY, 0);
        }
    }

    // ---------------------------------------------------------------- CheckZip

    /// `zip.CheckZip`: names, collisions and declared sizes of every entry, without reading contents.
    /// Throws only when the zip file itself cannot be read.
    public static ZipCheck check(Path zip, String modPath, String version) throws IOException {
        long size = Files.size(zip);
        String versionError = checkModuleVersion(modPath, version);
        if (versionError != null) {
            return new ZipCheck(new CheckedFiles(List.of(), List.of(), List.of(), null), versionError);
        }
        if (size > MAX_ZIP_FILE) {
            return tooLarge(size);
        }
        try (GoZip z = GoZip.open(zip)) {
            CheckedFiles cf = checkEntries(z, modPath, version);
            return new ZipCheck(cf, cf.error().orElse(null));
        } catch (GoZip.BadZipException e) {
            return new ZipCheck(new CheckedFiles(List.of(), List.of(), List.of(), null), e.getMessage());
        }
    }

    private static ZipCheck tooLarge(long size) {
        String msg = "module zip file is too large (" + size + " bytes; limit is " + MAX_ZIP_FILE + " bytes)";
        return new ZipCheck(new CheckedFiles(List.of(), List.of(), List.of(), msg), msg);
    }

    private static String checkModuleVersion(String modPath, String version) {
        String canonical = ModulePath.canonicalVersion(version);
        if (!canonical.equals(version)) {
            return "version " + GoStrings.quote(version) + " is not canonical (should be "
                    + GoStrings.quote(canonical) + ")";
        }
        try {
            ModulePath.check(modPath, version);
        } catch (InvalidModuleException e) {
            return e.getMessage();
        }
        return null;
    }

    private static CheckedFiles checkEntries(GoZip z, String modPath, String version) {
        String prefix = modPath + "@" + version + "/";
        List<String> valid = new ArrayList<>();
        List<FileError> invalid = new ArrayList<>();
        String sizeError = null;
        CollisionChecker collisions = new CollisionChecker();
        long total = 0;
        for (ZipEntry zf : z.entries()) {
            String entryName = zf.getName();
            if (!entryName.startsWith(prefix)) {
                invalid.add(new FileError(entryName, "path does not have prefix " + GoStrings.quote(prefix)));
                continue;
            }
            String name = entryName.substring(prefix.length());
            if (name.isEmpty()) {
                continue;
            }
            boolean isDir = name.endsWith("/");
            if (isDir) {
                name = name.substring(0, name.length() - 1);
            }
            if (!GoStrings.cleanPath(name).equals(name)) {
                invalid.add(new FileError(entryName, ERR_PATH_NOT_CLEAN));
                continue;
            }
            String err = checkFilePath(name);
            if (err == null) {
                err = collisions.check(name, isDir);
            }
            if (err != null) {
                invalid.add(new FileError(entryName, err));
                continue;
            }
            if (isDir) {
                continue;
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (GoStrings.equalFold(base, "go.mod")) {
                if (!base.equals(name)) {
                    invalid.add(new FileError(entryName, "go.mod file not in module root directory"));
                    continue;
                }
                if (!name.equals("go.mod")) {
                    invalid.add(new FileError(entryName, ERR_GO_MOD_CASE));
                    continue;
                }
            }
            long sz = zf.getSize();
            if (sz >= 0 && MAX_ZIP_FILE - total >= sz) {
                total += sz;
            } else if (sizeError == null) {
                sizeError = "total uncompressed size of module contents too large (max size is " + MAX_ZIP_FILE + " bytes)";
            }
            if (name.equals("go.mod") && sz > MAX_GO_MOD) {
                invalid.add(new FileError(entryName, ERR_GO_MOD_SIZE));
                continue;
            }
            if (name.equals("LICENSE") && sz > MAX_LICENSE) {
                invalid.add(new FileError(entryName, ERR_LICENSE_SIZE));
                continue;
            }
            valid.add(entryName);
        }
        return new CheckedFiles(valid, List.of(), invalid, sizeError);
    }

    private static String checkFilePath(String name) {
        try {
            ModulePath.checkFilePath(name);
            return null;
        } catch (InvalidModuleException e) {
            return e.getMessage();
        }
    }

    // ---------------------------------------------------------------- Unzip

    /// `zip.Unzip` as cmd/go uses it: the target directory must be absent or empty; every name,
    /// collision and size check passes before anything is written; contents are checked against
    /// their declared sizes and CRCs while being copied; files are created read-only (0444).
    /// If anything fails, what was written is removed again, leaving the target as it was.
    public static void unzip(Path zip, Path targetDir, String modPath, String version) throws ModuleZipException {
        String where = "unzip " + zip;
        if (isNonEmptyDirectory(targetDir)) {
            throw new ModuleZipException(where, "target directory " + targetDir + " exists and is not empty", null);
        }
        long size;
        try {
            size = Files.size(zip);
        } catch (IOException e) {
            throw new ModuleZipException(where, goMessage("open", zip, e), e);
        }
        String versionError = checkModuleVersion(modPath, version);
        if (versionError != null) {
            throw new ModuleZipException(where, versionError, null);
        }
        if (size > MAX_ZIP_FILE) {
            throw new ModuleZipException(where, tooLarge(size).error(), null);
        }
        try (GoZip z = GoZip.open(zip)) {
            CheckedFiles cf = checkEntries(z, modPath, version);
            if (cf.error().isPresent()) {
                throw new ModuleZipException(where, cf.error().get(), null);
            }
            extract(z, targetDir, modPath + "@" + version + "/", where);
        } catch (GoZip.BadZipException e) {
            throw new ModuleZipException(where, e.getMessage(), e);
        } catch (ModuleZipException e) {
            throw e;
        } catch (IOException e) {
            throw new ModuleZipException(where, goMessage("open", zip, e), e);
        }
    }

    private static boolean isNonEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.findAny().isPresent();
        } catch (IOException e) {
            // Go ignores a directory it cannot read here; creating files in it fails later instead.
            return false;
        }
    }

    private static void extract(GoZip z, Path targetDir, String prefix, String where) throws ModuleZipException {
        Path createdTop = topmostMissing(targetDir.toAbsolutePath().normalize());
        try {
            try {
                Files.createDirectories(targetDir);
            } catch (FileAlreadyExistsException e) {
                throw new ModuleZipException(where, "mkdir " + targetDir + ": not a directory", e);
            } catch (IOException e) {
                throw new ModuleZipException(where, goMessage("mkdir", targetDir, e), e);
            }
            for (ZipEntry zf : z.entries()) {
                String name = zf.getName().substring(prefix.length());
                if (name.isEmpty() || name.endsWith("/")) {
                    continue;
                }
                Path dst = targetDir.resolve(name);
                try {
                    Files.createDirectories(dst.getParent());
                } catch (IOException e) {
                    throw new ModuleZipException(where, goMessage("mkdir", dst.getParent(), e), e);
                }
                try (OutputStream out = createReadOnly(dst)) {
                    try (InputStream in = z.open(zf)) {
                        in.transferTo(out);
                    }
                } catch (GoZip.BadZipException e) {
                    throw new ModuleZipException(where, e.getMessage(), e);
                } catch (IOException e) {
                    throw new ModuleZipException(where, goMessage("open", dst, e), e);
                }
            }
        } catch (ModuleZipException | RuntimeException e) {
            removeWritten(targetDir, createdTop);
            throw e;
        }
    }

    private static final FileAttribute<?>[] READ_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--"))}
                    : new FileAttribute<?>[0];

    /// `os.OpenFile(dst, O_WRONLY|O_CREATE|O_EXCL, 0444)`: a new file that is read-only but open for writing.
    private static OutputStream createReadOnly(Path dst) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(dst,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), READ_ONLY));
    }

    /// The highest ancestor of dir (or dir itself) that does not exist yet, or null if dir exists.
    private static Path topmostMissing(Path dir) {
        Path top = null;
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            top = p;
        }
        return top;
    }

    private static void removeWritten(Path targetDir, Path createdTop) {
        try {
            if (createdTop != null) {
                deleteTree(createdTop);
            } else if (Files.isDirectory(targetDir)) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(targetDir)) {
                    for (Path child : children) {
                        deleteTree(child);
                    }
                }
            }
        } catch (IOException ignored) {
            // Best effort, like cmd/go's RemoveAll after a failed unzip.
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path child : children) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /// The shape of Go's `*fs.PathError` text for the common cases.
    private static String goMessage(String op, Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return op + " " + path + ": no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return op + " " + path + ": file exists";
        }
        if (e instanceof AccessDeniedException) {
            return op + " " + path + ": permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return op + " " + path + ": not a directory";
        }
        return op + " " + path + ": " + e.getMessage();
    }

    // ---------------------------------------------------------------- file selection

    /// `zip.CheckDir` over a listing of a module source tree (every directory, file and link below the
    /// module root, relative slash paths): what `CreateFromDir` would put into the zip. Skips version
    /// control directories, nested modules, vendored packages, `.hg_archival.txt`, links and other
    /// irregular files; reports bad names and sizes as invalid. `goVersion` is the `go` line of the root
    /// go.mod (null or "" if there is none); Go 1.24 changed the vendor rule.
    public static CheckedFiles selectFiles(Collection<TreeEntry> tree, String goVersion) {
        boolean go124 = isGo124(goVersion);
        Map<String, TreeEntry> byPath = new HashMap<>();
        for (TreeEntry e : tree) {
            byPath.put(e.path(), e);
        }
        List<TreeEntry> sorted = new ArrayList<>(tree);
        sorted.sort(WALK_ORDER);
        List<FileError> walkOmitted = new ArrayList<>();
        List<TreeEntry> files = new ArrayList<>();
        String skipped = null;
        for (TreeEntry e : sorted) {
            String p = e.path();
            if (skipped != null && p.startsWith(skipped)) {
                continue;
            }
            skipped = null;
            if (isVendoredPackage(p, go124)) {
                walkOmitted.add(new FileError(p, ERR_VENDORED));
                continue;
            }
            if (e.kind() == TreeEntry.Kind.DIRECTORY) {
                String base = p.substring(p.lastIndexOf('/') + 1);
                if (Set.of(".bzr", ".git", ".hg", ".svn").contains(base)) {
                    walkOmitted.add(new FileError(p, ERR_VCS));
                    skipped = p + "/";
                    continue;
                }
                TreeEntry goMod = byPath.get(p + "/go.mod");
                if (goMod != null && goMod.kind() != TreeEntry.Kind.DIRECTORY) {
                    walkOmitted.add(new FileError(p, ERR_SUBMODULE_DIR));
                    skipped = p + "/";
                }
                continue;
            }
            if (e.kind() != TreeEntry.Kind.REGULAR) {
                walkOmitted.add(new FileError(p, ERR_NOT_REGULAR));
                continue;
            }
            files.add(e);
        }
        CheckedFiles cf = checkFiles(files, goVersion);
        List<FileError> omitted = new ArrayList<>(cf.omitted());
        omitted.addAll(walkOmitted);
        return new CheckedFiles(cf.valid(), omitted, cf.invalid(), cf.sizeError());
    }

    /// `zip.CheckFiles` over a plain list of files (as `zip.Create` receives them, e.g. from
    /// `git archive`): the same rules as {@link #selectFiles} minus the directory walk.
    public static CheckedFiles checkFiles(List<TreeEntry> files, String goVersion) {
        boolean go124 = isGo124(goVersion);
        List<String> valid = new ArrayList<>();
        List<FileError> omitted = new ArrayList<>();
        List<FileError> invalid = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Set<String> goModDirs = new HashSet<>();
        for (TreeEntry f : files) {
            String p = f.path();
            int slash = p.lastIndexOf('/');
            if (GoStrings.equalFold(p.substring(slash + 1), "go.mod") && f.kind() == TreeEntry.Kind.REGULAR) {
                goModDirs.add(p.substring(0, slash + 1));
            }
        }
        CollisionChecker collisions = new CollisionChecker();
        long budget = MAX_ZIP_FILE;
        String sizeError = null;
        for (TreeEntry f : files) {
            String p = f.path();
            String invalidReason = null;
            String omittedReason = null;
            if (!p.equals(GoStrings.cleanPath(p))) {
                invalidReason = ERR_PATH_NOT_CLEAN;
            } else if (p.startsWith("/")) {
                invalidReason = ERR_PATH_NOT_RELATIVE;
            } else if (isVendoredPackage(p, go124)) {
                omittedReason = ERR_VENDORED;
            } else if (inSubmodule(p, goModDirs)) {
                omittedReason = ERR_SUBMODULE_FILE;
            } else if (p.equals(".hg_archival.txt")) {
                omittedReason = ERR_HG_ARCHIVAL;
            } else if ((invalidReason = checkFilePath(p)) != null) {
                // invalid name
            } else if (GoStrings.toLower(p).equals("go.mod") && !p.equals("go.mod")) {
                invalidReason = ERR_GO_MOD_CASE;
            } else if ((invalidReason = collisions.check(p, f.kind() == TreeEntry.Kind.DIRECTORY)) != null) {
                // collision
            } else if (f.kind() == TreeEntry.Kind.SYMLINK) {
                omittedReason = ERR_SYMLINK;
            } else if (f.kind() != TreeEntry.Kind.REGULAR) {
                omittedReason = ERR_NOT_REGULAR;
            } else {
                long size = f.size();
                if (size >= 0 && size <= budget) {
                    budget -= size;
                } else if (sizeError == null) {
                    sizeError = "module source tree too large (max size is " + MAX_ZIP_FILE + " bytes)";
                }
                if (p.equals("go.mod") && size > MAX_GO_MOD) {
                    invalidReason = ERR_GO_MOD_SIZE;
                } else if (p.equals("LICENSE") && size > MAX_LICENSE) {
                    invalidReason = ERR_LICENSE_SIZE;
                }
            }
            if (invalidReason == null && omittedReason == null) {
                valid.add(p);
            } else if (reported.add(p)) {
                if (invalidReason != null) {
                    invalid.add(new FileError(p, invalidReason));
                } else {
                    omitted.add(new FileError(p, omittedReason));
                }
            }
        }
        return new CheckedFiles(valid, omitted, invalid, sizeError);
    }

    /// Lists a directory tree for {@link #selectFiles} the way `filepath.Walk` sees it (links not followed).
    public static List<TreeEntry> listTree(Path root) throws IOException {
        List<TreeEntry> out = new ArrayList<>();
        listTree(root, "", out);
        return out;
    }

    private static void listTree(Path dir, String rel, List<TreeEntry> out) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            String p = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
            BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                out.add(TreeEntry.directory(p));
                listTree(child, p, out);
            } else if (a.isSymbolicLink()) {
                out.add(new TreeEntry(p, TreeEntry.Kind.SYMLINK, a.size()));
            } else if (a.isRegularFile()) {
                out.add(TreeEntry.file(p, a.size()));
            } else {
                out.add(new TreeEntry(p, TreeEntry.Kind.OTHER, a.size()));
            }
        }
    }

    private static boolean isGo124(String goVersion) {
        if (goVersion == null || goVersion.isEmpty() || !GoVersion.isValid(goVersion)) {
            return false;
        }
        return GoVersion.compare(GoVersion.lang(goVersion), "1.24") >= 0;
    }

    /// x/mod/zip's `isVendoredPackage`: inside a vendor directory and below a package directory there.
    /// Before Go 1.24 the offset after a nested `/vendor/` was computed wrongly (golang.org/issue/37397),
    /// which made every `x/vendor/...` file count as vendored; modules declaring go 1.24+ get the fix
    /// and also drop `vendor/modules.txt`.
    static boolean isVendoredPackage(String name, boolean go124) {
        if (go124 && name.equals("vendor/modules.txt")) {
            return true;
        }
        int i;
        if (name.startsWith("vendor/")) {
            i = "vendor/".length();
        } else {
            int j = name.indexOf("/vendor/");
            if (j < 0) {
                return false;
            }
            i = go124 ? j + "/vendor/".length() : "/vendor/".length();
        }
        return name.indexOf('/', i) >= 0;
    }

    private static boolean inSubmodule(String p, Set<String> goModDirs) {
        for (int slash = p.lastIndexOf('/'); slash >= 0; slash = p.lastIndexOf('/', slash - 1)) {
            if (goModDirs.contains(p.substring(0, slash + 1))) {
                return true;
            }
            if (slash == 0) {
                break;
            }
        }
        return false;
    }

    /// `filepath.Walk` order: depth first, the names within a directory in byte order.
    private static final Comparator<TreeEntry> WALK_ORDER = (a, b) -> {
        String[] x = a.path().split("/", -1);
        String[] y = b.path().split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = dev.gofetch.module.GoStrings.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    /// x/mod/zip's `collisionChecker`: case-folded names, each parent directory registered as a
    /// directory, so that no two names fold together and no name is both a file and a directory.
    private static final class CollisionChecker {
        private record Seen(String path, boolean isDir) {}

        private final Map<String, Seen> seen = new HashMap<>();

        String check(String p, boolean isDir) {
            while (true) {
                String fold = GoStrings.fold(p);
                Seen other = seen.get(fold);
                if (other != null) {
                    if (!p.equals(other.path())) {
                        return "case-insensitive file name collision: " + GoStrings.quote(other.path())
                                + " and " + GoStrings.quote(p);
                    }
                    if (isDir != other.isDir()) {
                        return "entry " + GoStrings.quote(p) + " is both a file and a directory";
                    }
                    if (!isDir) {
                        return "multiple entries for file " + GoStrings.quote(p);
                    }
                } else {
                    seen.put(fold, new Seen(p, isDir));
                }
                int slash = p.lastIndexOf('/');
                if (slash < 0) {
                    return null;
                }
                p = GoStrings.cleanPath(p.substring(0, slash));
                if (p.equals(".")) {
                    return null;
                }
                isDir = true;
            }
        }
    }
}

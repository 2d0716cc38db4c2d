package dev.gofetch.lab;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/// Converts the go command's own test modules (`$GOROOT/src/cmd/go/testdata/mod/*.txt`, one txtar
/// file per module version) into a {@link ProxyTree}, serving what cmd/go's test proxy serves:
///
/// - file name `<escaped path, / as _>_<escaped version>.txt`, split at the last `_v`; names that do
///   not unescape are skipped (the test proxy skips them too);
/// - section `.info` → `.info` and `.mod` → `.mod`, byte for byte (absent sections stay absent);
/// - every other section → a zip entry `path@version/<name>`, or `<name>` verbatim when the section
///   name starts with `/` (to build deliberately malformed zips);
/// - `list` → versions that are not pseudo-versions and pass `module.Check` (ProxyTree's rule).
///
/// The converted tree is built at test time and never committed: the fixtures are edited copies of
/// real modules, so their hashes differ from the real ones.
public final class GoTestdataTree {
    private GoTestdataTree() {}

    /// `$GOROOT/src/cmd/go/testdata/mod`.
    public static Path fixtureDir(Path goroot) {
        return goroot.resolve("src/cmd/go/testdata/mod");
    }

    /// Converts every fixture in `fixtureDir` into `tree` and returns the module versions written,
    /// in file-name order.
    public static List<ModuleVersion> convert(Path fixtureDir, ProxyTree tree) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(fixtureDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        List<ProxyTree.Release> releases = new ArrayList<>();
        List<ModuleVersion> converted = new ArrayList<>();
        for (Path f : files) {
            ModuleVersion mv = moduleVersionOf(f.getFileName().toString());
            if (mv == null) {
                continue;
            }
            releases.add(release(mv, Txtar.parse(Files.readAllBytes(f))));
            converted.add(mv);
        }
        tree.addAll(releases);
        return converted;
    }

    /// The module version a fixture file name stands for, or null if it names none.
    static ModuleVersion moduleVersionOf(String fileName) {
        if (!fileName.endsWith(".txt")) {
            return null;
        }
        String name = fileName.substring(0, fileName.length() - ".txt".length());
        int i = name.lastIndexOf("_v");
        if (i < 0) {
            return null;
        }
        try {
            String path = ModulePath.unescapePath(name.substring(0, i).replace('_', '/'));
            String version = ModulePath.unescapeVersion(name.substring(i + 1));
            return ModuleVersion.of(path, version);
        } catch (InvalidModuleException e) {
            return null;
        }
    }

    private static ProxyTree.Release release(ModuleVersion mv, Txtar archive) {
        byte[] info = null;
        byte[] mod = null;
        List<ProxyTree.Entry> zip = new ArrayList<>();
        for (Txtar.File f : archive.files()) {
            switch (f.name()) {
                // the test proxy serves the first section of a name
                case ".info" -> info = info == null ? f.data() : info;
                case ".mod" -> mod = mod == null ? f.data() : mod;
                case ".zip" -> { }
                default -> zip.add(f.name().startsWith("/")
                        ? ProxyTree.Entry.verbatim(f.name().substring(1), Content.of(f.data()))
                        : ProxyTree.Entry.file(f.name(), Content.of(f.data())));
            }
        }
        return new ProxyTree.Release(mv.path(), mv.version(), info, mod, zip);
    }
}

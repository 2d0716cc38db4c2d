package dev.gofetch.bundle;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;

/// The names inside a bundle archive:
///
/// ```
/// SHA256SUMS                                  sha256sum -c format, every other file
/// go.sum                                      go.sum lines for every .mod and .zip
/// manifest.json                               what the bundle holds (see Manifest)
/// proxy/<escaped path>/@v/list                a GOPROXY tree: GOPROXY=file://<unpacked>/proxy
/// proxy/<escaped path>/@v/<escaped version>.info|.mod|.zip
/// proxy/sumdb/<name>/...                      reserved for checksum-database data
/// sources/<n>/go.mod, sources/<n>/go.sum      the main modules the bundle was made from
/// ```
///
/// Nothing at the top level can be mistaken for a module path inside `proxy/`, and `sumdb` is not a
/// valid module path, which is why the go command's own cache keeps checksum data there too.
final class Layout {
    static final String SUMS = "SHA256SUMS";
    static final String MANIFEST = "manifest.json";
    static final String GO_SUM = "go.sum";
    static final String PROXY = "proxy/";
    static final String SUMDB = "proxy/sumdb/";
    static final String SOURCES = "sources/";

    private Layout() {}

    /// The kinds of per-version files.
    enum Ext { INFO, MOD, ZIP;
        String suffix() {
            return "." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static String versionFile(ModuleVersion mv, Ext ext) {
        return PROXY + ModulePath.escapePath(mv.path()) + "/@v/" + ModulePath.escapeVersion(mv.version()) + ext.suffix();
    }

    static String listFile(String modulePath) {
        return PROXY + ModulePath.escapePath(modulePath) + "/@v/list";
    }

    static String sourceFile(int index, String fileName) {
        return SOURCES + index + "/" + fileName;
    }

    /// A per-version file name taken apart, or null if the name is not one.
    record VersionFile(ModuleVersion module, Ext ext) {}

    static VersionFile parseVersionFile(String name) {
        if (!name.startsWith(PROXY)) {
            return null;
        }
        int at = name.lastIndexOf("/@v/");
        if (at < 0) {
            return null;
        }
        String file = name.substring(at + 4);
        for (Ext ext : Ext.values()) {
            if (file.endsWith(ext.suffix()) && file.indexOf('/') < 0) {
                try {
                    String path = ModulePath.unescapePath(name.substring(PROXY.length(), at));
                    String version = ModulePath.unescapeVersion(file.substring(0, file.length() - ext.suffix().length()));
                    return new VersionFile(new ModuleVersion(path, version), ext);
                } catch (InvalidModuleException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /// An entry name with a leading `./` removed (archives packed by hand with `tar -C dir .` have it),
    /// and a trailing `/` of a directory.
    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /// Why an entry name is unsafe to unpack (it could land outside the directory it is unpacked in),
    /// or null if it is safe. Expects a {@link #normalize normalized} name.
    static String unsafe(String name) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        if (name.startsWith("/")) {
            return "is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "is an absolute path";
        }
        if (name.indexOf('\\') >= 0) {
            return "has a backslash in its name";
        }
        if (name.indexOf('\0') >= 0) {
            return "has a NUL byte in its name";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "escapes the bundle (a \"..\" element)";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or \".\" path element";
            }
        }
        return null;
    }
}

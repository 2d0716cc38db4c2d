package dev.gofetch.module;

/// Module paths, import paths and file paths as `golang.org/x/mod/module` checks and escapes them.
/// Every failing check throws {@link InvalidModuleException} whose message is the go command's text.
public final class ModulePath {
    private ModulePath() {}

    /// `module.CheckPath`: throws with e.g. `malformed module path "x": missing dot in first path element`.
    public static void checkPath(String path) { throw new UnsupportedOperationException("TODO"); }

    /// `module.CheckImportPath`.
    public static void checkImportPath(String path) { throw new UnsupportedOperationException("TODO"); }

    /// `module.CheckFilePath` (file names inside module zips).
    public static void checkFilePath(String path) { throw new UnsupportedOperationException("TODO"); }

    /// `module.Check(path, version)`: valid path, canonical version, major version consistent with the path.
    public static void check(String path, String version) { throw new UnsupportedOperationException("TODO"); }

    /// `module.CheckPathMajor(version, pathMajor)`.
    public static void checkPathMajor(String version, String pathMajor) { throw new UnsupportedOperationException("TODO"); }

    /// `module.MatchPathMajor`.
    public static boolean matchPathMajor(String version, String pathMajor) { throw new UnsupportedOperationException("TODO"); }

    /// `module.SplitPathVersion`: `{prefix, pathMajor}` (pathMajor like `/v2` or `.v2`, or ""), or null when not ok.
    public static String[] splitPathVersion(String path) { throw new UnsupportedOperationException("TODO"); }

    /// `module.CanonicalVersion`: semver canonical form, keeping a `+incompatible` suffix.
    public static String canonicalVersion(String version) { throw new UnsupportedOperationException("TODO"); }

    /// `module.EscapePath`: `!x` for each upper-case letter; validates first.
    public static String escapePath(String path) { throw new UnsupportedOperationException("TODO"); }

    public static String unescapePath(String escaped) { throw new UnsupportedOperationException("TODO"); }

    public static String escapeVersion(String version) { throw new UnsupportedOperationException("TODO"); }

    public static String unescapeVersion(String escaped) { throw new UnsupportedOperationException("TODO"); }

    /// `module.MatchPrefixPatterns`: GOPRIVATE-style comma-separated globs matched against path-element prefixes
    /// with Go's `path.Match`.
    public static boolean matchPrefixPatterns(String globs, String target) { throw new UnsupportedOperationException("TODO"); }
}

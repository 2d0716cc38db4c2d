package dev.gofetch.module;

import java.util.List;

/// Module paths, import paths and file paths as `golang.org/x/mod/module` checks and escapes them.
/// Every failing check throws {@link InvalidModuleException} whose message is the go command's text.
public final class ModulePath {
    private ModulePath() {}

    private enum Kind {
        MODULE("module"), IMPORT("import"), FILE("file");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    private static final List<String> BAD_WINDOWS_NAMES = List.of(
            "CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    /// `module.CheckPath`: throws with e.g. `malformed module path "x": missing dot in first path element`.
    public static void checkPath(String path) {
        String problem = modulePathProblem(path);
        if (problem != null) {
            throw new InvalidModuleException(invalidPath(Kind.MODULE, path, problem));
        }
    }

    /// `module.CheckImportPath`.
    public static void checkImportPath(String path) {
        String problem = pathProblem(path, Kind.IMPORT);
        if (problem != null) {
            throw new InvalidModuleException(invalidPath(Kind.IMPORT, path, problem));
        }
    }

    /// `module.CheckFilePath` (file names inside module zips).
    public static void checkFilePath(String path) {
        String problem = pathProblem(path, Kind.FILE);
        if (problem != null) {
            throw new InvalidModuleException(invalidPath(Kind.FILE, path, problem));
        }
    }

    /// `module.Check(path, version)`: valid path, canonical version, major version consistent with the path.
    public static void check(String path, String version) {
        checkPath(path);
        if (!Semver.isValid(version)) {
            throw new InvalidModuleException(
                    moduleVersionError(path, version, false, "not a semantic version"));
        }
        String problem = pathMajorProblem(version, splitPathVersion(path)[1]);
        if (problem != null) {
            throw new InvalidModuleException(moduleVersionError(path, version, false, problem));
        }
    }

    /// `module.CheckPathMajor(version, pathMajor)`.
    public static void checkPathMajor(String version, String pathMajor) {
        String problem = pathMajorProblem(version, pathMajor);
        if (problem != null) {
            throw new InvalidModuleException(invalidVersion(version, false, problem));
        }
    }

    /// `module.MatchPathMajor`.
    public static boolean matchPathMajor(String version, String pathMajor) {
        return pathMajorProblem(version, pathMajor) == null;
    }

    /// `module.SplitPathVersion`: `{prefix, pathMajor}` (pathMajor like `/v2` or `.v2`, or ""), or null when not ok.
    /// (Go also returns the unsplit path when not ok; callers wanting that use `{path, ""}`.)
    public static String[] splitPathVersion(String path) {
        if (path.startsWith("gopkg.in/")) {
            return splitGopkgIn(path);
        }
        int i = path.length();
        boolean dot = false;
        while (i > 0 && (isDigit(path.charAt(i - 1)) || path.charAt(i - 1) == '.')) {
            if (path.charAt(i - 1) == '.') {
                dot = true;
            }
            i--;
        }
        if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
            return new String[] {path, ""};
        }
        String pathMajor = path.substring(i - 2);
        if (dot || pathMajor.length() <= 2 || pathMajor.charAt(2) == '0' || pathMajor.equals("/v1")) {
            return null;
        }
        return new String[] {path.substring(0, i - 2), pathMajor};
    }

    /// `module.CanonicalVersion`: semver canonical form, keeping a `+incompatible` suffix.
    public static String canonicalVersion(String version) {
        String canonical = Semver.canonical(version);
        if (Semver.build(version).equals("+incompatible")) {
            canonical += "+incompatible";
        }
        return canonical;
    }

    /// `module.EscapePath`: `!x` for each upper-case letter; validates first.
    public static String escapePath(String path) {
        checkPath(path);
        return escapeString(path);
    }

    /// `module.UnescapePath`: the module path of an escaped one; throws if the escaping or the path is invalid.
    public static String unescapePath(String escaped) {
        String path = unescapeString(escaped);
        if (path == null) {
            throw new InvalidModuleException("invalid escaped module path " + GoStrings.quote(escaped));
        }
        String problem = modulePathProblem(path);
        if (problem != null) {
            throw new InvalidModuleException("invalid escaped module path " + GoStrings.quote(escaped) + ": "
                    + invalidPath(Kind.MODULE, path, problem));
        }
        return path;
    }

    /// `module.EscapeVersion`: versions need not be semver but must be valid file names without `!`.
    public static String escapeVersion(String version) {
        if (elementProblem(version, Kind.FILE) != null || version.indexOf('!') >= 0) {
            throw new InvalidModuleException(invalidVersion(version, false, "disallowed version string"));
        }
        return escapeString(version);
    }

    /// `module.UnescapeVersion`.
    public static String unescapeVersion(String escaped) {
        String version = unescapeString(escaped);
        if (version == null) {
            throw new InvalidModuleException("invalid escaped version " + GoStrings.quote(escaped));
        }
        String problem = elementProblem(version, Kind.FILE);
        if (problem != null) {
            // Go quotes the unescaped version here, unlike in UnescapePath.
            throw new InvalidModuleException("invalid escaped version " + GoStrings.quote(version) + ": " + problem);
        }
        return version;
    }

    /// `module.MatchPrefixPatterns`: GOPRIVATE-style comma-separated globs matched against path-element prefixes
    /// with Go's `path.Match`.
    public static boolean matchPrefixPatterns(String globs, String target) {
        for (String glob : globs.split(",", -1)) {
            if (glob.endsWith("/")) {
                glob = glob.substring(0, glob.length() - 1);
            }
            if (glob.isEmpty()) {
                continue;
            }
            // A glob with n slashes is matched against the target's first n+1 path elements.
            int n = (int) glob.chars().filter(c -> c == '/').count();
            String prefix = target;
            for (int i = 0; i < target.length(); i++) {
                if (target.charAt(i) == '/') {
                    if (n == 0) {
                        prefix = target.substring(0, i);
                        break;
                    }
                    n--;
                }
            }
            if (n > 0) {
                continue;
            }
            if (GlobMatch.matches(glob, prefix)) {
                return true;
            }
        }
        return false;
    }

    // ---- messages (module.InvalidPathError, InvalidVersionError, ModuleError) ----

    private static String invalidPath(Kind kind, String path, String problem) {
        return "malformed " + kind.noun + " path " + GoStrings.quote(path) + ": " + problem;
    }

    static String invalidVersion(String version, boolean pseudo, String problem) {
        return (pseudo ? "pseudo-version " : "version ") + GoStrings.quote(version) + " invalid: " + problem;
    }

    /// A ModuleError wrapping an InvalidVersionError.
    private static String moduleVersionError(String path, String version, boolean pseudo, String problem) {
        return path + "@" + version + ": invalid " + (pseudo ? "pseudo-version" : "version") + ": " + problem;
    }

    // ---- checks; each returns the problem text or null ----

    private static String modulePathProblem(String path) {
        String problem = pathProblem(path, Kind.MODULE);
        if (problem != null) {
            return problem;
        }
        int i = path.indexOf('/');
        if (i < 0) {
            i = path.length();
        }
        if (i == 0) {
            return "leading slash";
        }
        String first = path.substring(0, i);
        if (first.indexOf('.') < 0) {
            return "missing dot in first path element";
        }
        if (path.charAt(0) == '-') {
            return "leading dash in first path element";
        }
        for (int k = 0; k < first.length(); ) {
            int r = first.codePointAt(k);
            if (!(r == '-' || r == '.' || isDigit(r) || r >= 'a' && r <= 'z')) {
                return "invalid char " + GoStrings.quoteRune(r) + " in first path element";
            }
            k += Character.charCount(r);
        }
        if (splitPathVersion(path) == null) {
            return "invalid version";
        }
        return null;
    }

    private static String pathProblem(String path, Kind kind) {
        if (!GoStrings.isValidUnicode(path)) {
            return "invalid UTF-8";
        }
        if (path.isEmpty()) {
            return "empty string";
        }
        if (path.charAt(0) == '-' && kind != Kind.FILE) {
            return "leading dash";
        }
        if (path.contains("//")) {
            return "double slash";
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "trailing slash";
        }
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String problem = elementProblem(path.substring(start, i), kind);
                if (problem != null) {
                    return problem;
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static String elementProblem(String elem, Kind kind) {
        if (elem.isEmpty()) {
            return "empty path element";
        }
        if (elem.chars().allMatch(c -> c == '.')) {
            return "invalid path element " + GoStrings.quote(elem);
        }
        if (elem.charAt(0) == '.' && kind == Kind.MODULE) {
            return "leading dot in path element";
        }
        if (elem.charAt(elem.length() - 1) == '.') {
            return "trailing dot in path element";
        }
        for (int i = 0; i < elem.length(); ) {
            int r = elem.codePointAt(i);
            boolean ok = switch (kind) {
                case MODULE -> modPathOK(r);
                case IMPORT -> modPathOK(r) || r == '+';
                case FILE -> fileNameOK(r);
            };
            if (!ok) {
                return "invalid char " + GoStrings.quoteRune(r);
            }
            i += Character.charCount(r);
        }
        String shortName = elem;
        int dot = shortName.indexOf('.');
        if (dot >= 0) {
            shortName = shortName.substring(0, dot);
        }
        for (String bad : BAD_WINDOWS_NAMES) {
            // Every character that case-folds to a letter of these names is ASCII, so an
            // ASCII-only comparison is exactly strings.EqualFold here.
            if (equalsIgnoreAsciiCase(bad, shortName)) {
                return GoStrings.quote(shortName) + " disallowed as path element component on Windows";
            }
        }
        if (kind == Kind.FILE) {
            return null; // Windows short names only matter for import paths
        }
        int tilde = shortName.lastIndexOf('~');
        if (tilde >= 0 && tilde < shortName.length() - 1
                && shortName.substring(tilde + 1).chars().allMatch(ModulePath::isDigit)) {
            return "trailing tilde and digits in path element";
        }
        return null;
    }

    private static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x >= 0x80 || y >= 0x80 || Character.toLowerCase(x) != Character.toLowerCase(y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean modPathOK(int r) {
        return r == '-' || r == '.' || r == '_' || r == '~' || isDigit(r)
                || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z';
    }

    private static boolean fileNameOK(int r) {
        if (r < 0x80) {
            return isDigit(r) || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
                    || "!#$%&()+,-.=@[]^_{}~ ".indexOf(r) >= 0;
        }
        return UnicodeTables.isLetter(r);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String pathMajorProblem(String version, String pathMajor) {
        if (pathMajor.startsWith(".v") && pathMajor.endsWith("-unstable")) {
            pathMajor = pathMajor.substring(0, pathMajor.length() - "-unstable".length());
        }
        if (version.startsWith("v0.0.0-") && pathMajor.equals(".v1")) {
            // Early vgo generated v0.0.0- pseudo-versions for gopkg.in .v1 paths; they stay accepted.
            return null;
        }
        String major = Semver.major(version);
        if (pathMajor.isEmpty()) {
            if (major.equals("v0") || major.equals("v1") || Semver.build(version).equals("+incompatible")) {
                return null;
            }
            pathMajor = "v0 or v1";
        } else if (pathMajor.charAt(0) == '/' || pathMajor.charAt(0) == '.') {
            if (major.equals(pathMajor.substring(1))) {
                return null;
            }
            pathMajor = pathMajor.substring(1);
        }
        return "should be " + pathMajor + ", not " + major;
    }

    private static String[] splitGopkgIn(String path) {
        int i = path.length();
        if (path.endsWith("-unstable")) {
            i -= "-unstable".length();
        }
        while (i > 0 && isDigit(path.charAt(i - 1))) {
            i--;
        }
        if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
            return null; // every gopkg.in path ends in .vN
        }
        String pathMajor = path.substring(i - 2);
        if (pathMajor.length() <= 2 || pathMajor.charAt(2) == '0' && !pathMajor.equals(".v0")) {
            return null;
        }
        return new String[] {path.substring(0, i - 2), pathMajor};
    }

    // ---- escaping ----

    private static String escapeString(String s) {
        boolean haveUpper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '!' || c >= 0x80) {
                // Excluded by the callers' checks; the escaping below relies on it.
                throw new InvalidModuleException("internal error: inconsistency in EscapePath");
            }
            haveUpper |= c >= 'A' && c <= 'Z';
        }
        if (!haveUpper) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                b.append('!').append((char) (c + 'a' - 'A'));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /// The unescaped string, or null when the escaping is malformed.
    private static String unescapeString(String escaped) {
        StringBuilder b = new StringBuilder(escaped.length());
        boolean bang = false;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (bang) {
                bang = false;
                if (c < 'a' || c > 'z') {
                    return null;
                }
                b.append((char) (c + 'A' - 'a'));
                continue;
            }
            if (c == '!') {
                bang = true;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                return null;
            }
            b.append(c);
        }
        return bang ? null : b.toString();
    }
}

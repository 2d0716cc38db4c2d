package dev.gofetch.module;

import java.util.List;

/// A parsed go.mod file (the parts of `golang.org/x/mod/modfile.File` gofetch uses).
///
/// @param modulePath  the `module` path, or "" when the file has no module line
/// @param deprecated  the `// Deprecated:` message on the module line, or ""
/// @param goVersion   the `go` line, or "" when absent
/// @param toolchain   the `toolchain` name (e.g. `go1.21.3`), or ""
/// @param ignores     the `ignore` directory paths
/// @param tools       the `tool` package paths
public record GoMod(
        String fileName,
        String modulePath,
        String deprecated,
        String goVersion,
        String toolchain,
        List<Godebug> godebugs,
        List<Require> requires,
        List<Exclude> excludes,
        List<Replace> replaces,
        List<Retract> retracts,
        List<String> ignores,
        List<String> tools) {

    public GoMod {
        godebugs = List.copyOf(godebugs);
        requires = List.copyOf(requires);
        excludes = List.copyOf(excludes);
        replaces = List.copyOf(replaces);
        retracts = List.copyOf(retracts);
        ignores = List.copyOf(ignores);
        tools = List.copyOf(tools);
    }

    /// A go.mod without `tool` lines.
    public GoMod(String fileName, String modulePath, String deprecated, String goVersion, String toolchain,
            List<Godebug> godebugs, List<Require> requires, List<Exclude> excludes, List<Replace> replaces,
            List<Retract> retracts, List<String> ignores) {
        this(fileName, modulePath, deprecated, goVersion, toolchain, godebugs, requires, excludes, replaces,
                retracts, ignores, List.of());
    }

    /// Parses a main module's go.mod strictly (`modfile.Parse` with no version fixer).
    /// @throws GoModParseException listing every error as `file:line: message`
    public static GoMod parse(String fileName, byte[] data) { return GoModParser.parse(fileName, data, true); }

    /// Parses a dependency's go.mod leniently (`modfile.ParseLax`): unknown and main-module-only
    /// directives are ignored.
    /// @throws GoModParseException listing every error as `file:line: message`
    public static GoMod parseLax(String fileName, byte[] data) { return GoModParser.parse(fileName, data, false); }

    public record Require(ModuleVersion mod, boolean indirect, int line) {}

    public record Exclude(ModuleVersion mod, int line) {}

    /// `old => replacement`; `old.version()` is "" for a path-wide replacement and
    /// `replacement.version()` is "" when the replacement is a local directory (then its path is the directory).
    public record Replace(ModuleVersion old, ModuleVersion replacement, int line) {
        public boolean isLocal() {
            return replacement.version().isEmpty();
        }
    }

    /// A retracted version or closed interval `[low, high]` with its rationale comment.
    public record Retract(String low, String high, String rationale, int line) {}

    public record Godebug(String key, String value, int line) {}
}

package dev.gofetch.module;

import dev.gofetch.module.GoModSyntax.Comment;
import dev.gofetch.module.GoModSyntax.Expr;
import dev.gofetch.module.GoModSyntax.FileSyntax;
import dev.gofetch.module.GoModSyntax.Line;
import dev.gofetch.module.GoModSyntax.LineBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// The go.mod lexer and parser, following `golang.org/x/mod/modfile` (read.go, rule.go).
/// Versions are checked as `modfile.Parse` does without a version fixer: they must have a canonical
/// form, which is what gets recorded (`v1.2` is read as `v1.2.0`); retracted versions are taken as written.
final class GoModParser {
    private GoModParser() {}

    // Go's `$` (no multi-line flag) is Java's `\z`; DOTALL because Java's `.` also refuses U+0085,
    // which is a plain byte in our byte strings.
    private static final Pattern GO_VERSION =
            Pattern.compile("([1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?");
    private static final Pattern LAX_GO_VERSION =
            Pattern.compile("v?(([1-9][0-9]*)\\.(0|[1-9][0-9]*))([^0-9].*)", Pattern.DOTALL);
    private static final Pattern TOOLCHAIN = Pattern.compile("^default\\z|^go1(\\z|\\.)");
    private static final Pattern DEPRECATED =
            Pattern.compile("(?:^|\n\n)Deprecated: *(.*?)(?:\\z|\n\n)", Pattern.DOTALL);

    static GoMod parse(String fileName, byte[] data, boolean strict) {
        String name = GoBytes.ofJava(fileName);
        FileSyntax syntax;
        try {
            syntax = GoModSyntax.parse(name, GoBytes.of(data));
        } catch (GoModSyntax.SyntaxError e) {
            throw new GoModParseException(List.of(GoBytes.toJava(e.getMessage())));
        }
        Builder b = new Builder(fileName, name, strict);
        for (Expr stmt : syntax.stmts()) {
            if (stmt instanceof Line line) {
                b.add(null, line, line.tokens.get(0), line.tokens.subList(1, line.tokens.size()));
            } else if (stmt instanceof LineBlock block) {
                String verb = block.tokens.get(0);
                boolean known = block.tokens.size() == 1 && switch (verb) {
                    case "module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore" -> true;
                    default -> false;
                };
                if (!known) {
                    if (strict) {
                        b.errors.add(GoModSyntax.positionPrefix(name, block.start)
                                + "unknown block type: " + String.join(" ", block.tokens));
                    }
                    continue;
                }
                for (Line line : block.lines) {
                    b.add(block, line, verb, line.tokens);
                }
            }
        }
        if (!b.errors.isEmpty()) {
            throw new GoModParseException(b.errors.stream().map(GoBytes::toJava).toList());
        }
        return b.build();
    }

    /// An error on one directive; the message may start with `verb path: ` but not with the position.
    private static final class DirectiveError extends Exception {
        private static final long serialVersionUID = 1L;

        DirectiveError(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Builder {
        final String javaFileName;
        final String name;
        final boolean strict;
        final List<String> errors = new ArrayList<>();

        boolean hasModule;
        String modulePath = "";
        String deprecated = "";
        String goVersion;
        String toolchain;
        final List<GoMod.Godebug> godebugs = new ArrayList<>();
        final List<GoMod.Require> requires = new ArrayList<>();
        final List<GoMod.Exclude> excludes = new ArrayList<>();
        final List<GoMod.Replace> replaces = new ArrayList<>();
        final List<GoMod.Retract> retracts = new ArrayList<>();
        final List<String> ignores = new ArrayList<>();
        final List<String> tools = new ArrayList<>();

        Builder(String javaFileName, String name, boolean strict) {
            this.javaFileName = javaFileName;
            this.name = name;
            this.strict = strict;
        }

        GoMod build() {
            return new GoMod(javaFileName, j(modulePath), j(deprecated), goVersion == null ? "" : j(goVersion),
                    toolchain == null ? "" : j(toolchain), godebugs, requires, excludes, replaces, retracts,
                    ignores, tools);
        }

        private static String j(String bytes) {
            return GoBytes.toJava(bytes);
        }

        private static ModuleVersion mv(String path, String version) {
            return new ModuleVersion(j(path), j(version));
        }

        void add(LineBlock block, Line line, String verb, List<String> args) {
            if (!strict) {
                // A dependency's go.mod: keep only what matters outside the main module, so that
                // directives from newer go versions do not break older ones.
                switch (verb) {
                    case "go", "module", "retract", "require", "ignore" -> { }
                    default -> {
                        return;
                    }
                }
            }
            try {
                addDirective(block, line, verb, new ArrayList<>(args));
            } catch (DirectiveError e) {
                errors.add(GoModSyntax.positionPrefix(name, line.start) + e.getMessage());
            }
        }

        private void addDirective(LineBlock block, Line line, String verb, List<String> args) throws DirectiveError {
            int lineNo = line.start.line();
            switch (verb) {
                case "go" -> {
                    if (goVersion != null) {
                        throw new DirectiveError("repeated go statement");
                    }
                    if (args.size() != 1) {
                        throw new DirectiveError("go directive expects exactly one argument");
                    }
                    String v = args.get(0);
                    if (!GO_VERSION.matcher(v).matches()) {
                        Matcher m = strict ? null : LAX_GO_VERSION.matcher(v);
                        if (m == null || !m.matches()) {
                            throw new DirectiveError("invalid go version '" + v + "': must match format 1.23.0");
                        }
                        v = m.group(1);
                    }
                    goVersion = v;
                }
                case "toolchain" -> {
                    if (toolchain != null) {
                        throw new DirectiveError("repeated toolchain statement");
                    }
                    if (args.size() != 1) {
                        throw new DirectiveError("toolchain directive expects exactly one argument");
                    }
                    if (!TOOLCHAIN.matcher(args.get(0)).find()) {
                        throw new DirectiveError("invalid toolchain version '" + args.get(0)
                                + "': must match format go1.23.0 or default");
                    }
                    toolchain = args.get(0);
                }
                case "module" -> {
                    if (hasModule) {
                        throw new DirectiveError("repeated module statement");
                    }
                    hasModule = true;
                    deprecated = parseDeprecation(block, line);
                    if (args.size() != 1) {
                        throw new DirectiveError("usage: module module/path");
                    }
                    modulePath = parseQuotedArg(args.get(0));
                }
                case "godebug" -> {
                    if (args.size() != 1 || GoBytes.containsAny(args.get(0), "\"`',")) {
                        throw new DirectiveError("usage: godebug key=value");
                    }
                    int eq = args.get(0).indexOf('=');
                    if (eq < 0) {
                        throw new DirectiveError("usage: godebug key=value");
                    }
                    godebugs.add(new GoMod.Godebug(j(args.get(0).substring(0, eq)), j(args.get(0).substring(eq + 1)),
                            lineNo));
                }
                case "require", "exclude" -> {
                    if (args.size() != 2) {
                        throw new DirectiveError("usage: " + verb + " module/path v1.2.3");
                    }
                    String path = parseQuotedArg(args.get(0));
                    String version = parseVersion(verb, path, args.get(1), false);
                    String pathMajor = modulePathMajor(path);
                    checkPathMajor(verb, path, version, pathMajor);
                    if (verb.equals("require")) {
                        requires.add(new GoMod.Require(mv(path, version), isIndirect(line), lineNo));
                    } else {
                        excludes.add(new GoMod.Exclude(mv(path, version), lineNo));
                    }
                }
                case "replace" -> replaces.add(parseReplace(line, verb, args));
                case "retract" -> {
                    String rationale = parseDirectiveComment(block, line);
                    String[] interval;
                    try {
                        interval = parseVersionInterval(verb, args);
                    } catch (DirectiveError e) {
                        // Dependencies may use interval syntax from the future: only the main module's count.
                        if (strict) {
                            throw e;
                        }
                        return;
                    }
                    if (!args.isEmpty() && strict) {
                        throw new DirectiveError("unexpected token after version: " + GoBytes.quote(args.get(0)));
                    }
                    retracts.add(new GoMod.Retract(j(interval[0]), j(interval[1]), j(rationale), lineNo));
                }
                case "tool" -> {
                    if (args.size() != 1) {
                        throw new DirectiveError("tool directive expects exactly one argument");
                    }
                    tools.add(j(parseQuotedArg(args.get(0))));
                }
                case "ignore" -> {
                    if (args.size() != 1) {
                        throw new DirectiveError("ignore directive expects exactly one argument");
                    }
                    ignores.add(j(parseQuotedArg(args.get(0))));
                }
                default -> throw new DirectiveError("unknown directive: " + verb);
            }
        }

        private GoMod.Replace parseReplace(Line line, String verb, List<String> args) throws DirectiveError {
            int arrow = args.size() >= 2 && args.get(1).equals("=>") ? 1 : 2;
            if (args.size() < arrow + 2 || args.size() > arrow + 3 || !args.get(arrow).equals("=>")) {
                throw new DirectiveError("usage: " + verb + " module/path [v1.2.3] => other/module v1.4\n\t or "
                        + verb + " module/path [v1.2.3] => ../local/directory");
            }
            String path = parseQuotedArg(args.get(0));
            String pathMajor;
            try {
                pathMajor = modulePathMajor(path);
            } catch (DirectiveError e) {
                throw new DirectiveError(directive(verb, path) + e.getMessage());
            }
            String version = "";
            if (arrow == 2) {
                version = parseVersion(verb, path, args.get(1), false);
                checkPathMajor(verb, path, version, pathMajor);
            }
            String newPath = parseQuotedArg(args.get(arrow + 1));
            String newVersion = "";
            if (args.size() == arrow + 2) {
                if (!isDirectoryPath(newPath)) {
                    if (newPath.contains("@")) {
                        throw new DirectiveError(
                                "replacement module must match format 'path version', not 'path@version'");
                    }
                    throw new DirectiveError(
                            "replacement module without version must be directory path (rooted or starting with . or ..)");
                }
                // gofetch runs where the path separator is '/', as the go command on Unix does.
                if (newPath.contains("\\")) {
                    throw new DirectiveError("replacement directory appears to be Windows path (on a non-windows system)");
                }
            }
            if (args.size() == arrow + 3) {
                newVersion = parseVersion(verb, newPath, args.get(arrow + 2), false);
                if (isDirectoryPath(newPath)) {
                    throw new DirectiveError(
                            "replacement module directory path " + GoBytes.quote(newPath) + " cannot have version");
                }
            }
            return new GoMod.Replace(mv(path, version), mv(newPath, newVersion), line.start.line());
        }

        /// Consumes a retract's version or `[low, high]` from the front of args; returns {low, high}.
        private static String[] parseVersionInterval(String verb, List<String> args) throws DirectiveError {
            if (args.isEmpty() || args.get(0).equals("(")) {
                throw new DirectiveError("expected '[' or version");
            }
            if (!args.get(0).equals("[")) {
                String v = parseVersion(verb, "", args.remove(0), true);
                return new String[] {v, v};
            }
            args.remove(0);
            if (args.isEmpty()) {
                throw new DirectiveError("expected version after '['");
            }
            String low = parseVersion(verb, "", args.remove(0), true);
            if (args.isEmpty() || !args.get(0).equals(",")) {
                throw new DirectiveError("expected ',' after version");
            }
            args.remove(0);
            if (args.isEmpty()) {
                throw new DirectiveError("expected version after ','");
            }
            String high = parseVersion(verb, "", args.remove(0), true);
            if (args.isEmpty() || !args.get(0).equals("]")) {
                throw new DirectiveError("expected ']' after version");
            }
            args.remove(0);
            return new String[] {low, high};
        }
    }

    private static String directive(String verb, String modPath) {
        if (!modPath.isEmpty()) {
            return verb + " " + modPath + ": ";
        }
        return verb.isEmpty() ? "" : verb + ": ";
    }

    private static String invalidVersion(String version, String why) {
        return "version " + GoBytes.quote(version) + " invalid: " + why;
    }

    /// modfile's parseString failure as a directive error.
    private static String parseQuotedArg(String token) throws DirectiveError {
        try {
            return parseString(token);
        } catch (DirectiveError e) {
            throw new DirectiveError("invalid quoted string: " + e.getMessage());
        }
    }

    /// A token's string value: `"..."` unquoted; other quote characters are reserved.
    private static String parseString(String token) throws DirectiveError {
        if (token.startsWith("\"")) {
            try {
                return GoBytes.unquote(token);
            } catch (GoBytes.SyntaxError e) {
                throw new DirectiveError(e.getMessage());
            }
        }
        if (GoBytes.containsAny(token, "\"'`")) {
            throw new DirectiveError("unquoted string cannot contain quote");
        }
        return token;
    }

    /// modfile's parseVersion: the canonical form of a version token, or (for retract, whose
    /// versions modfile leaves alone when there is no fixer) the token's string value.
    private static String parseVersion(String verb, String path, String token, boolean asWritten)
            throws DirectiveError {
        String t;
        try {
            t = parseString(token);
        } catch (DirectiveError e) {
            throw new DirectiveError(directive(verb, path) + invalidVersion(token, e.getMessage()));
        }
        if (asWritten) {
            return t;
        }
        String cv = ModulePath.canonicalVersion(t);
        if (cv.isEmpty()) {
            throw new DirectiveError(directive(verb, path) + invalidVersion(t, "must be of the form v1.2.3"));
        }
        return cv;
    }

    private static String modulePathMajor(String path) throws DirectiveError {
        String[] split = ModulePath.splitPathVersion(path);
        if (split == null) {
            throw new DirectiveError("invalid module path");
        }
        return split[1];
    }

    private static void checkPathMajor(String verb, String path, String version, String pathMajor)
            throws DirectiveError {
        try {
            ModulePath.checkPathMajor(version, pathMajor);
        } catch (InvalidModuleException e) {
            throw new DirectiveError(directive(verb, path) + GoBytes.ofJava(e.getMessage()));
        }
    }

    /// modfile.IsDirectoryPath: rooted or `.`/`..`-relative paths, in Unix or Windows syntax.
    static boolean isDirectoryPath(String ns) {
        return ns.equals(".") || ns.startsWith("./") || ns.startsWith(".\\")
                || ns.equals("..") || ns.startsWith("../") || ns.startsWith("..\\")
                || ns.startsWith("/") || ns.startsWith("\\")
                || ns.length() >= 2 && isAsciiLetter(ns.charAt(0)) && ns.charAt(1) == ':';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /// A `// indirect` (or `// indirect; more text`) comment at the end of the line.
    private static boolean isIndirect(Line line) {
        if (line.comments.suffix.isEmpty()) {
            return false;
        }
        String text = line.comments.suffix.get(0).token();
        List<String> f = GoBytes.fields(text.startsWith("//") ? text.substring(2) : text);
        return f.size() == 1 && f.get(0).equals("indirect") || f.size() > 1 && f.get(0).equals("indirect;");
    }

    /// The first paragraph starting `Deprecated:` in the module directive's comments, without the prefix.
    private static String parseDeprecation(LineBlock block, Line line) {
        Matcher m = DEPRECATED.matcher(parseDirectiveComment(block, line));
        return m.find() ? m.group(1) : "";
    }

    /// The text of a directive's comments (the block's, when the line in a block has none of its own).
    private static String parseDirectiveComment(LineBlock block, Line line) {
        GoModSyntax.Comments comments = line.comments;
        if (block != null && comments.before.isEmpty() && comments.suffix.isEmpty()) {
            comments = block.comments;
        }
        List<String> lines = new ArrayList<>();
        for (List<Comment> group : List.of(comments.before, comments.suffix)) {
            for (Comment c : group) {
                if (c.token().startsWith("//")) {
                    lines.add(GoBytes.trimSpace(c.token().substring(2)));
                }
            }
        }
        return String.join("\n", lines);
    }
}

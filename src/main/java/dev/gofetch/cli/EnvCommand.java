package dev.gofetch.cli;

import dev.gofetch.module.GoStrings;
import dev.gofetch.env.EnvFileWriter;
import dev.gofetch.env.GoEnv;
import dev.gofetch.env.GoEnvException;
import dev.gofetch.env.GoFlags;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/// `gofetch env [-json] [-changed] [var ...]`: `go env` for the variables gofetch uses
/// ([GoEnv#KNOWN]), printing the same bytes as the go command (Unix shell quoting, Go's JSON).
/// Without names it lists only gofetch's variables. `-w` and `-u` edit Go's user env file as the go
/// command does ([EnvFileWriter]).
final class EnvCommand {
    static final String USAGE = "usage: gofetch env [-json] [-changed] [-u] [-w] [var ...]\n";

    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");
    private static final Comparator<String> GO_STRING_ORDER = GoStrings::compare;

    private EnvCommand() {}

    /// A problem with the command line: message (may be empty) and usage on stderr, status 2.
    private static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private static final class Options {
        boolean json;
        boolean changed;
        boolean unset;
        boolean write;

        void set(String name, boolean value) {
            switch (name) {
                case "json" -> json = value;
                case "changed" -> changed = value;
                case "u" -> unset = value;
                default -> write = value;
            }
        }

        static boolean defines(String name) {
            return List.of("json", "changed", "u", "w").contains(name);
        }
    }

    static int run(List<String> args, GoEnv env, PrintStream out, PrintStream err) {
        Options options = new Options();
        List<String> names;
        try {
            applyGoFlags(env, options);
            names = parseCommandLine(args, options);
        } catch (UsageError e) {
            if (!e.getMessage().isEmpty()) {
                write(err, e.getMessage() + "\n");
            }
            write(err, USAGE);
            return 2;
        }
        String conflict = options.json && options.unset ? "-json with -u"
                : options.json && options.write ? "-json with -w"
                : options.unset && options.write ? "-u with -w" : "";
        if (!conflict.isEmpty()) {
            write(err, "gofetch: cannot use " + conflict + "\n");
            return 1;
        }
        if (options.write || options.unset) {
            try {
                EnvFileWriter writer = EnvFileWriter.of(env);
                if (options.write) {
                    writer.set(names, w -> write(err, w + "\n"));
                } else {
                    writer.unset(names);
                }
                return 0;
            } catch (GoEnvException e) {
                write(err, "gofetch: " + e.getMessage() + "\n");
                return 1;
            }
        }
        for (String name : names) {
            if (name.contains("=")) {
                write(err, "gofetch: invalid variable name " + GoStrings.quote(name) + " (use -w to set variable)\n");
                return 1;
            }
        }

        if (!names.isEmpty() && !options.changed) {
            if (options.json) {
                Map<String, String> values = new TreeMap<>(GO_STRING_ORDER);
                names.forEach(n -> values.put(n, env.get(n)));
                write(out, json(values));
            } else {
                StringBuilder sb = new StringBuilder();
                names.forEach(n -> sb.append(env.get(n)).append('\n'));
                write(out, sb.toString());
            }
            return 0;
        }

        List<String> selected = new ArrayList<>();
        for (String name : names.isEmpty() ? GoEnv.KNOWN : names) {
            if (GoEnv.KNOWN.contains(name) && (!options.changed || env.changed(name))) {
                selected.add(name);
            }
        }
        if (options.json) {
            Map<String, String> values = new TreeMap<>(GO_STRING_ORDER);
            selected.forEach(n -> values.put(n, env.get(n)));
            write(out, json(values));
        } else {
            selected.sort(GO_STRING_ORDER);
            StringBuilder sb = new StringBuilder();
            selected.forEach(n -> sb.append(n).append('=').append(shellQuote(env.get(n))).append('\n'));
            write(out, sb.toString());
        }
        return 0;
    }

    /// GOFLAGS entries for this command's flags, applied before the command line (which overrides
    /// them). Problems in GOFLAGS that `go env` ignores are ignored here too.
    private static void applyGoFlags(GoEnv env, Options options) throws UsageError {
        for (GoFlags.Flag f : GoFlags.parseIgnoringErrors(env.get("GOFLAGS")).flags()) {
            if (!Options.defines(f.name())) {
                continue;
            }
            if (f.bare()) {
                options.set(f.name(), true);
            } else if (TRUE.contains(f.value()) || FALSE.contains(f.value())) {
                options.set(f.name(), TRUE.contains(f.value()));
            } else {
                throw new UsageError("gofetch: invalid boolean value " + GoStrings.quote(f.value())
                        + " for flag -" + f.name() + " (from $GOFLAGS): parse error");
            }
        }
    }

    /// The flag package's rules: flags up to the first non-flag or `--`; `-name`, `--name`,
    /// `-name=value`.
    private static List<String> parseCommandLine(List<String> args, Options options) throws UsageError {
        int i = 0;
        while (i < args.size()) {
            String s = args.get(i);
            if (s.length() < 2 || s.charAt(0) != '-') {
                break;
            }
            int minuses = 1;
            if (s.charAt(1) == '-') {
                minuses = 2;
                if (s.length() == 2) {
                    i++;
                    break;
                }
            }
            String name = s.substring(minuses);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new UsageError("bad flag syntax: " + s);
            }
            i++;
            String value = null;
            int eq = name.indexOf('=', 1);
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!Options.defines(name)) {
                if (name.equals("help") || name.equals("h")) {
                    throw new UsageError("");
                }
                throw new UsageError("flag provided but not defined: -" + name);
            }
            if (value == null || TRUE.contains(value)) {
                options.set(name, true);
            } else if (FALSE.contains(value)) {
                options.set(name, false);
            } else {
                throw new UsageError("invalid boolean value " + GoStrings.quote(value) + " for -" + name + ": parse error");
            }
        }
        return args.subList(i, args.size());
    }

    /// The value as a single-quoted POSIX shell word.
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /// A string map as Go's `json.Encoder` with tab indentation writes it: keys sorted,
    /// HTML-sensitive characters escaped, U+2028/U+2029 escaped.
    static String json(Map<String, String> sorted) {
        if (sorted.isEmpty()) {
            return "{}\n";
        }
        StringBuilder sb = new StringBuilder("{\n");
        int n = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            sb.append('\t');
            jsonString(sb, e.getKey());
            sb.append(": ");
            jsonString(sb, e.getValue());
            sb.append(++n < sorted.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    private static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '"' -> sb.append('\\').append(c);
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void write(PrintStream stream, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 0, bytes.length);
        stream.flush();
    }
}

package dev.gofetch.env;

import dev.gofetch.module.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/// GOFLAGS split as the go command splits it: whitespace-separated words, each word optionally
/// wrapped in single or double quotes (no escapes), each word one `-flag` or `-flag=value`.
/// Flags are looked up the way the go command applies them to a command's flag set:
/// a later occurrence overrides an earlier one, and flags a command does not know are ignored.
public final class GoFlags {
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    /// One GOFLAGS word as the go command interprets it for a flag set.
    public record Flag(String name, String value) {
        /// A bare `-name` (no `=`), which only boolean flags accept.
        public boolean bare() {
            return value == null;
        }
    }

    private final List<String> words;

    private GoFlags(List<String> words) {
        this.words = List.copyOf(words);
    }

    public static final GoFlags EMPTY = new GoFlags(List.of());

    /// Parses GOFLAGS as every go command but `go env` does.
    /// @throws GoEnvException `parsing $GOFLAGS: ...` for an unterminated quote or a word that is not a flag
    public static GoFlags parse(String goflags) {
        List<String> words;
        try {
            words = quotedSplit(goflags);
        } catch (GoEnvException e) {
            throw new GoEnvException("parsing $GOFLAGS: " + e.getMessage());
        }
        for (String w : words) {
            if (!looksLikeFlag(w)) {
                throw new GoEnvException("parsing $GOFLAGS: non-flag " + GoStrings.quote(w));
            }
        }
        return new GoFlags(words);
    }

    /// Parses GOFLAGS as `go env` does: an unterminated quote drops the whole setting,
    /// words that are not flags are kept and interpreted as leniently as the go command does.
    public static GoFlags parseIgnoringErrors(String goflags) {
        try {
            return new GoFlags(quotedSplit(goflags));
        } catch (GoEnvException e) {
            return EMPTY;
        }
    }

    /// The words in order, as written (quotes removed).
    public List<String> words() {
        return words;
    }

    /// Every word interpreted as a flag assignment, in order (`=value` words skipped).
    public List<Flag> flags() {
        List<Flag> out = new ArrayList<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq == 0) {
                continue;
            }
            String name = eq > 0 ? w.substring(0, eq) : w;
            String value = eq > 0 ? w.substring(eq + 1) : null;
            if (name.startsWith("--")) {
                name = name.substring(1);
            }
            out.add(new Flag(name.substring(1), value));
        }
        return out;
    }

    /// Value of the last `-name=value`, "true" for a bare `-name`, or null when absent.
    public String get(String name) {
        String found = null;
        for (Flag f : flags()) {
            if (f.name().equals(name)) {
                found = f.bare() ? "true" : f.value();
            }
        }
        return found;
    }

    /// A boolean flag, false when absent.
    /// @throws GoEnvException with the go command's message for a value `strconv.ParseBool` rejects
    public boolean bool(String name) {
        boolean result = false;
        for (Flag f : flags()) {
            if (!f.name().equals(name)) {
                continue;
            }
            if (f.bare() || TRUE.contains(f.value())) {
                result = true;
            } else if (FALSE.contains(f.value())) {
                result = false;
            } else {
                throw new GoEnvException("invalid boolean value " + GoStrings.quote(f.value())
                        + " for flag -" + name + " (from $GOFLAGS): parse error");
            }
        }
        return result;
    }

    /// A string flag, or null when absent.
    /// @throws GoEnvException `flag needs an argument: -name (from $GOFLAGS)` for a bare `-name`
    public String string(String name) {
        String result = null;
        for (Flag f : flags()) {
            if (!f.name().equals(name)) {
                continue;
            }
            if (f.bare()) {
                throw new GoEnvException("flag needs an argument: -" + name + " (from $GOFLAGS)");
            }
            result = f.value();
        }
        return result;
    }

    /// `-modcacherw` (boolean).
    public boolean modCacheRw() {
        return bool("modcacherw");
    }

    /// `-mod=` value or "" when not set.
    public String mod() {
        String v = string("mod");
        return v == null ? "" : v;
    }

    /// `-modfile=` value or "" when not set.
    public String modFile() {
        String v = string("modfile");
        return v == null ? "" : v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoFlags other && other.words.equals(words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    @Override
    public String toString() {
        return "GoFlags" + words;
    }

    private static boolean looksLikeFlag(String w) {
        return w.startsWith("-") && !w.equals("-") && !w.equals("--") && !w.startsWith("---")
                && !w.startsWith("-=") && !w.startsWith("--=");
    }

    private static boolean isSpaceByte(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /// Go's `cmd/internal/quoted.Split`.
    /// @throws GoEnvException `unterminated ' string` / `unterminated " string`
    static List<String> quotedSplit(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpaceByte(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new GoEnvException("unterminated " + c + " string");
                }
                out.add(s.substring(i + 1, end));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && !isSpaceByte(s.charAt(i))) {
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out;
    }
}

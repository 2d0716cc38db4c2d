package dev.gofetch.module;

import java.util.List;

/// Go's semantic versions exactly as `golang.org/x/mod/semver` defines them (with the leading `v`,
/// shorthands `v1` and `v1.2`, "invalid sorts below valid").
public final class Semver {
    private Semver() {}

    /// The pieces of a valid version. `shortSuffix` is what {@link #canonical} appends to a
    /// shorthand (`.0.0` for `v1`, `.0` for `v1.2`); prerelease and build keep their `-`/`+`.
    private record Parsed(String major, String minor, String patch, String shortSuffix,
                          String prerelease, String build) {}

    public static boolean isValid(String v) {
        return parse(v) != null;
    }

    /// The canonical form (`v1.2` → `v1.2.0`, build metadata dropped); "" if invalid.
    public static String canonical(String v) {
        Parsed p = parse(v);
        if (p == null) {
            return "";
        }
        if (!p.build.isEmpty()) {
            return v.substring(0, v.length() - p.build.length());
        }
        return v + p.shortSuffix;
    }

    /// `v2` of `v2.1.0`; "" if invalid.
    public static String major(String v) {
        Parsed p = parse(v);
        return p == null ? "" : v.substring(0, 1 + p.major.length());
    }

    /// `v2.1` of `v2.1.0`; "" if invalid.
    public static String majorMinor(String v) {
        Parsed p = parse(v);
        if (p == null) {
            return "";
        }
        int i = 1 + p.major.length();
        int j = i + 1 + p.minor.length();
        if (j <= v.length() && v.charAt(i) == '.' && v.substring(i + 1, j).equals(p.minor)) {
            return v.substring(0, j);
        }
        return v.substring(0, i) + "." + p.minor;
    }

    /// `-pre` of `v1.2.3-pre+meta`; "" if none or invalid.
    public static String prerelease(String v) {
        Parsed p = parse(v);
        return p == null ? "" : p.prerelease;
    }

    /// `+meta` of `v1.2.3-pre+meta`; "" if none or invalid.
    public static String build(String v) {
        Parsed p = parse(v);
        return p == null ? "" : p.build;
    }

    /// -1, 0 or +1; invalid versions are equal to each other and below all valid ones.
    public static int compare(String v, String w) {
        Parsed pv = parse(v);
        Parsed pw = parse(w);
        if (pv == null && pw == null) {
            return 0;
        }
        if (pv == null) {
            return -1;
        }
        if (pw == null) {
            return +1;
        }
        int c = compareDecimal(pv.major, pw.major);
        if (c != 0) {
            return c;
        }
        c = compareDecimal(pv.minor, pw.minor);
        if (c != 0) {
            return c;
        }
        c = compareDecimal(pv.patch, pw.patch);
        if (c != 0) {
            return c;
        }
        return comparePrerelease(pv.prerelease, pw.prerelease);
    }

    /// The larger of v and w by {@link #compare}; on a tie, v.
    /// (Unlike the deprecated `semver.Max`, the arguments are returned as given, not canonicalized.)
    public static String max(String v, String w) {
        return compare(v, w) >= 0 ? v : w;
    }

    /// Sorts in place by {@link #compare}, ties broken by plain string order (`semver.Sort`).
    public static void sort(List<String> versions) {
        versions.sort((a, b) -> {
            int c = compare(a, b);
            return c != 0 ? c : GoStrings.compare(a, b);
        });
    }

    private static Parsed parse(String v) {
        if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
            return null;
        }
        int pos = 1;
        int end = numberEnd(v, pos);
        if (end < 0) {
            return null;
        }
        String major = v.substring(pos, end);
        if (end == v.length()) {
            return new Parsed(major, "0", "0", ".0.0", "", "");
        }
        if (v.charAt(end) != '.') {
            return null;
        }
        pos = end + 1;
        end = numberEnd(v, pos);
        if (end < 0) {
            return null;
        }
        String minor = v.substring(pos, end);
        if (end == v.length()) {
            return new Parsed(major, minor, "0", ".0", "", "");
        }
        if (v.charAt(end) != '.') {
            return null;
        }
        pos = end + 1;
        end = numberEnd(v, pos);
        if (end < 0) {
            return null;
        }
        String patch = v.substring(pos, end);
        pos = end;
        String prerelease = "";
        if (pos < v.length() && v.charAt(pos) == '-') {
            end = identifiersEnd(v, pos, true);
            if (end < 0) {
                return null;
            }
            prerelease = v.substring(pos, end);
            pos = end;
        }
        String build = "";
        if (pos < v.length() && v.charAt(pos) == '+') {
            end = identifiersEnd(v, pos, false);
            if (end < 0) {
                return null;
            }
            build = v.substring(pos, end);
            pos = end;
        }
        if (pos != v.length()) {
            return null;
        }
        return new Parsed(major, minor, patch, "", prerelease, build);
    }

    /// End of the decimal number (no superfluous leading zero) starting at from, or -1.
    private static int numberEnd(String v, int from) {
        int i = from;
        while (i < v.length() && isDigit(v.charAt(i))) {
            i++;
        }
        if (i == from || v.charAt(from) == '0' && i != from + 1) {
            return -1;
        }
        return i;
    }

    /// End of a `-prerelease` (stops at `+`) or `+build` (runs to the end) starting at the sign, or -1.
    /// Identifiers are non-empty runs of `[0-9A-Za-z-]`; numeric prerelease identifiers have no leading zero.
    private static int identifiersEnd(String v, int sign, boolean prerelease) {
        int i = sign + 1;
        int start = i;
        while (i < v.length() && !(prerelease && v.charAt(i) == '+')) {
            char c = v.charAt(i);
            if (c == '.') {
                if (start == i || prerelease && isBadNumber(v, start, i)) {
                    return -1;
                }
                start = i + 1;
            } else if (!isIdentChar(c)) {
                return -1;
            }
            i++;
        }
        if (start == i || prerelease && isBadNumber(v, start, i)) {
            return -1;
        }
        return i;
    }

    private static boolean isIdentChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || isDigit(c) || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBadNumber(String v, int start, int end) {
        return end - start > 1 && v.charAt(start) == '0' && isNumeric(v.substring(start, end));
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /// Compares decimal strings without leading zeros (any length, no overflow).
    static int compareDecimal(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.length() != y.length()) {
            return x.length() < y.length() ? -1 : +1;
        }
        return x.compareTo(y) < 0 ? -1 : +1;
    }

    private static int comparePrerelease(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isEmpty()) {
            return +1;
        }
        if (y.isEmpty()) {
            return -1;
        }
        // Both start with '-'; identifiers are separated by '.'.
        String[] xs = x.substring(1).split("\\.", -1);
        String[] ys = y.substring(1).split("\\.", -1);
        int n = Math.min(xs.length, ys.length);
        for (int i = 0; i < n; i++) {
            String dx = xs[i];
            String dy = ys[i];
            if (dx.equals(dy)) {
                continue;
            }
            boolean nx = isNumeric(dx);
            boolean ny = isNumeric(dy);
            if (nx != ny) {
                return nx ? -1 : +1;
            }
            if (nx && dx.length() != dy.length()) {
                return dx.length() < dy.length() ? -1 : +1;
            }
            return dx.compareTo(dy) < 0 ? -1 : +1;
        }
        return xs.length < ys.length ? -1 : +1;
    }
}

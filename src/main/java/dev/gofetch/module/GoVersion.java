package dev.gofetch.module;

/// Go toolchain/language versions as in `go` lines (`cmd/go/internal/gover`): `1.21`, `1.21.3`, `1.22rc1`.
/// Order: `1.21 < 1.21rc1 < 1.21.0 < 1.21.1`; before 1.21 a missing patch means `.0`, so `1.20rc1 < 1.20 == 1.20.0`.
public final class GoVersion {
    private GoVersion() {}

    /// A parsed version; numbers stay decimal strings (no overflow). Kind is "", "alpha", "beta", "rc", ...
    private record Parsed(String major, String minor, String patch, String kind, String pre) {
        static final Parsed INVALID = new Parsed("", "", "", "", "");
    }

    /// `gover.Compare`: -1, 0, +1; invalid versions sort below valid ones.
    public static int compare(String x, String y) {
        Parsed vx = parse(x);
        Parsed vy = parse(y);
        int c = Semver.compareDecimal(vx.major, vy.major);
        if (c == 0) {
            c = Semver.compareDecimal(vx.minor, vy.minor);
        }
        if (c == 0) {
            c = Semver.compareDecimal(vx.patch, vy.patch);
        }
        if (c == 0) {
            c = Integer.signum(vx.kind.compareTo(vy.kind)); // "" < alpha < beta < rc
        }
        if (c == 0) {
            c = Semver.compareDecimal(vx.pre, vy.pre);
        }
        return c;
    }

    /// `gover.Max`: the larger by {@link #compare}; on a tie, x.
    public static String max(String x, String y) {
        return compare(x, y) < 0 ? y : x;
    }

    /// `gover.IsValid`.
    public static boolean isValid(String x) {
        return !parse(x).equals(Parsed.INVALID);
    }

    /// `gover.IsLang`: whether x names a language version (`1.21`) rather than a release (`1.21.0`, `1.21rc1`).
    public static boolean isLang(String x) {
        Parsed v = parse(x);
        return !v.equals(Parsed.INVALID) && v.patch.isEmpty() && v.kind.isEmpty() && v.pre.isEmpty();
    }

    /// `gover.Lang`: `1.21` of `1.21.3`.
    public static String lang(String x) {
        Parsed v = parse(x);
        if (v.minor.isEmpty() || v.major.equals("1") && v.minor.equals("0")) {
            return v.major;
        }
        return v.major + "." + v.minor;
    }

    /// `gover.FromToolchain`: the Go version of a toolchain name (`go1.21.3`, `go1.21.3-custom`), or "".
    public static String fromToolchain(String name) {
        if (name.indexOf('\\') >= 0 || name.indexOf('/') >= 0 || !name.startsWith("go")) {
            return "";
        }
        String v = name.substring(2);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '-') {
                v = v.substring(0, i);
                break;
            }
        }
        return isValid(v) ? v : "";
    }

    /// `gover.ModCompare(path, x, y)`: Go-version order for the `go` and `toolchain` pseudo-modules
    /// (a `toolchain` version carries a `go` prefix), semver order otherwise.
    public static int modCompare(String path, String x, String y) {
        if (path.equals("go")) {
            return compare(x, y);
        }
        if (path.equals("toolchain")) {
            return compare(toolchainVersion(x), toolchainVersion(y));
        }
        return Semver.compare(x, y);
    }

    /// `gover.ModIsValid`: version syntax of the `go`/`toolchain` pseudo-modules, semver otherwise.
    public static boolean modIsValid(String path, String version) {
        if (path.equals("toolchain")) {
            return isValid(fromToolchain(version));
        }
        if (path.equals("go")) {
            return isValid(version);
        }
        return Semver.isValid(version);
    }

    /// A `toolchain` version is normally `goV`, but a bare `V` is accepted too.
    private static String toolchainVersion(String name) {
        return isValid(name) ? name : fromToolchain(name);
    }

    private static Parsed parse(String x) {
        int end = numberEnd(x, 0);
        if (end < 0) {
            return Parsed.INVALID;
        }
        String major = x.substring(0, end);
        if (end == x.length()) {
            return new Parsed(major, "0", "0", "", ""); // "1" means 1.0.0
        }
        if (x.charAt(end) != '.') {
            return Parsed.INVALID;
        }
        int start = end + 1;
        end = numberEnd(x, start);
        if (end < 0) {
            return Parsed.INVALID;
        }
        String minor = x.substring(start, end);
        if (end == x.length()) {
            // Before Go 1.21 a missing patch is the same as ".0"; from 1.21 on, "1.N" is the language version.
            return new Parsed(major, minor, Semver.compareDecimal(minor, "21") < 0 ? "0" : "", "", "");
        }
        if (x.charAt(end) == '.') {
            start = end + 1;
            end = numberEnd(x, start);
            if (end != x.length()) {
                return Parsed.INVALID; // also rules out prereleases of patch releases
            }
            return new Parsed(major, minor, x.substring(start), "", "");
        }
        int i = end;
        while (i < x.length() && !ModulePath.isDigit(x.charAt(i))) {
            char c = x.charAt(i);
            if (c < 'a' || c > 'z') {
                return Parsed.INVALID;
            }
            i++;
        }
        if (i == end) {
            return Parsed.INVALID;
        }
        String kind = x.substring(end, i);
        if (i == x.length()) {
            return new Parsed(major, minor, "", kind, "");
        }
        int preEnd = numberEnd(x, i);
        if (preEnd != x.length()) {
            return Parsed.INVALID;
        }
        return new Parsed(major, minor, "", kind, x.substring(i));
    }

    /// End of a decimal number without superfluous leading zero starting at from, or -1.
    private static int numberEnd(String x, int from) {
        int i = from;
        while (i < x.length() && ModulePath.isDigit(x.charAt(i))) {
            i++;
        }
        if (i == from || x.charAt(from) == '0' && i != from + 1) {
            return -1;
        }
        return i;
    }
}

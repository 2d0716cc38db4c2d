package dev.gofetch.module;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/// Pseudo-versions (`golang.org/x/mod/module/pseudo.go`): `vX.0.0-yyyymmddhhmmss-abcdef123456`,
/// `vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef123456[+incompatible]`, `vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef123456[+incompatible]`.
/// Errors are {@link InvalidModuleException}s with the text of Go's `InvalidVersionError`
/// (e.g. `pseudo-version "v1.2.3" invalid: syntax error`).
public final class PseudoVersion {
    private PseudoVersion() {}

    private static final Pattern PSEUDO = Pattern.compile(
            "^v[0-9]+\\.(0\\.0-|[0-9]+\\.[0-9]+-([^+]*\\.)?0\\.)[0-9]{14}-[A-Za-z0-9]+"
                    + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?\\z");

    /// The parts of a pseudo-version: base is `vX.0.0`, `vX.Y.(Z+1)-0` or `vX.Y.Z-pre.0`.
    private record Parts(String base, String timestamp, String rev, String build) {}

    public static boolean isPseudoVersion(String v) {
        return v.chars().filter(c -> c == '-').count() >= 2 && Semver.isValid(v) && PSEUDO.matcher(v).matches();
    }

    /// `module.IsZeroPseudoVersion`.
    public static boolean isZero(String v) {
        return v.equals(zero(Semver.major(v)));
    }

    /// `module.ZeroPseudoVersion`: `vX.0.0-00010101000000-000000000000`, a placeholder.
    public static String zero(String major) {
        return build(major, "", LocalDateTime.of(1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC), "000000000000");
    }

    /// The commit time embedded in a pseudo-version; throws {@link InvalidModuleException} if not one.
    public static Instant time(String v) {
        Parts p = parse(v);
        String ts = p.timestamp;
        try {
            return LocalDateTime.of(
                    Integer.parseInt(ts.substring(0, 4)), Integer.parseInt(ts.substring(4, 6)),
                    Integer.parseInt(ts.substring(6, 8)), Integer.parseInt(ts.substring(8, 10)),
                    Integer.parseInt(ts.substring(10, 12)), Integer.parseInt(ts.substring(12, 14)))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new InvalidModuleException(
                    ModulePath.invalidVersion(v, true, "malformed time " + GoStrings.quote(ts)));
        }
    }

    /// The revision identifier (12 hex digits) embedded in a pseudo-version.
    public static String rev(String v) {
        return parse(v).rev;
    }

    /// `module.PseudoVersionBase`: the tag the pseudo-version is based on ("" for form 1).
    public static String base(String v) {
        Parts p = parse(v);
        String base = p.base;
        String pre = Semver.prerelease(base);
        if (pre.isEmpty()) {
            // vX.0.0-yyyymmddhhmmss-abcdef123456: no parent tag, so build metadata makes no sense.
            if (!p.build.isEmpty()) {
                throw new InvalidModuleException(ModulePath.invalidVersion(v, true,
                        "lacks base version, but has build metadata " + GoStrings.quote(p.build)));
            }
            return "";
        }
        if (pre.equals("-0")) {
            // vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef123456 → vX.Y.Z
            base = base.substring(0, base.length() - pre.length());
            int i = base.lastIndexOf('.');
            String patch = decrementDecimal(base.substring(i + 1));
            if (patch.isEmpty()) {
                throw new InvalidModuleException(ModulePath.invalidVersion(v, true,
                        "version before " + base + " would have negative patch number"));
            }
            return base.substring(0, i + 1) + patch + p.build;
        }
        // vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef123456 → vX.Y.Z-pre
        return base.substring(0, base.length() - ".0".length()) + p.build;
    }

    /// `module.PseudoVersion(major, older, t, rev)`.
    public static String build(String major, String older, Instant t, String rev) {
        if (major.isEmpty()) {
            major = "v0";
        }
        String segment = timestamp(t) + "-" + rev;
        String build = Semver.build(older);
        older = Semver.canonical(older);
        if (older.isEmpty()) {
            return major + ".0.0-" + segment;
        }
        if (!Semver.prerelease(older).isEmpty()) {
            return older + ".0." + segment + build;
        }
        int i = older.lastIndexOf('.') + 1;
        return older.substring(0, i) + incrementDecimal(older.substring(i)) + "-0." + segment + build;
    }

    /// Go's "20060102150405" layout in UTC.
    private static String timestamp(Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return String.format("%04d%02d%02d%02d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
                d.getHour(), d.getMinute(), d.getSecond());
    }

    private static Parts parse(String v) {
        if (!isPseudoVersion(v)) {
            throw new InvalidModuleException(ModulePath.invalidVersion(v, true, "syntax error"));
        }
        String build = Semver.build(v);
        v = v.substring(0, v.length() - build.length());
        int j = v.lastIndexOf('-');
        String rev = v.substring(j + 1);
        v = v.substring(0, j);
        int i = v.lastIndexOf('-');
        int dot = v.lastIndexOf('.');
        if (dot > i) {
            return new Parts(v.substring(0, dot), v.substring(dot + 1), rev, build); // "vX.Y.Z-pre.0", "vX.Y.(Z+1)-0"
        }
        return new Parts(v.substring(0, i), v.substring(i + 1), rev, build); // "vX.0.0"
    }

    static String incrementDecimal(String decimal) {
        char[] digits = decimal.toCharArray();
        int i = digits.length - 1;
        while (i >= 0 && digits[i] == '9') {
            digits[i] = '0';
            i--;
        }
        if (i >= 0) {
            digits[i]++;
            return new String(digits);
        }
        return "1" + new String(digits);
    }

    /// The decimal minus one, or "" if it is all zeros.
    static String decrementDecimal(String decimal) {
        char[] digits = decimal.toCharArray();
        int i = digits.length - 1;
        while (i >= 0 && digits[i] == '0') {
            digits[i] = '9';
            i--;
        }
        if (i < 0) {
            return "";
        }
        if (i == 0 && digits[i] == '1' && digits.length > 1) {
            return new String(digits, 1, digits.length - 1);
        }
        digits[i]--;
        return new String(digits);
    }
}

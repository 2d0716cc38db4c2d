package dev.gofetch.module;

import java.util.List;

/// Go's semantic versions exactly as `golang.org/x/mod/semver` defines them (with the leading `v`,
/// shorthands `v1` and `v1.2`, "invalid sorts below valid").
public final class Semver {
    private Semver() {}

    public static boolean isValid(String v) { throw new UnsupportedOperationException("TODO"); }

    /// The canonical form (`v1.2` → `v1.2.0`, build metadata dropped); "" if invalid.
    public static String canonical(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `v2` of `v2.1.0`; "" if invalid.
    public static String major(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `v2.1` of `v2.1.0`; "" if invalid.
    public static String majorMinor(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `-pre` of `v1.2.3-pre+meta`; "" if none or invalid.
    public static String prerelease(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `+meta` of `v1.2.3-pre+meta`; "" if none or invalid.
    public static String build(String v) { throw new UnsupportedOperationException("TODO"); }

    /// -1, 0 or +1; invalid versions are equal to each other and below all valid ones.
    public static int compare(String v, String w) { throw new UnsupportedOperationException("TODO"); }

    /// The larger of v and w by {@link #compare}; on a tie, v.
    public static String max(String v, String w) { throw new UnsupportedOperationException("TODO"); }

    /// Sorts in place by {@link #compare}, ties broken by plain string order (`semver.Sort`).
    public static void sort(List<String> versions) { throw new UnsupportedOperationException("TODO"); }
}

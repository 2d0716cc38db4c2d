package dev.gofetch.module;

import java.time.Instant;

/// Pseudo-versions (`golang.org/x/mod/module/pseudo.go`).
public final class PseudoVersion {
    private PseudoVersion() {}

    public static boolean isPseudoVersion(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `module.IsZeroPseudoVersion`.
    public static boolean isZero(String v) { throw new UnsupportedOperationException("TODO"); }

    /// The commit time embedded in a pseudo-version; throws {@link InvalidModuleException} if not one.
    public static Instant time(String v) { throw new UnsupportedOperationException("TODO"); }

    /// The revision identifier (12 hex digits) embedded in a pseudo-version.
    public static String rev(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `module.PseudoVersionBase`: the tag the pseudo-version is based on ("" for form 1).
    public static String base(String v) { throw new UnsupportedOperationException("TODO"); }

    /// `module.PseudoVersion(major, older, t, rev)`.
    public static String build(String major, String older, Instant t, String rev) { throw new UnsupportedOperationException("TODO"); }
}

package dev.gofetch.module;

/// Go toolchain/language versions as in `go` lines (`cmd/go/internal/gover`): `1.21`, `1.21.3`, `1.22rc1`.
public final class GoVersion {
    private GoVersion() {}

    /// `gover.Compare`: -1, 0, +1; invalid versions sort below valid ones.
    public static int compare(String x, String y) { throw new UnsupportedOperationException("TODO"); }

    /// `gover.IsValid`.
    public static boolean isValid(String x) { throw new UnsupportedOperationException("TODO"); }

    /// `gover.Lang`: `1.21` of `1.21.3`.
    public static String lang(String x) { throw new UnsupportedOperationException("TODO"); }

    /// `gover.ModCompare(path, x, y)`: Go-version order for the `go` and `toolchain` pseudo-modules
    /// (a `toolchain` version carries a `go` prefix), semver order otherwise.
    public static int modCompare(String path, String x, String y) { throw new UnsupportedOperationException("TODO"); }
}

package dev.gofetch.env;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/// Go's settings as the go command resolves them: process environment, then the user env file
/// written by `go env -w` (GOENV), then `$GOROOT/go.env`, then built-in defaults.
/// Immutable; tests build one from an explicit map so the machine's own settings never leak in.
public final class GoEnv {

    /// The variables gofetch knows, in the order `go env` prints them (alphabetical).
    public static final List<String> KNOWN = List.of(
            "GOAUTH", "GOENV", "GOFLAGS", "GOINSECURE", "GOMODCACHE", "GONOPROXY", "GONOSUMDB",
            "GOPATH", "GOPRIVATE", "GOPROXY", "GOROOT", "GOSUMDB", "GOTOOLCHAIN", "GOVCS");

    /// Resolves the settings from a process environment (normally `System.getenv()`).
    public static GoEnv load(Map<String, String> processEnvironment) { throw new UnsupportedOperationException("TODO"); }

    /// The effective value of a variable ("" when unset and without default).
    public String get(String name) { throw new UnsupportedOperationException("TODO"); }

    /// The process environment this was loaded from (for HOME, NETRC, HTTPS_PROXY, ...).
    public Map<String, String> processEnvironment() { throw new UnsupportedOperationException("TODO"); }

    /// GOMODCACHE as an absolute path. @throws IllegalStateException with the go command's message if relative/unset.
    public Path modCache() { throw new UnsupportedOperationException("TODO"); }

    /// The first GOPATH entry (module data such as `pkg/sumdb` lives under it).
    public Path gopath() { throw new UnsupportedOperationException("TODO"); }

    /// GOFLAGS parsed: `-modcacherw` present, `-mod=...` value ("" if not given), and so on.
    public GoFlags goFlags() { throw new UnsupportedOperationException("TODO"); }
}

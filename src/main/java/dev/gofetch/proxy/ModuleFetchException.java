package dev.gofetch.proxy;

import java.io.IOException;

/// A fetch failure attributed to a module (and version), formatted like Go's `module.ModuleError`:
/// `path@version: detail`, `path@query: invalid version: detail` for non-canonical queries,
/// or `module path: detail` when no version is involved.
public class ModuleFetchException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String version;
    private final String detail;
    private final boolean notFound;

    public ModuleFetchException(String path, String version, String detail, boolean notFound, Throwable cause) {
        super(format(path, version, detail), cause);
        this.path = path;
        this.version = version;
        this.detail = detail;
        this.notFound = notFound;
    }

    private static String format(String path, String version, String detail) {
        if (version.isEmpty()) {
            return "module " + path + ": " + detail;
        }
        return path + "@" + version + ": " + detail;
    }

    public String path() {
        return path;
    }

    public String version() {
        return version;
    }

    /// The message without the `path@version: ` prefix.
    public String detail() {
        return detail;
    }

    public boolean isNotFound() {
        return notFound;
    }
}

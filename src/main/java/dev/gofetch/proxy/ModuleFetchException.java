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
        this(path, version, detail, notFound, cause, false);
    }

    private ModuleFetchException(String path, String version, String detail, boolean notFound, Throwable cause,
            boolean bare) {
        super(bare ? detail : format(path, version, detail), cause);
        this.path = path;
        this.version = version;
        this.detail = detail;
        this.notFound = notFound;
    }

    /// A checksum failure wrapped for the module graph: fatal, reported as it is, never retried.
    public static ModuleFetchException security(String path, String version, java.io.IOException cause) {
        ModuleFetchException e = new ModuleFetchException(path, version, cause.getMessage(), false, cause, true);
        e.security = true;
        return e;
    }

    private boolean security;

    public boolean isSecurity() {
        return security;
    }

    /// An error the go command reports without naming the module (such as `GOPROXY=off`); where a
    /// module path is added later (the module graph), it still is.
    static ModuleFetchException bare(String path, String version, String detail, boolean notFound) {
        return new ModuleFetchException(path, version, detail, notFound, null, true);
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

    private boolean repositoryNotFound;

    /// Marks a failure to find the module's repository at all: the go command reports that error as
    /// it is, and its callers name the module with the query they were answering (`path@latest: ...`).
    ModuleFetchException asRepositoryNotFound() {
        this.repositoryNotFound = true;
        return this;
    }

    /// This failure, named after the query being answered when it was a failure to find the
    /// repository (`modinfoError` in cmd/go); as it is otherwise.
    public ModuleFetchException forQuery(String query) {
        if (!repositoryNotFound || !version.isEmpty() || query.isEmpty()) {
            return this;
        }
        return new ModuleFetchException(path, query, detail, notFound, this);
    }

    private transient dev.gofetch.module.RevInfo.Origin origin;

    /// What the failed lookup depended on, as version control reports it with the error (or null).
    public dev.gofetch.module.RevInfo.Origin origin() {
        return origin;
    }

    public ModuleFetchException withOrigin(dev.gofetch.module.RevInfo.Origin origin) {
        this.origin = origin;
        return this;
    }
}

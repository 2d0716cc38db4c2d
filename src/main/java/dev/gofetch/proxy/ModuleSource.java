package dev.gofetch.proxy;

import dev.gofetch.module.RevInfo;
import java.io.OutputStream;
import java.util.List;

/// One module at one source: a GOPROXY mirror or, in direct mode, its version control repository
/// (cmd/go's `modfetch.Repo`).
public interface ModuleSource {
    /// The tagged versions, semver-sorted, and the origin summarising them (null when the source has none).
    record VersionList(List<String> versions, RevInfo.Origin origin) {}

    /// @param prefix only versions starting with it are needed (a query such as `v1` asks for "v1.")
    VersionList versionList(String prefix) throws ModuleFetchException;

    RevInfo stat(String rev) throws ModuleFetchException;

    RevInfo latest() throws ModuleFetchException;

    byte[] goMod(String version) throws ModuleFetchException;

    /// Writes the module zip to dst.
    void zip(String version, OutputStream dst) throws ModuleFetchException;
}

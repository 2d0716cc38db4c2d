package dev.gofetch.proxy;

/// Where `direct` (and a GOPRIVATE/GONOPROXY path behind `noproxy`) fetches a module from: its
/// repository, found and read by the version-control side of gofetch.
@FunctionalInterface
public interface DirectSource {
    /// The module's source; failures to find its repository are reported as not found.
    ModuleSource open(String path) throws ModuleFetchException;
}

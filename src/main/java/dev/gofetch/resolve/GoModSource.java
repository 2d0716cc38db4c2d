package dev.gofetch.resolve;

import dev.gofetch.proxy.ModuleFetchException;

/// Where the resolver gets the go.mod file of a module version (a mirror, the module cache, or both).
@FunctionalInterface
public interface GoModSource {
    byte[] goMod(String path, String version) throws ModuleFetchException;
}

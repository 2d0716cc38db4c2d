package dev.gofetch.vcs;

import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.Transport;
import java.io.IOException;

/// Finds the repository of a module path the way the go command does in direct mode.
@FunctionalInterface
public interface RepoLookup {
    RepoRoot lookup(String importPath) throws IOException;

    /// The go command's lookup for these settings (GOPRIVATE, GOINSECURE, GOVCS): see [Discovery].
    static RepoLookup forEnv(GoEnv env, Transport transport) {
        return Discovery.forEnv(env, transport);
    }
}

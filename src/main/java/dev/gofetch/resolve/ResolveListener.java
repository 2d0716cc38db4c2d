package dev.gofetch.resolve;

import dev.gofetch.module.ModuleVersion;
import java.util.List;

/// What the resolver reports while it loads the module graph, for live displays. Called from worker
/// threads, possibly concurrently; implementations must be quick and must not throw (exceptions are
/// caught and dropped so a listener can never break resolution).
public interface ResolveListener {
    ResolveListener NONE = new ResolveListener() {};

    /// A go.mod is about to be fetched or read for m.
    default void loadStarted(ModuleVersion m) {}

    /// m's go.mod was read: its requirements (after exclusions) and the go version it declares.
    default void loaded(ModuleVersion m, List<ModuleVersion> requires, String goVersion, boolean pruned) {}

    /// m's go.mod could not be used.
    default void loadFailed(ModuleVersion m, String message) {}

    /// The main module's requirements changed to be consistent with the graph (`-mod=mod`).
    default void rootsUpdated(List<ModuleVersion> roots) {}
}

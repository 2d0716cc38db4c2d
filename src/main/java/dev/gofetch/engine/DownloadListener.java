package dev.gofetch.engine;

import dev.gofetch.module.ModuleVersion;

/// Progress of module downloads, for progress lines and the app. Called from worker threads; must be
/// quick and must not throw (exceptions are caught and dropped).
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {};

    default void moduleStarted(ModuleVersion m) {}

    /// A zip is being fetched from a mirror (not served from the module cache).
    default void zipStarted(ModuleVersion m, String mirror) {}

    /// Bytes of a zip written so far (cumulative for this module).
    default void zipProgress(ModuleVersion m, long bytes) {}

    default void moduleFinished(ModuleVersion m, DownloadResult result) {}
}

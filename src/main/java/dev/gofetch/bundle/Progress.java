package dev.gofetch.bundle;

/// Progress of a long bundle step, for progress lines. Called from worker threads; must be quick.
@FunctionalInterface
public interface Progress {
    Progress NONE = (phase, done, total) -> { };

    /// `done` of `total` bytes in a phase ("hashing", "writing", "verifying", "importing").
    void update(String phase, long done, long total);
}

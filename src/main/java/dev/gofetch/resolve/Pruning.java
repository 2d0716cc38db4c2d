package dev.gofetch.resolve;

import dev.gofetch.module.GoVersion;

/// Whether a go.mod lists all of its module's transitive requirements (`go 1.17` and later) so that
/// the requirements of its requirements need not be read.
public enum Pruning {
    PRUNED,
    UNPRUNED;

    static final String EXPLICIT_INDIRECT_VERSION = "1.17";

    static Pruning forGoVersion(String goVersion) {
        return GoVersion.compare(goVersion, EXPLICIT_INDIRECT_VERSION) < 0 ? UNPRUNED : PRUNED;
    }
}

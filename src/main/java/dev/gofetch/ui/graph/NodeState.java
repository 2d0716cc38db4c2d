package dev.gofetch.ui.graph;

/// Where a module version stands. Selection (selected or superseded) is separate: see
/// {@link DisplayNode#superseded()}.
public enum NodeState {
    /// Required by a go.mod already read; its own go.mod not asked for yet.
    QUEUED("queued"),
    /// Its go.mod is being fetched or read.
    RESOLVING("resolving"),
    /// Its go.mod was read; its requirements are in the graph.
    RESOLVED("resolved"),
    /// Reached, but graph pruning meant its go.mod was never needed (known once resolution ends).
    PRUNED("pruned"),
    /// Its go.mod could not be fetched or used.
    FAILED("failed"),
    /// Its zip is being downloaded (fed by the download engine).
    DOWNLOADING("downloading"),
    /// Its zip is in the module cache and its hash checked (fed by the download engine).
    VERIFIED("verified"),
    /// Its zip download was cancelled before it finished (the partial file is kept for the next run).
    CANCELLED("cancelled");

    private final String text;

    NodeState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

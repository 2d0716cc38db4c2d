package dev.gofetch.ui.graph;

import dev.gofetch.module.ModuleVersion;

/// One box of the drawing, with its place.
/// @param key        identifies the box across snapshots (`path@version`, the main module's path, or
///                   `prefix…` for a collapsed group)
/// @param module     the module version it shows, or null for a group
/// @param superseded a version MVS did not select (grey); for a group, all members are
/// @param members    how many module versions a group stands for (1 otherwise)
public record DisplayNode(String key, Kind kind, ModuleVersion module, String label, String version, NodeState state,
        boolean superseded, boolean replaced, int members, double x, double y, double width, double height) {

    public enum Kind { MAIN, MODULE, GROUP }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height;
    }
}

package dev.gofetch.ui.graph;

import dev.gofetch.module.ModuleVersion;
import java.util.List;

/// What the details pane shows about the selected box.
/// @param whyPath      the requirement chain from the main module to this version (main first)
/// @param versions     every version of this path in the graph, highest first, with who requires it
/// @param requirements this version's go.mod requirements, or null when its go.mod was not read
/// @param members      for a group, the module versions it stands for
public record NodeDetails(String key, String title, String version, NodeState state, boolean superseded,
        String selectedVersion, List<Link> whyPath, List<VersionSeen> versions, List<Requirement> requirements,
        String requirementsNote, ModuleVersion replacement, String error, List<String> excludedVersions,
        List<Link> members, String goVersion) {

    /// A module version the user can jump to.
    public record Link(ModuleVersion module, String label) {
        public static Link of(ModuleVersion m) {
            return new Link(m, m.toString());
        }
    }

    public record VersionSeen(ModuleVersion module, boolean selected, NodeState state, List<Link> requiredBy) {}

    public record Requirement(Link link, NodeState state, boolean superseded) {}

    public boolean isGroup() {
        return !members.isEmpty();
    }
}

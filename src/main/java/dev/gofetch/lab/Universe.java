package dev.gofetch.lab;

import dev.gofetch.module.ModuleVersion;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/// A generated module universe on disk ({@link UniverseGenerator}).
///
/// @param root        the directory everything was written under
/// @param proxy       the GOPROXY tree (`root/proxy`)
/// @param mainModules the main-module directories (`root/main/m0`, …), each with go.mod, main.go, a
///                    go.sum holding the `/go.mod` hash of every published version (so `-mod=readonly`
///                    works for module-graph commands) and the `local/` replacement directories its
///                    go.mod points at. The go command may rewrite go.mod and go.sum: run it on copies.
/// @param published   every served version per module path (tags, prereleases, pseudo-versions), in
///                    semver order
/// @param ghosts      required versions that no proxy serves (empty unless the spec asks for them)
/// @param zipBytes    total size of the written zips
public record Universe(Path root, ProxyTree proxy, List<Path> mainModules, Map<String, List<String>> published,
                       Set<ModuleVersion> ghosts, long zipBytes) {

    public Universe {
        mainModules = List.copyOf(mainModules);
        published = Collections.unmodifiableSortedMap(new TreeMap<>(published));
        ghosts = Collections.unmodifiableSortedSet(new TreeSet<>(ghosts));
    }

    public int versionCount() {
        return published.values().stream().mapToInt(List::size).sum();
    }
}

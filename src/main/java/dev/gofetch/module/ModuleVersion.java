package dev.gofetch.module;

import java.util.Comparator;
import java.util.Objects;

/// A module path at a version, like Go's `module.Version`. The main module has an empty version.
/// A go.sum key for a go.mod file carries a `/go.mod` suffix on the version.
public record ModuleVersion(String path, String version) implements Comparable<ModuleVersion> {

    /// Go's `module.Sort` order: by path, then by semantic version (ties by plain string order),
    /// with a `/go.mod` suffix sorting after the version it belongs to.
    public static final Comparator<ModuleVersion> ORDER = ModuleVersion::compareGo;

    public ModuleVersion {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
    }

    public static ModuleVersion of(String path, String version) {
        return new ModuleVersion(path, version);
    }

    public boolean isMain() {
        return version.isEmpty();
    }

    @Override
    public int compareTo(ModuleVersion o) {
        return compareGo(this, o);
    }

    private static int compareGo(ModuleVersion a, ModuleVersion b) {
        int c = a.path.compareTo(b.path);
        if (c != 0) {
            return c;
        }
        String va = a.version;
        String fa = "";
        String vb = b.version;
        String fb = "";
        int i = va.indexOf('/');
        if (i >= 0) {
            fa = va.substring(i);
            va = va.substring(0, i);
        }
        int j = vb.indexOf('/');
        if (j >= 0) {
            fb = vb.substring(j);
            vb = vb.substring(0, j);
        }
        if (!va.equals(vb)) {
            c = Semver.compare(va, vb);
            return c != 0 ? c : va.compareTo(vb);
        }
        return fa.compareTo(fb);
    }

    /// `path@version`, or just the path for a main module (Go's `module.Version.String`).
    @Override
    public String toString() {
        return version.isEmpty() ? path : path + "@" + version;
    }
}

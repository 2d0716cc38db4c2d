package dev.gofetch.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/// What the app remembers between runs (java.util.prefs): the window's place and size, and the
/// recently opened projects. Preferences keeps a cache in memory and writes it back on its own thread.
public final class AppSettings {
    static final int MAX_RECENT = 10;

    /// The window's place and size in screen coordinates.
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {}

    private final Preferences prefs;

    public AppSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    /// The user's settings (`~/.java/.userPrefs/dev/gofetch/ui` on Linux).
    public static AppSettings user() {
        return new AppSettings(Preferences.userRoot().node("dev/gofetch/ui"));
    }

    public Optional<WindowBounds> windowBounds() {
        double w = prefs.getDouble("window.width", -1);
        double h = prefs.getDouble("window.height", -1);
        if (w < 200 || h < 150) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(prefs.getDouble("window.x", 0), prefs.getDouble("window.y", 0), w, h,
                prefs.getBoolean("window.maximized", false)));
    }

    public void saveWindowBounds(WindowBounds b) {
        prefs.putDouble("window.x", b.x());
        prefs.putDouble("window.y", b.y());
        prefs.putDouble("window.width", b.width());
        prefs.putDouble("window.height", b.height());
        prefs.putBoolean("window.maximized", b.maximized());
    }

    /// Most recent first.
    public List<Path> recentProjects() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = prefs.get("recent." + i, null);
            if (p == null) {
                break;
            }
            out.add(Path.of(p));
        }
        return out;
    }

    /// Puts dir first in the recent projects, dropping an older entry for it and the oldest beyond the limit.
    public List<Path> addRecentProject(Path dir) {
        List<Path> list = recentProjects();
        list.remove(dir);
        list.add(0, dir);
        writeRecent(list);
        return recentProjects();
    }

    public List<Path> removeRecentProject(Path dir) {
        List<Path> list = recentProjects();
        list.remove(dir);
        writeRecent(list);
        return recentProjects();
    }

    private void writeRecent(List<Path> list) {
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                prefs.put("recent." + i, list.get(i).toString());
            } else {
                prefs.remove("recent." + i);
            }
        }
    }
}

package dev.gofetch.ui.mirrors;

import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.proxy.ProxyList;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The mirrors Go would use, as a list: each GOPROXY entry with what happens when it fails, and the
/// settings that send private paths around the mirrors and the checksum database. Read-only for now.
public final class MirrorsViewModel {
    /// One GOPROXY entry. separator is `,`, `|` or "" for the last entry.
    public record Mirror(int position, String text, String kind, String separator, String explanation) {}

    /// One setting with its effective value ("" when empty) and what it does.
    public record Setting(String name, String value, boolean changed, String explanation) {}

    static final List<String> SETTINGS = List.of("GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB",
            "GOINSECURE", "GOFLAGS", "GOMODCACHE");

    private final ObservableList<Mirror> mirrors = FXCollections.observableArrayList();
    private final ObservableList<Setting> settings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper goproxy = new ReadOnlyStringWrapper("");
    private final ObservableList<Mirror> mirrorsView = FXCollections.unmodifiableObservableList(mirrors);
    private final ObservableList<Setting> settingsView = FXCollections.unmodifiableObservableList(settings);

    /// Shows the settings of env. Call on the UI thread (env is loaded elsewhere, off it).
    public void show(GoEnv env) {
        goproxy.set(env.get("GOPROXY"));
        List<Mirror> rows = new ArrayList<>();
        try {
            rows = mirrorsOf(ProxyList.parse(env.get("GOPROXY"), env.get("GONOPROXY")));
            error.set("");
        } catch (ProxyConfigException e) {
            error.set("GOPROXY cannot be used: " + e.getMessage());
        }
        mirrors.setAll(rows);
        List<Setting> s = new ArrayList<>();
        for (String name : SETTINGS) {
            s.add(new Setting(name, env.get(name), env.changed(name), explain(name)));
        }
        settings.setAll(s);
    }

    static List<Mirror> mirrorsOf(ProxyList list) {
        List<Mirror> rows = new ArrayList<>();
        List<ProxyList.Entry> entries = list.entries();
        for (int i = 0; i < entries.size(); i++) {
            ProxyList.Entry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            // noproxy is implicit (from GONOPROXY): it has no separator of its own.
            String separator = last || e instanceof ProxyList.NoProxy ? "" : e.fallBackOnError() ? "|" : ",";
            String kind;
            String what;
            if (e instanceof ProxyList.NoProxy) {
                kind = "private paths";
                what = "Paths matching GONOPROXY skip every mirror and are fetched from their origin.";
            } else if (e instanceof ProxyList.Direct) {
                kind = "direct";
                what = "Fetched from the origin repository (git, hg, …) named by the module path.";
            } else if (e instanceof ProxyList.Off) {
                kind = "off";
                what = "No downloads: anything not already in the module cache fails.";
            } else {
                URI base = ((ProxyList.ProxyUrl) e).base();
                kind = "file".equals(base.getScheme()) ? "local mirror" : "mirror";
                what = "file".equals(base.getScheme()) ? "A GOPROXY tree on disk." : "A module mirror at " + base.getHost() + ".";
            }
            String then;
            if (e instanceof ProxyList.NoProxy) {
                then = " Other paths go on to the next entry.";
            } else if (e instanceof ProxyList.Off) {
                then = "";
            } else if (last) {
                then = " Last entry: its answer is final.";
            } else if (e.fallBackOnError()) {
                then = " Followed by |: any error (timeout, refused connection, 5xx) moves on to the next entry.";
            } else {
                then = " Followed by ,: only “not found” (404 or 410) moves on to the next entry; other errors stop.";
            }
            rows.add(new Mirror(i + 1, e.text(), kind, separator, what + then));
        }
        return rows;
    }

    static String explain(String name) {
        return switch (name) {
            case "GOPROXY" -> "The mirrors, in order; , and | say when the next one is tried.";
            case "GOPRIVATE" -> "Private module path patterns: fetched directly and never checked against the checksum database.";
            case "GONOPROXY" -> "Patterns fetched directly, never through a mirror (GOPRIVATE when not set).";
            case "GONOSUMDB" -> "Patterns not checked against the checksum database (GOPRIVATE when not set).";
            case "GOSUMDB" -> "The checksum database that vouches for public modules' hashes.";
            case "GOINSECURE" -> "Patterns that may be fetched over plain HTTP or without certificate checks.";
            case "GOFLAGS" -> "Flags every go command gets, such as -mod=mod.";
            case "GOMODCACHE" -> "Where downloaded modules are kept.";
            default -> "";
        };
    }

    public ObservableList<Mirror> mirrors() {
        return mirrorsView;
    }

    public ObservableList<Setting> settings() {
        return settingsView;
    }

    /// Why GOPROXY cannot be used, or "".
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty goproxyProperty() {
        return goproxy.getReadOnlyProperty();
    }
}

package dev.gofetch.ui.cache;

import dev.gofetch.cache.CacheCleaner;
import dev.gofetch.cache.CacheUsage;
import dev.gofetch.cache.ModCache;
import dev.gofetch.engine.CacheVerifier;
import dev.gofetch.env.GoEnv;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/// The Cache panel: what GOMODCACHE holds per module version and its size (measured off the FX
/// thread), search, `go mod verify` of some or all versions, removing versions and cleaning the whole
/// cache (read-only trees are handled by {@link CacheCleaner}).
public final class CacheViewModel {
    /// One cached version; check is "" until verified, then "ok" or what is wrong.
    public record Row(ModuleVersion module, long bytes, boolean extracted, String check) {}

    private final Engine engine;
    private final UiBridge ui;
    private final Executor background;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> filtered = new FilteredList<>(rows);
    private final ObservableList<String> verifyResults = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyStringWrapper location = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper totalBytes = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private long generation;
    private String note = "";

    public CacheViewModel(Engine engine, UiBridge ui, Executor background) {
        this.engine = Objects.requireNonNull(engine);
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        search.addListener((obs, was, now) -> {
            String q = now == null ? "" : now.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(q.isEmpty() ? null : r -> r.module().toString().toLowerCase(Locale.ROOT).contains(q));
        });
    }

    private interface Work<T> {
        T run(GoEnv env, ModCache cache) throws IOException;
    }

    /// Runs work in the background against the module cache of the current settings, then done on the
    /// UI thread; failures go to the status line.
    private <T> void inBackground(String doing, Work<T> work, java.util.function.Consumer<T> done) {
        long gen = ++generation;
        busy.set(true);
        status.set(doing);
        background.execute(() -> {
            try {
                GoEnv env = engine.loadEnv();
                ModCache cache = new ModCache(env.modCache());
                T result = work.run(env, cache);
                ui.run(() -> {
                    if (gen == generation) {
                        busy.set(false);
                    }
                    done.accept(result);
                });
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.run(() -> {
                    if (gen == generation) {
                        busy.set(false);
                    }
                    status.set(why);
                });
            }
        });
    }

    private record Usage(String location, CacheUsage usage) {}

    /// Measures the cache again.
    public void refresh() {
        inBackground("Measuring the module cache…",
                (env, cache) -> new Usage(cache.root().toString(), new CacheCleaner(cache).usage()), this::show);
    }

    private void show(Usage u) {
        Map<ModuleVersion, String> checks = new HashMap<>();
        for (Row r : rows) {
            checks.put(r.module(), r.check());
        }
        List<Row> out = new ArrayList<>();
        for (CacheUsage.VersionUsage v : u.usage().versions()) {
            ModuleVersion m = ModuleVersion.of(v.path(), v.version());
            out.add(new Row(m, v.totalBytes(), v.extracted(), checks.getOrDefault(m, "")));
        }
        rows.setAll(out);
        location.set(u.location());
        totalBytes.set(u.usage().totalBytes());
        String prefix = note.isEmpty() ? "" : note + " · ";
        note = "";
        status.set(prefix + out.size() + (out.size() == 1 ? " module version, " : " module versions, ")
                + DownloadsViewModel.formatBytes(u.usage().totalBytes()) + " on disk");
    }

    /// `go mod verify` for these versions (all rows when empty).
    public void verify(List<Row> which) {
        List<ModuleVersion> modules = (which.isEmpty() ? List.copyOf(rows) : which).stream().map(Row::module).toList();
        inBackground("Verifying " + modules.size() + " module versions…", (env, cache) -> {
            CacheVerifier verifier = new CacheVerifier(cache);
            Map<ModuleVersion, List<String>> out = new java.util.LinkedHashMap<>();
            for (ModuleVersion m : modules) {
                out.put(m, verifier.verify(m));
            }
            return out;
        }, results -> {
            verifyResults.clear();
            int bad = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                List<String> problems = results.get(r.module());
                if (problems != null) {
                    rows.set(i, new Row(r.module(), r.bytes(), r.extracted(),
                            problems.isEmpty() ? "ok" : String.join("; ", problems)));
                }
            }
            for (List<String> p : results.values()) {
                verifyResults.addAll(p);
                bad += p.isEmpty() ? 0 : 1;
            }
            status.set(bad == 0 ? "all modules verified (" + results.size() + " checked)"
                    : bad + " of " + results.size() + " module versions have been modified");
        });
    }

    /// Bytes that removing these rows frees (for the confirmation).
    public static long bytesOf(List<Row> which) {
        return which.stream().mapToLong(Row::bytes).sum();
    }

    /// Removes these versions from the cache, then measures it again.
    public void remove(List<Row> which) {
        List<ModuleVersion> modules = which.stream().map(Row::module).toList();
        inBackground("Removing " + modules.size() + " module versions…", (env, cache) -> {
            CacheCleaner cleaner = new CacheCleaner(cache);
            long freed = 0;
            for (ModuleVersion m : modules) {
                freed += cleaner.removeVersion(m);
            }
            return freed;
        }, freed -> {
            note = "Removed " + modules.size() + (modules.size() == 1 ? " module version" : " module versions")
                    + ", " + DownloadsViewModel.formatBytes(freed) + " freed";
            refresh();
        });
    }

    /// `go clean -modcache`: deletes the whole module cache.
    public void cleanAll() {
        long before = Math.max(0, totalBytes.get());
        inBackground("Cleaning the module cache…", (env, cache) -> {
            String home = env.processEnvironment().getOrDefault("HOME", System.getProperty("user.home"));
            CacheCleaner.cleanModCache(cache.root().toString(), home == null || home.isEmpty() ? null : Path.of(home));
            return before;
        }, freed -> {
            note = "Module cache cleaned, " + DownloadsViewModel.formatBytes(freed) + " freed";
            refresh();
        });
    }

    /// The rows matching the search.
    public ObservableList<Row> rows() {
        return filtered;
    }

    /// Problems found by the last verification, in the go command's words.
    public ObservableList<String> verifyResults() {
        return verifyResults;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty locationProperty() {
        return location.getReadOnlyProperty();
    }

    /// -1 until measured.
    public ReadOnlyLongProperty totalBytesProperty() {
        return totalBytes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

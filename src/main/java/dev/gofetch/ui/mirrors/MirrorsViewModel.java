package dev.gofetch.ui.mirrors;

import dev.gofetch.env.EnvFileWriter;
import dev.gofetch.env.GoEnv;
import dev.gofetch.env.GoEnvException;
import dev.gofetch.proxy.MirrorList;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.transfer.Candidate;
import dev.gofetch.transfer.MirrorHealth;
import dev.gofetch.ui.base.SwitchableEngine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The Mirrors panel's state: GOPROXY as an editable list (switch entries on and off, reorder, choose
/// `,` or `|` after each, add from presets or a URL), the private-path settings, each mirror's health
/// in this session, and the two ways to make edits count: Apply (this app's running and later work)
/// and Save (Go's user env file, as `go env -w`/`-u` would, after a preview).
public final class MirrorsViewModel {
    /// One GOPROXY entry as shown.
    /// @param reachable  false when an earlier switched-on `direct` or `off` ends the list
    /// @param health     "" when nothing was measured
    public record Row(int index, MirrorList.Entry entry, String kind, boolean reachable, String explanation,
                      String health, boolean failing) {}

    /// One variable of a save: its line in the env file before and after (null: no line), and a
    /// warning when the process environment sets it anyway.
    public record Change(String name, String before, String after, String warning) {
        public boolean unsets() {
            return after == null;
        }
    }

    /// What Save would do: the file and the changes (empty when the file already says it all).
    public record SavePlan(Path file, List<Change> changes) {}

    static final String COMMA = "only if not found (404/410), try the next";
    static final String PIPE = "on any error, try the next";

    private final SwitchableEngine engine;
    private final UiBridge ui;
    private final Executor background;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty goprivate = new SimpleStringProperty(this, "goprivate", "");
    private final StringProperty gonoproxy = new SimpleStringProperty(this, "gonoproxy", "");
    private final StringProperty gonosumdb = new SimpleStringProperty(this, "gonosumdb", "");
    private final ReadOnlyStringWrapper goprivateProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper gonoproxyProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper gonosumdbProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper goproxy = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper savable = new ReadOnlyBooleanWrapper(true);
    private MirrorList list = MirrorList.parse("");
    private Map<String, MirrorHealth.Stats> health = Map.of();
    private GoEnv plain;
    private Map<String, String> applied = Map.of();

    public MirrorsViewModel(SwitchableEngine engine, UiBridge ui, Executor background) {
        this.engine = Objects.requireNonNull(engine);
        this.ui = Objects.requireNonNull(ui);
        this.background = Objects.requireNonNull(background);
        goprivate.addListener((o, was, now) -> edited());
        gonoproxy.addListener((o, was, now) -> edited());
        gonosumdb.addListener((o, was, now) -> edited());
    }

    /// Shows the settings of env, dropping unapplied edits. Call on the UI thread.
    public void show(GoEnv env) {
        list = MirrorList.parse(env.get("GOPROXY"));
        Map<String, String> raw = rawPrivateSettings(env);
        goprivate.set(raw.get("GOPRIVATE"));
        gonoproxy.set(raw.get("GONOPROXY"));
        gonosumdb.set(raw.get("GONOSUMDB"));
        applied = Map.copyOf(variables());
        status.set("");
        rebuild();
    }

    /// Loads the settings in effect (overrides included) in the background and shows them.
    public void reload() {
        background.execute(() -> {
            try {
                GoEnv env = engine.loadEnv();
                GoEnv plainEnv = engine.loadPlainEnv();
                ui.run(() -> {
                    plain = plainEnv;
                    show(env);
                });
            } catch (RuntimeException e) {
                ui.run(() -> error.set("Go's settings cannot be read: " + e.getMessage()));
            }
        });
    }

    /// GOPRIVATE, GONOPROXY and GONOSUMDB as set (not as derived: an unset GONOPROXY shows empty,
    /// meaning "same as GOPRIVATE").
    private static Map<String, String> rawPrivateSettings(GoEnv env) {
        Map<String, String> out = new LinkedHashMap<>();
        String priv = env.get("GOPRIVATE");
        out.put("GOPRIVATE", priv);
        for (String name : List.of("GONOPROXY", "GONOSUMDB")) {
            String v = env.get(name);
            out.put(name, v.equals(priv) ? "" : v);
        }
        return out;
    }

    // ---- editing ----

    public void setEnabled(int i, boolean on) {
        edit(list.withEnabled(i, on));
    }

    /// Chooses the separator after entry i: `|` (any error falls through) or `,` (only not found).
    public void setAnyError(int i, boolean pipe) {
        edit(list.withAnyError(i, pipe));
    }

    public void move(int from, int to) {
        if (from != to && from >= 0 && from < list.entries().size()) {
            edit(list.moved(from, to));
        }
    }

    public void remove(int i) {
        edit(list.removed(i));
    }

    /// Adds a mirror URL, a bare host, `direct` or `off`. Returns why it cannot be added, or "".
    public String add(String text) {
        try {
            edit(list.added(text));
            return "";
        } catch (ProxyConfigException e) {
            return e.getMessage();
        }
    }

    private void edit(MirrorList next) {
        list = next;
        rebuild();
    }

    private void edited() {
        goprivateProblem.set(String.join("\n", MirrorList.checkPatterns(goprivate.get())));
        gonoproxyProblem.set(String.join("\n", MirrorList.checkPatterns(gonoproxy.get())));
        gonosumdbProblem.set(String.join("\n", MirrorList.checkPatterns(gonosumdb.get())));
        dirty.set(!variables().equals(applied));
    }

    private void rebuild() {
        goproxy.set(list.goproxy());
        try {
            list.toProxyList(gonoproxyInEffect());
            error.set("");
        } catch (ProxyConfigException e) {
            error.set("GOPROXY cannot be used: " + e.getMessage());
        }
        List<Row> out = new ArrayList<>();
        List<MirrorList.Entry> entries = list.entries();
        int lastOn = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).enabled()) {
                lastOn = i;
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            MirrorList.Entry e = entries.get(i);
            MirrorHealth.Stats stats = stats(e);
            out.add(new Row(i, e, kind(e), list.reachable(i), explanation(e, i == lastOn, list.reachable(i)),
                    stats == null ? "" : describe(stats), stats != null && stats.consecutiveFailures() > 0));
        }
        rows.setAll(out);
        edited();
    }

    private String gonoproxyInEffect() {
        return gonoproxy.get().isEmpty() ? goprivate.get() : gonoproxy.get();
    }

    static String kind(MirrorList.Entry e) {
        if (e.isDirect()) {
            return "direct";
        }
        if (e.isOff()) {
            return "off";
        }
        return e.text().startsWith("file:") || e.text().startsWith("/") ? "local mirror" : "mirror";
    }

    static String explanation(MirrorList.Entry e, boolean last, boolean reachable) {
        if (!e.enabled()) {
            return "Switched off: left out of GOPROXY.";
        }
        if (!reachable) {
            return "Never tried: an earlier direct or off ends the list.";
        }
        if (e.isOff()) {
            return "No downloads: anything not already in the module cache fails.";
        }
        String what = e.isDirect() ? "The origin repository (git, hg, …) named by the module path."
                : kind(e).equals("local mirror") ? "A GOPROXY tree on disk." : "A module mirror (GOPROXY protocol).";
        if (e.isDirect()) {
            return what + " Ends the list.";
        }
        return what + (last ? " Last entry: its answer is final." : "");
    }

    /// The one-line meaning of the separator after an entry.
    public static String separatorMeaning(boolean anyError) {
        return anyError ? PIPE : COMMA;
    }

    // ---- health ----

    /// Takes in the latest mirror statistics of the open sessions (cheap: no I/O). Call on the UI thread.
    public void refreshHealth() {
        Map<String, MirrorHealth.Stats> now = engine.liveMirrorHealth();
        if (now.isEmpty() || now.equals(health)) {
            return;
        }
        Map<String, MirrorHealth.Stats> merged = new LinkedHashMap<>(health);
        merged.putAll(now);
        health = merged;
        rebuild();
    }

    private MirrorHealth.Stats stats(MirrorList.Entry e) {
        if (e.isDirect() || e.isOff()) {
            return null;
        }
        try {
            ProxyList.Entry parsed = ProxyList.parse(e.text(), "").entries().get(0);
            if (parsed instanceof ProxyList.ProxyUrl u) {
                URI base = u.base();
                return health.get(new Candidate(base, false).mirror());
            }
        } catch (ProxyConfigException | RuntimeException ignored) {
            // not a URL: nothing measured
        }
        return null;
    }

    static String describe(MirrorHealth.Stats s) {
        StringBuilder b = new StringBuilder();
        b.append(s.requests()).append(s.requests() == 1 ? " request" : " requests");
        if (s.latencyMillis() > 0) {
            b.append(" · ").append(Math.round(s.latencyMillis())).append(" ms to first byte");
        }
        if (s.bytesPerSecond() > 0) {
            b.append(" · ").append(DownloadsViewModel.formatBytes((long) s.bytesPerSecond())).append("/s");
        }
        b.append(" · ").append(s.failures()).append(s.failures() == 1 ? " error" : " errors");
        if (s.consecutiveFailures() > 0 && !s.lastError().isEmpty()) {
            b.append(" (last: ").append(s.lastError()).append(')');
        }
        return b.toString();
    }

    // ---- apply and save ----

    /// The settings as edited.
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GOPROXY", list.goproxy());
        vars.put("GOPRIVATE", goprivate.get());
        vars.put("GONOPROXY", gonoproxy.get());
        vars.put("GONOSUMDB", gonosumdb.get());
        return vars;
    }

    /// Makes the edits count for this app: downloads under way send their next requests to the new
    /// mirrors, later work starts with them. Go's own settings are not touched (see [#planSave]).
    public void apply() {
        if (!error.get().isEmpty()) {
            status.set("Not applied: " + error.get());
            return;
        }
        Map<String, String> vars = variables();
        status.set("Applying…");
        background.execute(() -> {
            try {
                engine.applyMirrors(vars);
                ui.run(() -> {
                    applied = Map.copyOf(vars);
                    dirty.set(!variables().equals(applied));
                    status.set("Applied to this app's downloads: GOPROXY=" + vars.get("GOPROXY"));
                });
            } catch (ProxyConfigException | RuntimeException e) {
                ui.run(() -> status.set("Not applied: " + e.getMessage()));
            }
        });
    }

    /// What saving the edits for the go command would change in its env file; values equal to Go's
    /// default (or empty) remove the line rather than write it. Reads the file: call off the FX thread
    /// or in tests. @throws GoEnvException when there is no env file to write (the go command's message)
    public SavePlan planSave(GoEnv plainEnv, Map<String, String> vars) {
        EnvFileWriter writer = EnvFileWriter.of(plainEnv);
        Path file = writer.file();
        Map<String, String> inFile = writer.values();
        Map<String, String> defaults = plainEnv.distributionDefaults();
        List<Change> changes = new ArrayList<>();
        vars.forEach((name, value) -> {
            String before = inFile.get(name);
            boolean isDefault = value.isEmpty() || value.equals(defaults.get(name));
            String after = isDefault ? null : value;
            if (Objects.equals(before, after)) {
                return;
            }
            String os = plainEnv.processEnvironment().getOrDefault(name, "");
            String warning = "";
            if (after != null && writer.overriddenByProcess(name, value) || after == null && !os.isEmpty()) {
                warning = "The environment of this process sets " + name + "=" + os
                        + "; that value wins over the file for the go command started the same way.";
            }
            changes.add(new Change(name, before, after, warning));
        });
        return new SavePlan(file, changes);
    }

    /// Plans the save in the background and hands the plan (or why there is none) to the UI thread.
    public void prepareSave(java.util.function.Consumer<SavePlan> onPlan) {
        if (!savable.get()) {
            status.set("The demo's settings are not saved for the go command.");
            return;
        }
        Map<String, String> vars = variables();
        background.execute(() -> {
            try {
                GoEnv env = plain != null ? plain : engine.loadPlainEnv();
                SavePlan plan = planSave(env, vars);
                ui.run(() -> onPlan.accept(plan));
            } catch (GoEnvException e) {
                ui.run(() -> status.set("Cannot save: " + e.getMessage()));
            }
        });
    }

    /// Writes the plan to Go's env file as `go env -w` then `go env -u` would.
    public void save(SavePlan plan) {
        background.execute(() -> {
            try {
                GoEnv env = engine.loadPlainEnv();
                EnvFileWriter writer = EnvFileWriter.of(env);
                List<String> set = new ArrayList<>();
                List<String> unset = new ArrayList<>();
                for (Change c : plan.changes()) {
                    if (c.unsets()) {
                        unset.add(c.name());
                    } else {
                        set.add(c.name() + "=" + c.after());
                    }
                }
                if (!set.isEmpty()) {
                    writer.set(set, w -> { });
                }
                if (!unset.isEmpty()) {
                    writer.unset(unset);
                }
                GoEnv reread = engine.loadPlainEnv();
                ui.run(() -> {
                    plain = reread;
                    status.set(plan.changes().isEmpty() ? "Nothing to save: " + plan.file() + " already says this."
                            : "Saved to " + plan.file() + " (" + plan.changes().size()
                            + (plan.changes().size() == 1 ? " variable)" : " variables)"));
                });
            } catch (GoEnvException e) {
                ui.run(() -> status.set("Not saved: " + e.getMessage()));
            }
        });
    }

    /// The preview: each variable's line in the file before and after, the file, and what the
    /// process environment overrides.
    public static String previewText(SavePlan plan) {
        StringBuilder b = new StringBuilder("Go's env file: ").append(plan.file()).append("\n\n");
        for (Change c : plan.changes()) {
            b.append(c.name()).append(": ")
                    .append(c.before() == null ? "(not set)" : c.before())
                    .append("  →  ")
                    .append(c.unsets() ? "(removed: Go's default)" : c.after()).append('\n');
        }
        for (Change c : plan.changes()) {
            if (!c.warning().isEmpty()) {
                b.append("\n⚠ ").append(c.warning()).append('\n');
            }
        }
        return b.toString();
    }

    /// Whether Save is offered (not while the demo's lab mirrors are in use).
    public void savable(boolean yes) {
        savable.set(yes);
    }

    // ---- properties ----

    public ObservableList<Row> rows() {
        return rowsView;
    }

    public MirrorList list() {
        return list;
    }

    public StringProperty goprivateProperty() {
        return goprivate;
    }

    public StringProperty gonoproxyProperty() {
        return gonoproxy;
    }

    public StringProperty gonosumdbProperty() {
        return gonosumdb;
    }

    public ReadOnlyStringProperty goprivateProblemProperty() {
        return goprivateProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gonoproxyProblemProperty() {
        return gonoproxyProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gonosumdbProblemProperty() {
        return gonosumdbProblem.getReadOnlyProperty();
    }

    /// Why the edited GOPROXY cannot be used, or "".
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /// What Apply or Save did last.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /// The edited GOPROXY value.
    public ReadOnlyStringProperty goproxyProperty() {
        return goproxy.getReadOnlyProperty();
    }

    /// Edits not applied yet.
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savableProperty() {
        return savable.getReadOnlyProperty();
    }
}

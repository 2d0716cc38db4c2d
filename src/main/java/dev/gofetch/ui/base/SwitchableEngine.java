package dev.gofetch.ui.base;

import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ProxyConfigException;
import dev.gofetch.transfer.MirrorHealth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/// The engine the app uses: the process's Go settings, optionally with some variables overridden
/// (the demo points GOPROXY at the built-in lab mirror and GOMODCACHE at a scratch directory; the
/// Mirrors panel applies its edits). Overrides apply to work started after they are set;
/// [#applyMirrors] also reroutes the sessions already open.
public final class SwitchableEngine implements Engine {
    private final Engine base;
    private volatile Map<String, String> overrides = Map.of();
    /// Sessions handed out and not yet collected (closed ones are harmless to reroute).
    private final Set<Session> sessions = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /// The latest sessions, held so that what their mirrors did can still be shown after they close.
    private final java.util.ArrayDeque<Session> recent = new java.util.ArrayDeque<>();
    private static final int RECENT = 4;

    public SwitchableEngine(Engine base) {
        this.base = Objects.requireNonNull(base);
    }

    /// Replaces the overrides (an empty map goes back to the plain settings).
    public void override(Map<String, String> vars) {
        overrides = Map.copyOf(vars);
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /// Sets vars (GOPROXY, GOPRIVATE, GONOPROXY, ...) over the current overrides and switches every
    /// open session to the resulting mirrors. Reads Go's env files: call off the FX thread.
    /// @throws ProxyConfigException when the resulting GOPROXY is malformed (nothing is changed)
    public void applyMirrors(Map<String, String> vars) throws ProxyConfigException {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(vars);
        GoEnv env = withOverrides(base.loadEnv(), merged);
        dev.gofetch.proxy.ProxyList.parse(env.get("GOPROXY"), env.get("GONOPROXY"));
        overrides = Map.copyOf(merged);
        List<Session> open;
        synchronized (sessions) {
            open = new ArrayList<>(sessions);
        }
        for (Session s : open) {
            s.reroute(env.get("GOPROXY"), env.get("GONOPROXY"));
        }
    }

    /// Mirror statistics of the sessions open now and the latest closed ones, merged (the busier record of a mirror wins).
    public Map<String, MirrorHealth.Stats> liveMirrorHealth() {
        List<Session> open;
        synchronized (sessions) {
            open = new ArrayList<>(sessions);
            open.addAll(recent);
        }
        Map<String, MirrorHealth.Stats> out = new HashMap<>();
        for (Session s : open) {
            s.mirrorHealth().forEach((k, v) -> out.merge(k, v, (a, b) -> a.requests() >= b.requests() ? a : b));
        }
        return out;
    }

    /// Go's settings without any override: what the go command itself sees.
    public GoEnv loadPlainEnv() {
        return base.loadEnv();
    }

    @Override
    public GoEnv loadEnv() {
        return withOverrides(base.loadEnv(), overrides);
    }

    private static GoEnv withOverrides(GoEnv env, Map<String, String> o) {
        if (o.isEmpty()) {
            return env;
        }
        Map<String, String> merged = new HashMap<>(env.processEnvironment());
        merged.putAll(o);
        return GoEnv.load(merged);
    }

    @Override
    public Session openSession(GoEnv env) throws ProxyConfigException {
        Session s = base.openSession(env);
        synchronized (sessions) {
            sessions.add(s);
            recent.addLast(s);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        return s;
    }
}

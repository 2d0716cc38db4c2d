package dev.gofetch.ui.base;

import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ProxyConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/// The engine the app uses: the process's Go settings, optionally with some variables overridden
/// (the demo points GOPROXY at the built-in lab mirror and GOMODCACHE at a scratch directory).
/// Overrides apply to work started after they are set.
public final class SwitchableEngine implements Engine {
    private final Engine base;
    private volatile Map<String, String> overrides = Map.of();

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

    @Override
    public GoEnv loadEnv() {
        GoEnv env = base.loadEnv();
        Map<String, String> o = overrides;
        if (o.isEmpty()) {
            return env;
        }
        Map<String, String> merged = new HashMap<>(env.processEnvironment());
        merged.putAll(o);
        return GoEnv.load(merged);
    }

    @Override
    public Session openSession(GoEnv env) throws ProxyConfigException {
        return base.openSession(env);
    }
}

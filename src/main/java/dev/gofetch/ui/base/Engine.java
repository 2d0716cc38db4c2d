package dev.gofetch.ui.base;

import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ProxyConfigException;
import java.util.Map;
import java.util.Objects;

/// How view models reach the engine: Go's settings and sessions. The app uses the process
/// environment; tests pin their own (a file:// GOPROXY, a temporary GOMODCACHE, ...).
/// Both methods may do I/O: call them off the FX thread.
public interface Engine {
    /// Go's settings as the go command would see them (env files included).
    GoEnv loadEnv();

    /// A session for one piece of work; the caller closes it.
    Session openSession(GoEnv env) throws ProxyConfigException;

    /// The engine as the go command in this process environment would see it.
    static Engine of(Map<String, String> processEnvironment) {
        Map<String, String> env = Map.copyOf(processEnvironment);
        return new Engine() {
            @Override
            public GoEnv loadEnv() {
                return GoEnv.load(env);
            }

            @Override
            public Session openSession(GoEnv goEnv) throws ProxyConfigException {
                return Session.open(Objects.requireNonNull(goEnv), Session.DEFAULT_PARALLELISM);
            }
        };
    }
}

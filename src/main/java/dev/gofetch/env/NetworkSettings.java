package dev.gofetch.env;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/// The network settings a user has for the go command, in one place for every HTTP client gofetch
/// makes: proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), credentials (GOAUTH, .netrc) and extra
/// trusted roots (SSL_CERT_FILE, SSL_CERT_DIR). Nothing here ever prints a credential.
public final class NetworkSettings {
    private static final NetworkSettings NONE =
            new NetworkSettings(HttpProxyConfig.none(), GoAuth.off(), Optional.empty());

    private final HttpProxyConfig proxies;
    private final GoAuth auth;
    private final Supplier<Optional<SSLContext>> tls;
    private volatile Optional<SSLContext> tlsValue; // made on first use: reading SSL_CERT_DIR takes a while

    public NetworkSettings(HttpProxyConfig proxies, GoAuth auth, Optional<SSLContext> tls) {
        this(proxies, auth, () -> tls);
        Objects.requireNonNull(tls);
    }

    private NetworkSettings(HttpProxyConfig proxies, GoAuth auth, Supplier<Optional<SSLContext>> tls) {
        this.proxies = Objects.requireNonNull(proxies);
        this.auth = Objects.requireNonNull(auth);
        this.tls = tls;
    }

    /// Direct connections, no credentials, the JDK's roots.
    public static NetworkSettings none() {
        return NONE;
    }

    /// The settings of env's process environment and GOAUTH. With credentials in HTTPS_PROXY this
    /// also lets the JDK send them on CONNECT (see [HttpProxyConfig#allowBasicProxyAuthOnTunnels()]).
    /// Files (netrc, certificates) are read when first needed.
    public static NetworkSettings fromEnv(GoEnv env) {
        HttpProxyConfig proxies = HttpProxyConfig.fromEnv(env);
        proxies.allowBasicProxyAuthOnTunnels();
        return new NetworkSettings(proxies, GoAuth.fromEnv(env), () -> TlsTrust.fromEnv(env));
    }

    public HttpProxyConfig proxies() {
        return proxies;
    }

    public GoAuth auth() {
        return auth;
    }

    /// The SSL context for https clients when SSL_CERT_FILE or SSL_CERT_DIR add roots; empty for the
    /// JDK's defaults.
    public Optional<SSLContext> tls() {
        Optional<SSLContext> v = tlsValue;
        if (v == null) {
            synchronized (this) {
                v = tlsValue;
                if (v == null) {
                    v = Objects.requireNonNull(tls.get());
                    tlsValue = v;
                }
            }
        }
        return v;
    }

    /// The credential headers for a request to url (the first of its chain).
    public Map<String, String> headersFor(URI url) {
        return headersFor(url, url);
    }

    /// The credential headers for hop, a request in a chain (first request, then redirects) that
    /// began at first: the GOAUTH headers for an https first URL it covers, carried to hop
    /// where the go command's HTTP client carries them ([GoAuth#keepsAuthorization]), and
    /// `Proxy-Authorization` when hop goes through a proxy whose setting names a user.
    public Map<String, String> headersFor(URI first, URI hop) {
        Map<String, String> h = new HashMap<>(2);
        GoAuth.forRedirect(first, hop, auth.headers(first)).forEach((k, v) -> h.put(k, String.join(", ", v)));
        proxies.proxyAuthorization(hop).ifPresent(v -> h.put("Proxy-Authorization", v));
        return h;
    }

    @Override
    public String toString() {
        return "NetworkSettings[" + (proxies.isEmpty() ? "direct" : "proxies") + ", " + auth + "]";
    }
}

package dev.gofetch.env;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/// The network settings a user has for the go command, in one place for every HTTP client gofetch
/// makes: proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), credentials (GOAUTH, .netrc) and extra
/// trusted roots (SSL_CERT_FILE, SSL_CERT_DIR). Nothing here ever prints a credential.
public record NetworkSettings(HttpProxyConfig proxies, GoAuth auth, Optional<SSLContext> tls) {
    public NetworkSettings {
        Objects.requireNonNull(proxies);
        Objects.requireNonNull(auth);
        Objects.requireNonNull(tls);
    }

    /// Direct connections, no credentials, the JDK's roots.
    public static NetworkSettings none() {
        return new NetworkSettings(HttpProxyConfig.none(), GoAuth.off(), Optional.empty());
    }

    /// The settings of env's process environment and GOAUTH. With credentials in HTTPS_PROXY this
    /// also lets the JDK send them on CONNECT (see [HttpProxyConfig#allowBasicProxyAuthOnTunnels()]).
    public static NetworkSettings fromEnv(GoEnv env) {
        HttpProxyConfig proxies = HttpProxyConfig.fromEnv(env);
        proxies.allowBasicProxyAuthOnTunnels();
        return new NetworkSettings(proxies, GoAuth.fromEnv(env), TlsTrust.fromEnv(env));
    }

    /// The credential headers for one request (or one redirect hop) to url: `Authorization` from
    /// GOAUTH for https URLs it covers, `Proxy-Authorization` when the request goes through a proxy
    /// whose setting names a user.
    public Map<String, String> headersFor(URI url) {
        Map<String, String> h = new HashMap<>(2);
        auth.authorization(url).ifPresent(v -> h.put("Authorization", v));
        proxies.proxyAuthorization(url).ifPresent(v -> h.put("Proxy-Authorization", v));
        return h;
    }

    @Override
    public String toString() {
        return "NetworkSettings[" + (proxies.isEmpty() ? "direct" : "proxies") + ", " + auth + "]";
    }
}

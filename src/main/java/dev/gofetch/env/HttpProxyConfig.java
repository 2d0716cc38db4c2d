package dev.gofetch.env;

import java.io.IOException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/// HTTP_PROXY, HTTPS_PROXY and NO_PROXY with the go command's rules (`net/http.ProxyFromEnvironment`,
/// that is golang.org/x/net/http/httpproxy): an upper-case variable wins over its lower-case form;
/// https requests use HTTPS_PROXY and http requests HTTP_PROXY; a value without a scheme means
/// `http://`; `localhost` and loopback addresses never go through a proxy; NO_PROXY lists `*`, domain
/// names (with or without a leading dot or `*.`), `host:port`, IP addresses and CIDR ranges.
///
/// The JDK's HTTP client speaks to plain `http://` proxies only; a request that Go would send through
/// an `https://` or `socks5://` proxy is refused here rather than sent directly.
public final class HttpProxyConfig {
    private static final HttpProxyConfig NONE = new HttpProxyConfig("", "", "", false);
    private static final String CGI_REFUSAL =
            "refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy";

    /// How one request travels.
    public sealed interface Route {
        /// Straight to the server.
        record Direct() implements Route {}

        /// Through an http:// proxy at host:port; authorization is the `Proxy-Authorization` value
        /// when the proxy setting carries a user name.
        record ViaProxy(String host, int port, Optional<String> authorization) implements Route {
            @Override
            public String toString() {
                return "proxy " + host + ":" + port; // never the credentials
            }
        }

        /// Go would use a proxy gofetch cannot (or must not) use; the request fails with message.
        record Refused(String message) implements Route {}
    }

    private final ProxyUrl httpProxy;
    private final ProxyUrl httpsProxy;
    private final boolean cgi;
    private final List<Matcher> ipMatchers = new ArrayList<>();
    private final List<Matcher> domainMatchers = new ArrayList<>();

    private HttpProxyConfig(String httpProxy, String httpsProxy, String noProxy, boolean cgi) {
        this.httpProxy = ProxyUrl.parse(httpProxy);
        this.httpsProxy = ProxyUrl.parse(httpsProxy);
        this.cgi = cgi;
        parseNoProxy(noProxy);
    }

    /// No proxy for anything.
    public static HttpProxyConfig none() {
        return NONE;
    }

    /// The settings in the process environment GoEnv was loaded from.
    public static HttpProxyConfig fromEnv(GoEnv env) {
        return fromEnvironment(env.processEnvironment());
    }

    static HttpProxyConfig fromEnvironment(Map<String, String> process) {
        return new HttpProxyConfig(
                either(process, "HTTP_PROXY", "http_proxy"),
                either(process, "HTTPS_PROXY", "https_proxy"),
                either(process, "NO_PROXY", "no_proxy"),
                !process.getOrDefault("REQUEST_METHOD", "").isEmpty());
    }

    public static HttpProxyConfig of(String httpProxy, String httpsProxy, String noProxy) {
        return new HttpProxyConfig(httpProxy, httpsProxy, noProxy, false);
    }

    private static String either(Map<String, String> process, String upper, String lower) {
        String v = process.getOrDefault(upper, "");
        return v.isEmpty() ? process.getOrDefault(lower, "") : v;
    }

    /// Whether any request may go through a proxy at all.
    public boolean isEmpty() {
        return httpProxy == null && httpsProxy == null;
    }

    /// Whether a proxy setting carries a user name (so `Proxy-Authorization` is sent).
    public boolean hasProxyCredentials() {
        return (httpProxy != null && httpProxy.user != null) || (httpsProxy != null && httpsProxy.user != null);
    }

    /// The route for a request to url (`httpproxy.Config.ProxyFunc`).
    public Route route(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        ProxyUrl proxy;
        if (scheme.equals("https")) {
            proxy = httpsProxy;
        } else if (scheme.equals("http")) {
            proxy = httpProxy;
            if (proxy != null && cgi) {
                return new Route.Refused(CGI_REFUSAL);
            }
        } else {
            proxy = null;
        }
        if (proxy == null || !useProxy(url, scheme)) {
            return new Route.Direct();
        }
        if (!proxy.scheme.equals("http")) {
            return new Route.Refused("proxyconnect: gofetch cannot use " + proxy.scheme + " proxy "
                    + proxy.scheme + "://" + proxy.hostPort() + "; only http:// proxies are supported");
        }
        return new Route.ViaProxy(proxy.host, proxy.port, proxy.authorization());
    }

    /// The `Proxy-Authorization` value for a request to url, if it goes through a proxy with a user.
    public Optional<String> proxyAuthorization(URI url) {
        return route(url) instanceof Route.ViaProxy via ? via.authorization() : Optional.empty();
    }

    /// For `HttpClient.Builder.proxy`: the proxy of each request's route. A request whose route is
    /// refused fails with an IllegalStateException naming the reason (never silently goes direct).
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                Route r = route(uri);
                if (r instanceof Route.ViaProxy via) {
                    return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(via.host(), via.port())));
                }
                if (r instanceof Route.Refused refused) {
                    throw new IllegalStateException(refused.message());
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // the request fails with the connection error; there is no other proxy to try
            }
        };
    }

    /// The JDK refuses `Proxy-Authorization: Basic` on CONNECT unless the
    /// `jdk.http.auth.tunneling.disabledSchemes` property (read once, when the JDK's HTTP client is
    /// first used) says otherwise. The go command sends it, so with credentials in HTTPS_PROXY this
    /// clears the property, unless the user set it; call before the first HTTP client is made.
    /// @return whether Basic proxy authentication on tunnels is now allowed
    public boolean allowBasicProxyAuthOnTunnels() {
        if (httpsProxy == null || httpsProxy.user == null) {
            return false;
        }
        String key = "jdk.http.auth.tunneling.disabledSchemes";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "");
        }
        return !System.getProperty(key).toLowerCase(Locale.ROOT).contains("basic");
    }

    // ---- NO_PROXY

    private boolean useProxy(URI url, String scheme) {
        String host = hostname(url);
        if (host.isEmpty()) {
            return true;
        }
        host = asciiHost(host);
        int urlPort = url.getPort();
        String port = urlPort >= 0 ? String.valueOf(urlPort) : scheme.equals("https") ? "443" : "80";
        if (host.equals("localhost")) {
            return false;
        }
        InetAddress ip = IpLiteral.parse(host, true).orElse(null);
        if (ip != null && ip.isLoopbackAddress()) {
            return false;
        }
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (ip != null) {
            for (Matcher m : ipMatchers) {
                if (m.matches(lower, port, ip)) {
                    return false;
                }
            }
        }
        for (Matcher m : domainMatchers) {
            if (m.matches(lower, port, ip)) {
                return false;
            }
        }
        return true;
    }

    /// `URL.Hostname()`: the host without brackets (java.net.URI keeps them for IPv6).
    private static String hostname(URI url) {
        String host = url.getHost();
        if (host == null) {
            String authority = url.getRawAuthority();
            if (authority == null) {
                return "";
            }
            int at = authority.lastIndexOf('@');
            host = HostPort.split(authority.substring(at + 1)).host;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static String asciiHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80) {
                try {
                    return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    return host;
                }
            }
        }
        return host;
    }

    private interface Matcher {
        boolean matches(String host, String port, InetAddress ip);
    }

    private void parseNoProxy(String noProxy) {
        for (String entry : noProxy.split(",", -1)) {
            String p = entry.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("*")) {
                ipMatchers.clear();
                domainMatchers.clear();
                ipMatchers.add((h, port, ip) -> true);
                domainMatchers.add((h, port, ip) -> true);
                return;
            }
            Optional<Cidr> cidr = Cidr.parse(p);
            if (cidr.isPresent()) {
                Cidr c = cidr.get();
                ipMatchers.add((h, port, ip) -> c.contains(ip));
                continue;
            }
            String phost;
            String pport;
            HostPort hp = HostPort.splitStrict(p);
            if (hp != null) {
                phost = hp.host;
                pport = hp.port;
                if (phost.isEmpty()) {
                    continue;
                }
            } else {
                phost = p;
                pport = "";
            }
            Optional<InetAddress> pip = IpLiteral.parse(phost, false);
            if (pip.isPresent()) {
                InetAddress want = pip.get();
                String wantPort = pport;
                ipMatchers.add((h, port, ip) -> want.equals(ip) && (wantPort.isEmpty() || wantPort.equals(port)));
                continue;
            }
            if (phost.startsWith("*.")) {
                phost = phost.substring(1);
            }
            boolean matchHost = false;
            if (phost.charAt(0) != '.') {
                matchHost = true;
                phost = "." + phost;
            }
            String suffix = asciiHost(phost);
            boolean exactToo = matchHost;
            String wantPort = pport;
            domainMatchers.add((h, port, ip) -> ip == null
                    && (h.endsWith(suffix) || (exactToo && h.equals(suffix.substring(1))))
                    && (wantPort.isEmpty() || wantPort.equals(port)));
        }
    }

    // ---- parsing helpers

    /// A proxy setting: `[scheme://][user[:password]@]host[:port]`.
    private static final class ProxyUrl {
        private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
        final String scheme;
        final String user;
        final String password;
        final String host;
        final int port;

        private ProxyUrl(String scheme, String user, String password, String host, int port) {
            this.scheme = scheme;
            this.user = user;
            this.password = password;
            this.host = host;
            this.port = port;
        }

        /// `httpproxy.parseProxy`: a value that does not parse as a URL with a scheme and a host
        /// is tried again with `http://` in front; a value that still does not parse means no proxy.
        static ProxyUrl parse(String value) {
            if (value.isEmpty()) {
                return null;
            }
            ProxyUrl u = parseUrl(value);
            if (u == null) {
                u = parseUrl("http://" + value);
            }
            return u;
        }

        private static ProxyUrl parseUrl(String s) {
            int sep = s.indexOf("://");
            if (sep <= 0 || !SCHEME.matcher(s.substring(0, sep)).matches()) {
                return null;
            }
            String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            String rest = s.substring(sep + 3);
            int end = rest.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int i = rest.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            String authority = rest.substring(0, end);
            String user = null;
            String password = null;
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String info = authority.substring(0, at);
                int colon = info.indexOf(':');
                try {
                    user = percentDecode(colon >= 0 ? info.substring(0, colon) : info);
                    password = colon >= 0 ? percentDecode(info.substring(colon + 1)) : null;
                } catch (IllegalArgumentException e) {
                    return null;
                }
                authority = authority.substring(at + 1);
            }
            HostPort hp = HostPort.split(authority);
            if (hp.host.isEmpty() || !validHost(hp.host)) {
                return null;
            }
            int port;
            if (hp.port.isEmpty()) {
                port = switch (scheme) {
                    case "https" -> 443;
                    case "socks5", "socks5h" -> 1080;
                    default -> 80;
                };
            } else {
                try {
                    port = Integer.parseInt(hp.port);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (port < 0 || port > 65535) {
                    return null;
                }
            }
            return new ProxyUrl(scheme, user, password, hp.host, port);
        }

        /// What `url.Parse` refuses in a host: bad percent escapes, controls, spaces and the like.
        private static boolean validHost(String host) {
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c == '%') {
                    if (i + 2 >= host.length() || Character.digit(host.charAt(i + 1), 16) < 0
                            || Character.digit(host.charAt(i + 2), 16) < 0) {
                        return false;
                    }
                } else if (c <= ' ' || c == 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }

        String hostPort() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        Optional<String> authorization() {
            if (user == null) {
                return Optional.empty();
            }
            String pair = user + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        private static String percentDecode(String s) {
            if (s.indexOf('%') < 0) {
                return s;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < s.length(); ) {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= s.length()) {
                        throw new IllegalArgumentException("bad escape");
                    }
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("bad escape");
                    }
                    out.write(hi * 16 + lo);
                    i += 3;
                } else {
                    byte[] b = String.valueOf(Character.toChars(s.codePointAt(i))).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                    i += Character.charCount(s.codePointAt(i));
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /// `net.SplitHostPort`-like splitting of `host[:port]` and `[v6]:port`.
    private record HostPort(String host, String port) {
        /// Lenient: a missing port is "", brackets removed.
        static HostPort split(String s) {
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    return new HostPort(s, "");
                }
                String rest = s.substring(close + 1);
                return new HostPort(s.substring(1, close), rest.startsWith(":") ? rest.substring(1) : "");
            }
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                return new HostPort(s, "");
            }
            return new HostPort(s.substring(0, colon), s.substring(colon + 1));
        }

        /// `net.SplitHostPort`: null where Go reports an error (no port, too many colons, ...).
        static HostPort splitStrict(String s) {
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                    return null;
                }
                String host = s.substring(1, close);
                String port = s.substring(close + 2);
                if (port.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
                    return null;
                }
                return new HostPort(host, port);
            }
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                return null;
            }
            String host = s.substring(0, colon);
            if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
                return null;
            }
            return new HostPort(host, s.substring(colon + 1));
        }
    }

    /// IP address literals only; host names are never looked up.
    static final class IpLiteral {
        private static final Pattern V4 = Pattern.compile(
                "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
        private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

        private IpLiteral() {}

        /// @param zoneAllowed `netip.ParseAddr` accepts `fe80::1%eth0`, `net.ParseIP` does not
        static Optional<InetAddress> parse(String s, boolean zoneAllowed) {
            String addr = s;
            if (zoneAllowed) {
                int pct = s.indexOf('%');
                if (pct > 0 && s.indexOf(':') >= 0) {
                    addr = s.substring(0, pct);
                }
            }
            if (!V4.matcher(addr).matches() && !V6.matcher(addr).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(addr)); // a literal: no name lookup
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
    }

    private record Cidr(byte[] network, int bits) {
        static Optional<Cidr> parse(String s) {
            int slash = s.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            Optional<InetAddress> ip = IpLiteral.parse(s.substring(0, slash), false);
            String len = s.substring(slash + 1);
            if (ip.isEmpty() || !len.matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            // net.ParseCIDR sizes the mask by how the address is written, not by what it is.
            boolean written4 = s.substring(0, slash).indexOf(':') < 0;
            byte[] raw = ip.get().getAddress();
            if (!written4 && raw.length == 4) {
                return Optional.empty(); // an IPv4-mapped IPv6 prefix: too rare to model
            }
            int bits = Integer.parseInt(len);
            if (bits > raw.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new Cidr(raw, bits));
        }

        boolean contains(InetAddress ip) {
            if (ip == null) {
                return false;
            }
            byte[] a = ip.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}

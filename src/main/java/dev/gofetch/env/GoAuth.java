package dev.gofetch.env;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/// GOAUTH as the go command applies it to https requests (`cmd/go/internal/auth`), for the methods
/// gofetch knows: `netrc` (the default) and `off`. The netrc file is read once, on the first request
/// that asks. A credential belongs to a URL prefix: the netrc `machine` name is compared with the URL
/// without `https://`, cut back one path element at a time (so `machine example.com` covers
/// `https://example.com/a/b` but not `https://example.com:8443/`, whose prefix is `example.com:8443`).
/// Only https URLs ever get credentials.
public final class GoAuth {
    private static final GoAuth OFF = new GoAuth(false, null);

    private final boolean netrc;
    private final java.util.function.Supplier<Map<String, String>> byPrefix;

    private GoAuth(boolean netrc, java.util.function.Supplier<Map<String, String>> byPrefix) {
        this.netrc = netrc;
        this.byPrefix = byPrefix;
    }

    /// No credentials for anything (GOAUTH=off).
    public static GoAuth off() {
        return OFF;
    }

    /// GOAUTH of env; `netrc` reads `$NETRC` or `~/.netrc` when first needed. Methods other than
    /// `netrc` and `off` (`git DIR`, commands) are not supported and contribute nothing.
    public static GoAuth fromEnv(GoEnv env) {
        boolean netrc = false;
        for (String command : env.get("GOAUTH").split(";", -1)) {
            List<String> words = List.of(command.strip().split("\\s+"));
            if (words.get(0).equals("off")) {
                return OFF;
            }
            netrc |= words.get(0).equals("netrc");
        }
        if (!netrc) {
            return OFF;
        }
        return new GoAuth(true, memoize(() -> {
            try {
                return credentials(Netrc.read(env.netrcPath()));
            } catch (IOException | RuntimeException e) {
                // As the go command: an unreadable netrc (or no HOME) just means no credentials.
                return Map.of();
            }
        }));
    }

    /// Credentials from a parsed netrc (for tests and callers holding one).
    public static GoAuth of(Netrc netrc) {
        Map<String, String> m = credentials(netrc);
        return new GoAuth(true, () -> m);
    }

    public boolean isOff() {
        return !netrc;
    }

    /// The `Authorization` value for a request to url: present only for https URLs covered by a
    /// credential.
    public Optional<String> authorization(URI url) {
        if (!netrc || url.getScheme() == null || !url.getScheme().equalsIgnoreCase("https")) {
            return Optional.empty();
        }
        Map<String, String> creds = byPrefix.get();
        if (creds.isEmpty()) {
            return Optional.empty();
        }
        String prefix = trimPrefix(url.toString());
        while (true) {
            String header = creds.get(prefix);
            if (header != null) {
                return Optional.of(header);
            }
            int slash = prefix.lastIndexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            prefix = prefix.substring(0, slash);
        }
    }

    /// Whether the go command's HTTP client carries the first request's `Authorization` on to a
    /// redirect target: to the same host and port, or to the same domain or a subdomain of it.
    public static boolean keepsAuthorization(URI first, URI next) {
        String a = first.getRawAuthority() == null ? "" : stripUserInfo(first.getRawAuthority());
        String b = next.getRawAuthority() == null ? "" : stripUserInfo(next.getRawAuthority());
        if (a.equals(b)) {
            return true;
        }
        String parent = bareHost(first);
        String sub = bareHost(next);
        if (sub.equals(parent)) {
            return true;
        }
        if (sub.indexOf(':') >= 0 || sub.indexOf('%') >= 0) {
            return false;
        }
        return sub.endsWith(parent) && sub.length() > parent.length()
                && sub.charAt(sub.length() - parent.length() - 1) == '.';
    }

    private static String stripUserInfo(String authority) {
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    private static String bareHost(URI u) {
        String h = u.getHost() == null ? "" : u.getHost();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return java.net.IDN.toASCII(h, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /// Earlier entries win when a machine is listed twice, as in the go command.
    private static Map<String, String> credentials(Netrc netrc) {
        Map<String, String> m = new HashMap<>();
        for (Netrc.Entry e : netrc.entries()) {
            String pair = e.login() + ":" + e.password();
            m.putIfAbsent(trimPrefix(e.machine()),
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Map.copyOf(m);
    }

    private static String trimPrefix(String s) {
        if (s.startsWith("https://")) {
            s = s.substring("https://".length());
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> s) {
        return new java.util.function.Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = s.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    @Override
    public String toString() {
        return netrc ? "GOAUTH=netrc" : "GOAUTH=off"; // never the credentials
    }
}

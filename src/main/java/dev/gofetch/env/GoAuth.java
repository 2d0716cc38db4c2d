package dev.gofetch.env;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/// GOAUTH as the go command applies it to https requests (`cmd/go/internal/auth`): a `;`-separated
/// list of `netrc`, `git DIR`, `off` (alone) and commands of the user's. Credentials are headers that
/// belong to a URL prefix: the prefix is compared with the URL without `https://`, cut back one path
/// element at a time (so `machine example.com` covers `https://example.com/a/b` but not
/// `https://example.com:8443/`, whose prefix is `example.com:8443`). Only https URLs ever get them.
///
/// Before the first https request every method runs once without a URL (netrc is read, commands run
/// with no argument, `git` contributes nothing yet); after an https 4xx every method runs again with
/// the URL ([#afterClientError]) and the request is made once more. The list is worked through from
/// its end, so for a prefix that several methods cover the earliest in GOAUTH wins.
public final class GoAuth {
    private static final GoAuth OFF = new GoAuth(null, null, Map.of());
    private static final long COMMAND_TIME_LIMIT_SECONDS = 60;
    /// Headers net/http drops on a redirect to another domain; all others go along.
    private static final Set<String> SENSITIVE = Set.of("authorization", "www-authenticate", "cookie", "cookie2");

    private final String setting;
    private final Supplier<Netrc> netrc;
    private final Map<String, String> processEnvironment;
    private final Map<String, Map<String, List<String>>> byPrefix = new ConcurrentHashMap<>();
    private volatile boolean initialRunDone;

    private GoAuth(String setting, Supplier<Netrc> netrc, Map<String, String> processEnvironment) {
        this.setting = setting;
        this.netrc = netrc;
        this.processEnvironment = processEnvironment;
    }

    /// No credentials for anything (GOAUTH=off).
    public static GoAuth off() {
        return OFF;
    }

    /// GOAUTH of env; `netrc` reads `$NETRC` or `~/.netrc` once, when first needed; commands run with
    /// env's process environment.
    public static GoAuth fromEnv(GoEnv env) {
        String setting = env.get("GOAUTH");
        if (setting.equals("off")) {
            return OFF;
        }
        return new GoAuth(setting, memoize(() -> {
            try {
                return Netrc.read(env.netrcPath());
            } catch (IOException | RuntimeException e) {
                // As the go command: an unreadable netrc (or no HOME) just means no credentials.
                return Netrc.parse("");
            }
        }), Map.copyOf(env.processEnvironment()));
    }

    /// Credentials from a parsed netrc (for tests and callers holding one).
    public static GoAuth of(Netrc netrc) {
        return new GoAuth("netrc", () -> netrc, Map.of());
    }

    public boolean isOff() {
        return setting == null;
    }

    /// The `Authorization` value for a request to url: present only for https URLs covered by a
    /// credential.
    public Optional<String> authorization(URI url) {
        List<String> v = headers(url).get("Authorization");
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /// The credential headers (canonical names) for a request to url: empty unless url is https and
    /// a prefix of it has credentials. The first call runs the GOAUTH methods once.
    /// @throws GoEnvException when GOAUTH is one the go command stops at (an empty command, `off`
    ///     with others, a bad `git` dir)
    public Map<String, List<String>> headers(URI url) {
        if (isOff() || !isHttps(url)) {
            return Map.of();
        }
        initialRun();
        return lookUp(url.toString());
    }

    /// After an https request for url got a 4xx answer (statusLine as `HTTP/1.1 401 Unauthorized`,
    /// and its headers): runs every GOAUTH method again with the URL, as the go command does before
    /// asking once more.
    public void afterClientError(URI url, String statusLine, Map<String, List<String>> responseHeaders) {
        if (isOff() || !isHttps(url)) {
            return;
        }
        StringBuilder stdin = new StringBuilder(statusLine).append('\n');
        responseHeaders.forEach((k, v) -> {
            if (!k.startsWith(":")) {
                stdin.append(canonicalHeaderName(k)).append(": ").append(String.join(", ", v)).append('\n');
            }
        });
        stdin.append('\n');
        synchronized (this) {
            if (!initialRunDone) {
                run("", stdin.toString());
                initialRunDone = true;
            }
            run(url.toString(), stdin.toString());
        }
    }

    /// Drops the headers net/http does not carry from the first request's URL to a redirect target.
    public static Map<String, List<String>> forRedirect(URI first, URI next, Map<String, List<String>> headers) {
        if (headers.isEmpty() || keepsAuthorization(first, next)) {
            return headers;
        }
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(k -> SENSITIVE.contains(k.toLowerCase(Locale.ROOT)));
        return kept;
    }

    private void initialRun() {
        if (!initialRunDone) {
            synchronized (this) {
                if (!initialRunDone) {
                    run("", null);
                    initialRunDone = true;
                }
            }
        }
    }

    private Map<String, List<String>> lookUp(String url) {
        if (byPrefix.isEmpty()) {
            return Map.of();
        }
        String prefix = trimPrefix(url);
        while (true) {
            Map<String, List<String>> h = byPrefix.get(prefix);
            if (h != null) {
                return h;
            }
            int slash = prefix.lastIndexOf('/');
            if (slash < 0) {
                return Map.of();
            }
            prefix = prefix.substring(0, slash);
        }
    }

    /// One pass over the methods, last first; url is "" for the first pass, stdin null then.
    /// Failures of single methods are dropped (the go command shows them only with -x).
    private void run(String url, String stdin) {
        List<String> commands = new ArrayList<>(List.of(setting.split(";", -1)));
        Collections.reverse(commands);
        for (String raw : commands) {
            String command = raw.strip();
            String[] words = command.isEmpty() ? new String[0] : command.split("[ \\t\\n\\r\\f\\u000B]+");
            if (words.length == 0) {
                throw new GoEnvException("GOAUTH encountered an empty command (GOAUTH=" + setting + ")");
            }
            switch (words[0]) {
                case "off" -> {
                    if (commands.size() != 1) {
                        throw new GoEnvException("GOAUTH=off cannot be combined with other authentication commands (GOAUTH="
                                + setting + ")");
                    }
                    return;
                }
                case "netrc" -> {
                    List<Netrc.Entry> lines = netrc.get().entries();
                    for (int i = lines.size() - 1; i >= 0; i--) {
                        Netrc.Entry e = lines.get(i);
                        store(e.machine(), Map.of("Authorization", List.of(basic(e.login(), e.password()))));
                    }
                }
                case "git" -> {
                    Path dir = gitDir(words);
                    if (!url.isEmpty()) {
                        try {
                            GitCredential c = GitCredential.fill(dir, url, processEnvironment, COMMAND_TIME_LIMIT_SECONDS);
                            store(c.prefix(), Map.of("Authorization", List.of(basic(c.username(), c.password()))));
                        } catch (IOException e) {
                            // no credential from git for this URL
                        }
                    }
                }
                default -> {
                    try {
                        AuthCommand.run(command, url, stdin, processEnvironment, COMMAND_TIME_LIMIT_SECONDS)
                                .forEach(this::store);
                    } catch (IOException e) {
                        // the command failed or printed something else than credentials
                    }
                }
            }
        }
    }

    private static Path gitDir(String[] words) {
        String base = "GOAUTH=git dir method requires an absolute path to the git working directory";
        if (words.length != 2) {
            throw new GoEnvException(base);
        }
        Path dir = Path.of(words[1]);
        if (!dir.isAbsolute()) {
            throw new GoEnvException(base + ", dir is not absolute");
        }
        if (!Files.exists(dir)) {
            throw new GoEnvException("GOAUTH=git encountered an error; cannot stat " + words[1] + ": stat " + words[1]
                    + ": no such file or directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new GoEnvException(base + ", dir is not a directory");
        }
        return dir;
    }

    private void store(String prefix, Map<String, List<String>> headers) {
        String key = trimPrefix(prefix);
        if (headers.isEmpty()) {
            byPrefix.remove(key);
        } else {
            byPrefix.put(key, headers);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isHttps(URI url) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase("https");
    }

    /// textproto's canonical form: `x-token` → `X-Token`.
    static String canonicalHeaderName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
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

    private static String trimPrefix(String s) {
        if (s.startsWith("https://")) {
            s = s.substring("https://".length());
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
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
        if (isOff()) {
            return "GOAUTH=off";
        }
        // method names only: a command's arguments may hold a secret
        List<String> kinds = new ArrayList<>();
        for (String command : setting.split(";", -1)) {
            String first = command.strip().split("\\s+")[0];
            kinds.add(first.equals("netrc") || first.equals("git") ? first : "command");
        }
        return "GOAUTH=" + String.join(";", kinds);
    }
}

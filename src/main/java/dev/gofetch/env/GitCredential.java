package dev.gofetch.env;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/// One answer of `git credential fill` for GOAUTH=git DIR: the URL prefix git gave the credential
/// for (from `protocol`, `host`, `path` or `url`), and the user name and password.
record GitCredential(String prefix, String username, String password) {
    @Override
    public String toString() {
        return "GitCredential[" + prefix + ", " + username + "]"; // never the password
    }

    /// Asks git, in dir, for the credential of url (git's prompts switched off).
    /// @throws IOException when git fails, answers nothing usable, or answers for a URL that is not a
    ///     prefix of url
    static GitCredential fill(Path dir, String url, Map<String, String> environment, long timeLimitSeconds)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GCM_INTERACTIVE", "never");
        Processes.Result r = Processes.run(java.util.List.of("git", "credential", "fill"), dir, env,
                "url=" + url + "\n", timeLimitSeconds, true);
        if (r.exitCode() != 0) {
            throw new IOException("'git credential fill' failed (url=" + url + "): exit status " + r.exitCode());
        }
        GitCredential c = parse(r.stdout());
        if (c.prefix().isEmpty()) {
            throw new IOException("'git credential fill' failed for url=" + url + ", could not parse url");
        }
        if (!url.startsWith(c.prefix())) {
            throw new IOException("requested a credential for " + url + ", but 'git credential fill' provided one for "
                    + c.prefix());
        }
        return c;
    }

    /// Reads git's `key=value` lines; the prefix is assembled as Go's url.URL prints scheme, host
    /// and path, or taken from a `url` line.
    static GitCredential parse(String out) {
        String scheme = "";
        String host = "";
        String path = "";
        String url = null;
        String username = "";
        String password = "";
        for (String line : out.split("\n", -1)) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = l.substring(eq + 1);
            switch (l.substring(0, eq)) {
                case "protocol" -> { scheme = value; url = null; }
                case "host" -> { host = value; url = null; }
                case "path" -> { path = value; url = null; }
                case "username" -> username = value;
                case "password" -> password = value;
                case "url" -> {
                    if (isRequestUri(value)) {
                        url = value;
                    }
                }
                default -> { }
            }
        }
        String prefix = url != null ? url : urlString(scheme, host, path);
        return new GitCredential(prefix, username, password);
    }

    private static boolean isRequestUri(String value) {
        try {
            URI u = new URI(value);
            return u.isAbsolute() || value.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String urlString(String scheme, String host, String path) {
        StringBuilder b = new StringBuilder();
        if (!scheme.isEmpty()) {
            b.append(scheme).append(':');
        }
        if (!scheme.isEmpty() || !host.isEmpty()) {
            if (!host.isEmpty() || !path.isEmpty()) {
                b.append("//");
            }
            b.append(host);
        }
        if (!path.isEmpty() && !path.startsWith("/") && !host.isEmpty()) {
            b.append('/');
        }
        b.append(path);
        return b.toString();
    }
}

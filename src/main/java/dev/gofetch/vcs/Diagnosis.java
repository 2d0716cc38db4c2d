package dev.gofetch.vcs;

import dev.gofetch.env.GoEnv;
import dev.gofetch.module.ModulePath;
import dev.gofetch.proxy.ModuleFetchException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// What went wrong with a private module, named, with the concrete fix: which variable to change,
/// to what, and where it is set now. Judged from the failure as the go command words it (gofetch
/// reports failures in the go command's words), plus the Go settings in effect.
/// @param kind       what sort of failure it is
/// @param modulePath the module concerned ("" if the message does not say)
/// @param summary    the failure named in a few words
/// @param fix        what to do, concretely
/// @param change     the settings change the fix asks for, when `go env -w` can make it (null otherwise:
///                   no settings change helps, or the variable is set in the process environment)
public record Diagnosis(Kind kind, String modulePath, String summary, String fix, EnvChange change) {
    /// A new value for a Go setting, to be written to the user's Go env file.
    /// @param added the pattern added to the variable's list
    public record EnvChange(String variable, String added, String value, java.nio.file.Path envFile) {
        /// Writes it as `go env -w variable=value` would.
        public void apply() throws java.io.IOException {
            try {
                dev.gofetch.env.EnvFileWriter.of(GoEnv.load(java.util.Map.of("GOENV", envFile.toString())))
                        .set(List.of(variable + "=" + value), warning -> {});
            } catch (dev.gofetch.env.GoEnvException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        }

        /// The remedy's label: `Add git.corp.example to GOPRIVATE`.
        public String label() {
            return "Add " + added + " to " + variable;
        }
    }

    private static EnvChange change(EnvOrigin origin, String pattern, GoEnv env) {
        if (origin.where() == EnvOrigin.Where.ENVIRONMENT || env.envFile().isEmpty()) {
            return null;
        }
        return new EnvChange(origin.name(), pattern, appended(origin.value(), pattern), env.envFile().get());
    }

    public enum Kind {
        /// The repository or server wants credentials that were not given (or were refused).
        AUTHENTICATION,
        /// A private module path was asked of a public proxy, which cannot see it (the classic 404/410).
        PRIVATE_PATH_SENT_TO_PROXY,
        /// A private module was looked up in the public checksum database, which does not know it.
        PRIVATE_PATH_SENT_TO_CHECKSUM_DB,
        /// The version, tag, branch or commit does not exist in the repository.
        UNKNOWN_REVISION,
        /// The path is private but GOPRIVATE does not say so, and that is what failed.
        MISSING_GOPRIVATE
    }

    /// One line for a terminal: `summary: fix`.
    public String hint() {
        return summary + ": " + fix;
    }

    /// The diagnosis for a failure, if it is one of the [Kind]s.
    public static Optional<Diagnosis> of(Throwable failure, GoEnv env) {
        String path = "";
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (path.isEmpty() && t instanceof ModuleFetchException m) {
                path = m.path();
            }
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append('\n');
            }
        }
        return of(path, text.toString(), env);
    }

    /// The diagnosis for an error message (`path@version: ...` as the go command prints it).
    public static Optional<Diagnosis> of(String message, GoEnv env) {
        return of("", message, env);
    }

    private static final Pattern MODULE_PREFIX = Pattern.compile("^(?:go: |gofetch: )?(?:module )?([^\\s@:]+)(?:@[^\\s:]+)?: ");
    private static final Pattern SUMDB_LOOKUP = Pattern.compile(
            "reading (https?://\\S+?)/lookup/(\\S+?)@\\S+: (404 Not Found|410 Gone)");
    private static final Pattern PROXY_NOT_FOUND = Pattern.compile(
            "reading (https?://\\S+?)/(\\S+)/@(?:v/\\S+|latest): (404 Not Found|410 Gone)");
    private static final Pattern GOVCS_PUBLIC = Pattern.compile("GOVCS disallows using (\\S+) for public (\\S+); ");
    private static final Pattern HOST_IN_GIT_MESSAGE = Pattern.compile("for '(?:https?|ssh)://(?:[^@/']*@)?([^/':]+)");
    private static final Pattern UNKNOWN_REVISION = Pattern.compile("unknown revision (\\S+)");
    private static final Set<String> PUBLIC_PROXIES = Set.of("proxy.golang.org", "goproxy.io", "goproxy.cn",
            "mirrors.aliyun.com", "proxy.golang.com.cn");
    /// Hosts shared by many owners: a pattern for one owner there is `host/owner`.
    private static final Set<String> SHARED_HOSTS = Set.of("github.com", "gitlab.com", "bitbucket.org", "codeberg.org",
            "dev.azure.com", "gitea.com");
    private static final List<String> AUTH_SIGNS = List.of("terminal prompts disabled", "could not read username",
            "could not read password", "authentication failed", "permission denied (publickey", "host key verification failed",
            "401 unauthorized", "403 forbidden", "invalid username or password", "http basic: access denied");
    /// What a public proxy says when it could not fetch the module from its origin: the origin is private.
    private static final List<String> ORIGIN_UNREACHABLE = List.of("unrecognized import path", "terminal prompts disabled",
            "could not read username", "authentication", "repository not found", "no such host", "fatal:",
            "403 forbidden", "401 unauthorized", "dial tcp", "reading https://");

    private static Optional<Diagnosis> of(String knownPath, String message, GoEnv env) {
        String path = knownPath;
        if (path.isEmpty()) {
            Matcher m = MODULE_PREFIX.matcher(message);
            if (m.find()) {
                path = m.group(1);
            }
        }
        String lower = message.toLowerCase(Locale.ROOT);

        Matcher sumdb = SUMDB_LOOKUP.matcher(message);
        if (sumdb.find()) {
            String p = unescape(sumdb.group(2));
            if (!ModulePath.matchPrefixPatterns(env.get("GONOSUMDB"), p)) {
                return Optional.of(privatePathSent(Kind.PRIVATE_PATH_SENT_TO_CHECKSUM_DB, p, "GONOSUMDB", env,
                        "the checksum database " + sumdb.group(1) + " answered " + sumdb.group(3) + " for " + p));
            }
        }

        Matcher proxy = PROXY_NOT_FOUND.matcher(message);
        if (proxy.find()) {
            String p = path.isEmpty() ? unescape(proxy.group(2)) : path;
            String afterStatus = lower.substring(proxy.end());
            if (afterStatus.contains("unknown revision")) {
                return Optional.of(unknownRevision(p, message));
            }
            String host = hostOf(proxy.group(1));
            boolean publicProxy = PUBLIC_PROXIES.contains(host);
            boolean originUnreachable = afterStatus.contains("server response:")
                    && ORIGIN_UNREACHABLE.stream().anyMatch(afterStatus::contains);
            if ((publicProxy || originUnreachable) && !ModulePath.matchPrefixPatterns(env.get("GONOPROXY"), p)) {
                return Optional.of(privatePathSent(Kind.PRIVATE_PATH_SENT_TO_PROXY, p, "GONOPROXY", env,
                        "the proxy " + proxy.group(1) + " answered " + proxy.group(3) + " for " + p));
            }
        }

        Matcher govcs = GOVCS_PUBLIC.matcher(message);
        if (govcs.find()) {
            String root = govcs.group(2);
            EnvOrigin goprivate = EnvOrigin.of(env, "GOPRIVATE");
            String pattern = patternFor(root);
            String value = appended(goprivate.value(), pattern);
            return Optional.of(new Diagnosis(Kind.MISSING_GOPRIVATE, path.isEmpty() ? root : path,
                    root + " is treated as public because GOPRIVATE does not match it, and GOVCS allows only git and hg"
                            + " for public paths",
                    "if it is private, add " + pattern + " to GOPRIVATE: " + goprivate.howToSet(value, env),
                    change(goprivate, pattern, env)));
        }

        if (AUTH_SIGNS.stream().anyMatch(lower::contains)) {
            return Optional.of(authentication(path, message, env));
        }

        if (UNKNOWN_REVISION.matcher(message).find()) {
            return Optional.of(unknownRevision(path, message));
        }
        return Optional.empty();
    }

    /// The variable that decides (GONOPROXY or GONOSUMDB when the user set it, which GOPRIVATE then
    /// does not override; GOPRIVATE otherwise) and the line to change it with.
    private static Diagnosis privatePathSent(Kind kind, String path, String specific, GoEnv env, String what) {
        EnvOrigin own = EnvOrigin.of(env, specific);
        EnvOrigin variable = own.isSet() ? own : EnvOrigin.of(env, "GOPRIVATE");
        String pattern = patternFor(path);
        String noun = kind == Kind.PRIVATE_PATH_SENT_TO_PROXY ? "proxy" : "checksum database";
        String summary = "private module sent to a public " + noun + " (" + what + ")";
        String value = appended(variable.value(), pattern);
        String fix = "add " + pattern + " to " + variable.name() + " so that it is fetched directly and not "
                + (kind == Kind.PRIVATE_PATH_SENT_TO_PROXY ? "through the proxy" : "checked against the checksum database")
                + ": " + variable.howToSet(value, env);
        if (own.isSet()) {
            fix += " (" + specific + " is set, so GOPRIVATE does not apply to this)";
        }
        return new Diagnosis(kind, path, summary, fix, change(variable, pattern, env));
    }

    private static Diagnosis authentication(String path, String message, GoEnv env) {
        Matcher h = HOST_IN_GIT_MESSAGE.matcher(message);
        String host = h.find() ? h.group(1) : hostFromUrl(message, path);
        StringBuilder fix = new StringBuilder();
        EnvChange change = null;
        String netrc;
        try {
            netrc = env.netrcPath().toString();
        } catch (RuntimeException e) {
            netrc = "~/.netrc";
        }
        fix.append("give git and the go command credentials for ").append(host).append(": a line `machine ").append(host)
                .append(" login <user> password <token>` in ").append(netrc)
                .append(" (read by git and by the go command's GOAUTH=netrc), or a git credential helper; or fetch over ssh with ")
                .append("`git config --global url.\"ssh://git@").append(host).append("/\".insteadOf \"https://").append(host)
                .append("/\"`");
        if (env.get("GOAUTH").equals("off")) {
            fix.append("; GOAUTH=off keeps the go command from sending any credentials");
        }
        if (!path.isEmpty() && !ModulePath.matchPrefixPatterns(env.get("GOPRIVATE"), path)) {
            EnvOrigin goprivate = EnvOrigin.of(env, "GOPRIVATE");
            String pattern = patternFor(path);
            String value = appended(goprivate.value(), pattern);
            fix.append("; and if the module is private, add ").append(pattern).append(" to GOPRIVATE: ")
                    .append(goprivate.howToSet(value, env));
            change = change(goprivate, pattern, env);
        }
        return new Diagnosis(Kind.AUTHENTICATION, path, "authentication failed for " + host
                + " (the server wants credentials that were not given, and prompts are off)", fix.toString(), change);
    }

    private static Diagnosis unknownRevision(String path, String message) {
        Matcher m = UNKNOWN_REVISION.matcher(message);
        String rev = m.find() ? m.group(1) : "the version";
        String module = path.isEmpty() ? "the module" : path;
        return new Diagnosis(Kind.UNKNOWN_REVISION, path, "unknown revision " + rev + " of " + module,
                "no tag, branch or commit " + rev + " exists in the repository: check the spelling, list the tags with "
                        + "`git ls-remote --tags <repository>` (a module in a subdirectory needs tags like sub/dir/"
                        + rev + "), and push the tag if it is missing; proxies remember a missing version for a while",
                null);
    }

    /// The GOPRIVATE-style pattern for a path: the host, or `host/owner` on hosts shared by many owners.
    static String patternFor(String path) {
        String[] parts = path.split("/");
        if (parts.length >= 2 && SHARED_HOSTS.contains(parts[0])) {
            return parts[0] + "/" + parts[1];
        }
        return parts[0];
    }

    private static String appended(String current, String pattern) {
        return current.isEmpty() ? pattern : current + "," + pattern;
    }

    private static String hostOf(String url) {
        String s = url.replaceFirst("^[a-z]+://", "").replaceFirst("^[^@/]*@", "");
        int end = s.length();
        for (char c : new char[] {'/', ':', '?'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, end);
    }

    private static String hostFromUrl(String message, String path) {
        Matcher m = Pattern.compile("(https?|ssh|git)://([^\\s\"'/]+)").matcher(message);
        if (m.find()) {
            return hostOf(m.group(0));
        }
        return path.isEmpty() ? "the server" : path.split("/")[0];
    }

    private static String unescape(String escaped) {
        try {
            return ModulePath.unescapePath(escaped);
        } catch (IllegalArgumentException e) {
            return escaped;
        }
    }
}

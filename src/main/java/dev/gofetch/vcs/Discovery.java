package dev.gofetch.vcs;

import dev.gofetch.env.GoEnv;
import dev.gofetch.module.GoStrings;
import dev.gofetch.module.ModulePath;
import dev.gofetch.proxy.FetchException;
import dev.gofetch.proxy.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// The go command's repository lookup for direct mode (`vcs.RepoRootForImportPath` with
/// `PreferMod`, as `modfetch.lookupDirect` calls it): known hosting sites by path shape, paths that
/// name their version control system (`host/repo.git/sub`), and otherwise `https://<path>?go-get=1`
/// with its go-import meta tags (plain http too for GOINSECURE paths). GOVCS is enforced on the
/// result. Errors carry the go command's wording.
public final class Discovery implements RepoLookup {
    /// go-import pages larger than this are read only this far.
    private static final int PAGE_LIMIT = 1 << 20;

    /// Fetches a discovery page. `insecure` (GOINSECURE) skips certificate checks; plain http is
    /// only ever asked for under GOINSECURE.
    @FunctionalInterface
    interface PageSource {
        Transport.Page get(URI uri, boolean insecure) throws FetchException;
    }

    /// Whether `vcs` can reach `scheme://repo` (the go command runs `git ls-remote`, `hg identify`, ...).
    @FunctionalInterface
    interface Pinger {
        boolean ping(String vcs, String scheme, String repo);
    }

    private final PageSource pages;
    private final Pinger pinger;
    private final Govcs govcs;
    private final String goinsecure;
    private final String gitAllowProtocol;
    private final Map<String, PrefixResult> prefixCache = new ConcurrentHashMap<>();

    Discovery(PageSource pages, Pinger pinger, String goprivate, String goinsecure, String govcs,
            String gitAllowProtocol) {
        this.pages = pages;
        this.pinger = pinger;
        this.govcs = Govcs.parse(govcs, goprivate);
        this.goinsecure = goinsecure;
        this.gitAllowProtocol = gitAllowProtocol;
    }

    /// The go command's lookup with these settings: pages through `transport` (and, for GOINSECURE
    /// paths, a client that skips certificate checks and gives up after 5 seconds), pings by running
    /// the version control tools in the module cache.
    static Discovery forEnv(GoEnv env, Transport transport) {
        Transport[] insecure = new Transport[1];
        PageSource pages = (uri, skipVerify) -> {
            Transport t = transport;
            if (skipVerify && "https".equals(uri.getScheme())) {
                synchronized (insecure) {
                    if (insecure[0] == null) {
                        insecure[0] = InsecureClient.transport();
                    }
                    t = insecure[0];
                }
            }
            return t.getPage(uri, PAGE_LIMIT);
        };
        Map<String, String> process = env.processEnvironment();
        return new Discovery(pages, new VcsPing(env, transport.trace()), env.get("GOPRIVATE"), env.get("GOINSECURE"), env.get("GOVCS"),
                process.getOrDefault("GIT_ALLOW_PROTOCOL", ""));
    }

    @Override
    public RepoRoot lookup(String importPath) throws IOException {
        boolean insecure = ModulePath.matchPrefixPatterns(goinsecure, importPath);
        RepoRoot rr = null;
        IOException err = null;
        try {
            rr = fromKnownPaths(importPath, insecure, KNOWN_PATHS);
            if (rr == null) {
                try {
                    rr = dynamic(importPath, insecure);
                } catch (IOException e) {
                    err = new IOException("unrecognized import path " + GoStrings.quote(importPath) + ": "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            err = e;
        }
        if (err != null) {
            try {
                RepoRoot late = fromKnownPaths(importPath, insecure, PATHS_AFTER_DYNAMIC);
                if (late != null) {
                    return late;
                }
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw err;
        }
        if (importPath.contains("...") && rr.root().contains("...")) {
            throw new IOException("cannot expand ... in " + GoStrings.quote(importPath));
        }
        return rr;
    }

    // ---- known hosting sites and VCS-qualified paths ----

    /// How one hosting site's paths map to repositories (`vcsPath` in cmd/go).
    private record KnownPath(String prefix, Pattern pattern, String vcs, String repo, Check check,
            boolean schemeless) {}

    @FunctionalInterface
    private interface Check {
        void check(Map<String, String> match, Discovery d) throws IOException;
    }

    private static final String W = "[A-Za-z0-9_.\\-]";

    private static final List<KnownPath> KNOWN_PATHS = List.of(
            new KnownPath("github.com", Pattern.compile("^(?<root>github\\.com/" + W + "+/" + W + "+)(/" + W + "+)*$"),
                    "git", "https://{root}", Discovery::noVcsSuffix, false),
            new KnownPath("bitbucket.org",
                    Pattern.compile("^(?<root>bitbucket\\.org/(?<bitname>" + W + "+/" + W + "+))(/" + W + "+)*$"),
                    "git", "https://{root}", Discovery::noVcsSuffix, false),
            new KnownPath("hub.jazz.net/git",
                    Pattern.compile("^(?<root>hub\\.jazz\\.net/git/[a-z0-9]+/" + W + "+)(/" + W + "+)*$"),
                    "git", "https://{root}", Discovery::noVcsSuffix, false),
            new KnownPath("git.apache.org",
                    Pattern.compile("^(?<root>git\\.apache\\.org/[a-z0-9_.\\-]+\\.git)(/" + W + "+)*$"),
                    "git", "https://{root}", null, false),
            new KnownPath("git.openstack.org",
                    Pattern.compile("^(?<root>git\\.openstack\\.org/" + W + "+/" + W + "+)(\\.git)?(/" + W + "+)*$"),
                    "git", "https://{root}", null, false),
            new KnownPath("chiselapp.com",
                    Pattern.compile("^(?<root>chiselapp\\.com/user/[A-Za-z0-9]+/repository/" + W + "+)$"),
                    "fossil", "https://{root}", null, false),
            // Any host, with the version control system named in the path. Unanchored at the start, as in Go.
            new KnownPath("", Pattern.compile("(?<root>(?<repo>([a-z0-9.\\-]+\\.)+[a-z0-9.\\-]+(:[0-9]+)?(/~?" + W
                    + "+)+?)\\.(?<vcs>bzr|fossil|git|hg|svn))(/~?" + W + "+)*$"), "", "", null, true));

    /// Tried after go-get discovery failed, so that these sites can move to meta tags.
    private static final List<KnownPath> PATHS_AFTER_DYNAMIC = List.of(
            new KnownPath("launchpad.net", Pattern.compile("^(?<root>launchpad\\.net/((?<project>" + W
                    + "+)(?<series>/" + W + "+)?|~" + W + "+/(\\+junk|" + W + "+)/" + W + "+))(/" + W + "+)*$"),
                    "bzr", "https://{root}", Discovery::launchpadVcs, false));

    private static final List<String> GROUP_NAMES = List.of("root", "repo", "vcs", "bitname", "project", "series");

    /// The repository for a path of a known shape, or null when go-get discovery must decide.
    private RepoRoot fromKnownPaths(String importPath, boolean insecure, List<KnownPath> paths) throws IOException {
        if (hasPathPrefix(importPath, "example.net")) {
            throw new IOException("no modules on example.net"); // sic: the go command's own test guard
        }
        if (importPath.equals("rsc.io")) {
            throw new IOException("rsc.io is not a module");
        }
        for (String prefix : List.of("http:", "https:")) {
            if (importPath.startsWith(prefix)) {
                throw new IOException(GoStrings.quote(prefix + "//") + " not allowed in import path");
            }
        }
        for (KnownPath site : paths) {
            if (!hasPathPrefix(importPath, site.prefix())) {
                continue;
            }
            Matcher m = site.pattern().matcher(importPath);
            if (!m.find()) {
                if (!site.prefix().isEmpty()) {
                    throw new IOException("invalid " + site.prefix() + " import path " + GoStrings.quote(importPath));
                }
                continue;
            }
            Map<String, String> match = new HashMap<>();
            match.put("prefix", site.prefix() + "/");
            match.put("import", importPath);
            for (String name : GROUP_NAMES) {
                String g = group(m, name);
                if (g != null && match.getOrDefault(name, "").isEmpty()) {
                    match.put(name, g);
                }
            }
            if (!site.vcs().isEmpty()) {
                match.put("vcs", expand(match, site.vcs()));
            }
            if (!site.repo().isEmpty()) {
                match.put("repo", expand(match, site.repo()));
            }
            if (site.check() != null) {
                site.check().check(match, this);
            }
            Vcs vcs = Vcs.byCommand(match.get("vcs"));
            if (vcs == null) {
                throw new IOException("unknown version control system " + GoStrings.quote(match.get("vcs")));
            }
            govcs.check(vcs.command(), match.get("root"));
            String repoUrl = site.schemeless()
                    ? pickScheme(vcs, match.get("repo"), insecure) + "://" + match.get("repo")
                    : match.get("repo");
            return new RepoRoot(match.get("root"), vcs.command(), repoUrl);
        }
        return null;
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null; // the pattern has no such group
        }
    }

    /// The first scheme the repository answers on (only secure ones unless GOINSECURE), or the first
    /// allowed one for a system the go command cannot ping.
    private String pickScheme(Vcs vcs, String repo, boolean insecure) throws IOException {
        for (String scheme : vcs.schemes()) {
            if (!insecure && !vcs.isSecureScheme(scheme, gitAllowProtocol)) {
                continue;
            }
            if (!vcs.canPing() || pinger.ping(vcs.command(), scheme, repo)) {
                return scheme;
            }
        }
        throw new IOException("no " + (insecure ? "" : "secure ") + "protocol found for repository");
    }

    private static void noVcsSuffix(Map<String, String> match, Discovery d) throws IOException {
        String repo = match.get("repo");
        for (Vcs v : Vcs.values()) {
            if (repo.endsWith("." + v.command())) {
                throw new IOException("invalid version control suffix in " + match.get("prefix") + " path");
            }
        }
    }

    /// `launchpad.net/project/series` may be a series branch or a directory of the project's branch:
    /// the series wins if Launchpad knows it.
    private static void launchpadVcs(Map<String, String> match, Discovery d) {
        if (match.getOrDefault("project", "").isEmpty() || match.getOrDefault("series", "").isEmpty()) {
            return;
        }
        URI probe = URI.create("https://code.launchpad.net" + expand(match, "/{project}{series}/.bzr/branch-format"));
        boolean exists;
        try {
            exists = d.pages.get(probe, false).status() == 200;
        } catch (FetchException e) {
            exists = false;
        }
        if (!exists) {
            match.put("root", expand(match, "launchpad.net/{project}"));
            match.put("repo", expand(match, "https://{root}"));
        }
    }

    /// Replaces each `{key}` once, left to right, as a `strings.Replacer` does.
    private static String expand(Map<String, String> match, String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            boolean replaced = false;
            if (s.charAt(i) == '{') {
                int close = s.indexOf('}', i);
                if (close > 0) {
                    String key = s.substring(i + 1, close);
                    if (match.containsKey(key)) {
                        out.append(match.get(key));
                        i = close + 1;
                        replaced = true;
                    }
                }
            }
            if (!replaced) {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    // ---- go-get discovery ----

    private record Fetched(String url, Transport.Page page) {}

    private RepoRoot dynamic(String importPath, boolean insecure) throws IOException {
        URI[] urls = urlForImportPath(importPath);
        Fetched resp;
        try {
            resp = get(urls, insecure);
        } catch (FetchException e) {
            throw new IOException((insecure ? "http/https fetch: " : "https fetch: ") + e.getMessage(), e);
        }
        List<GoImportMeta> imports;
        IOException parseError = null;
        try {
            imports = GoImportMeta.parse(resp.page().body(), true);
        } catch (IOException e) {
            imports = List.of();
            parseError = e;
        }
        if (imports.isEmpty() && resp.page().error() != null) {
            throw resp.page().error();
        }
        if (parseError != null) {
            throw new IOException("parsing " + importPath + ": " + parseError.getMessage(), parseError);
        }
        GoImportMeta mmi;
        try {
            mmi = matchGoImport(imports, importPath);
        } catch (ImportMismatch e) {
            throw new IOException("parse " + resp.url() + ": no go-import meta tags (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IOException("parse " + schemeless(importPath) + ": " + e.getMessage());
        }
        if (!mmi.prefix().equals(importPath)) {
            // A tag for a prefix of the path is trusted only if the prefix's own page says the same.
            PrefixResult res = metaImportsForPrefix(mmi.prefix(), insecure);
            if (res.error() != null) {
                throw res.error();
            }
            GoImportMeta again;
            try {
                again = matchGoImport(res.imports(), importPath);
            } catch (IOException e) {
                again = null;
            }
            if (!mmi.equals(again)) {
                throw new IOException(resp.url() + " and " + res.url() + " disagree about go-import for " + mmi.prefix());
            }
        }
        if (!mmi.subDir().isEmpty()) {
            String why = mmi.subDir().startsWith("/") ? "leading slash" : mmi.subDir().startsWith("-") ? "leading hyphen" : "";
            if (!why.isEmpty()) {
                throw new IOException(resp.url() + ": invalid subdirectory " + GoStrings.quote(mmi.subDir()) + ": " + why);
            }
        }
        String rootProblem = repoRootProblem(mmi.repoRoot());
        if (!rootProblem.isEmpty()) {
            throw new IOException(resp.url() + ": invalid repo root " + GoStrings.quote(mmi.repoRoot()) + ": " + rootProblem);
        }
        String vcs;
        if (mmi.vcs().equals("mod")) {
            vcs = "mod";
        } else {
            Vcs v = Vcs.byCommand(mmi.vcs());
            if (v == null) {
                throw new IOException(resp.url() + ": unknown vcs " + GoStrings.quote(mmi.vcs()));
            }
            vcs = v.command();
        }
        govcs.check(vcs, mmi.prefix());
        return new RepoRoot(mmi.prefix(), vcs, mmi.repoRoot());
    }

    /// `https://host/path?go-get=1` and its plain-http twin; the host must contain a dot.
    private static URI[] urlForImportPath(String importPath) throws IOException {
        int slash = importPath.indexOf('/');
        String host = slash < 0 ? importPath : importPath.substring(0, slash);
        String path = slash < 0 ? "" : importPath.substring(slash);
        if (!host.contains(".")) {
            throw new IOException("import path does not begin with hostname");
        }
        if (path.isEmpty()) {
            path = "/";
        }
        try {
            return new URI[] {new URI("https", host, path, "go-get=1", null), new URI("http", host, path, "go-get=1", null)};
        } catch (java.net.URISyntaxException e) {
            throw new IOException("parse " + GoStrings.quote("https://" + host + path + "?go-get=1") + ": invalid URL");
        }
    }

    /// The URL as Go prints one without a scheme (`//host/path?go-get=1`).
    private static String schemeless(String importPath) throws IOException {
        String https = urlForImportPath(importPath)[0].toString();
        return https.substring("https:".length());
    }

    /// `web.Get` without a scheme: https, then plain http only for GOINSECURE paths. The response is
    /// named by the URL asked for.
    private Fetched get(URI[] urls, boolean insecure) throws FetchException {
        try {
            return new Fetched(Transport.redact(urls[0]), pages.get(urls[0], insecure));
        } catch (FetchException e) {
            if (!insecure) {
                throw e;
            }
        }
        return new Fetched(Transport.redact(urls[1]), pages.get(urls[1], insecure));
    }

    private record PrefixResult(String url, List<GoImportMeta> imports, IOException error) {}

    /// The tags on a prefix's own page; fetched once per prefix.
    private PrefixResult metaImportsForPrefix(String prefix, boolean insecure) {
        return prefixCache.computeIfAbsent(prefix, p -> {
            URI[] urls;
            try {
                urls = urlForImportPath(p);
            } catch (IOException e) {
                return new PrefixResult("", List.of(), e);
            }
            String url;
            try {
                url = schemeless(p);
            } catch (IOException e) {
                url = "";
            }
            Fetched resp;
            try {
                resp = get(urls, insecure);
            } catch (FetchException e) {
                return new PrefixResult(url, List.of(), new IOException("fetching " + p + ": " + e.getMessage(), e));
            }
            List<GoImportMeta> imports;
            try {
                imports = GoImportMeta.parse(resp.page().body(), true);
            } catch (IOException e) {
                if (resp.page().error() != null) {
                    return new PrefixResult(url, List.of(), resp.page().error());
                }
                return new PrefixResult(url, List.of(), new IOException("parsing " + resp.url() + ": " + e.getMessage(), e));
            }
            if (imports.isEmpty() && resp.page().error() != null) {
                return new PrefixResult(url, List.of(), resp.page().error());
            }
            if (imports.isEmpty()) {
                return new PrefixResult(url, imports,
                        new IOException("fetching " + p + ": no go-import meta tag found in " + resp.url()));
            }
            return new PrefixResult(url, imports, null);
        });
    }

    private static final class ImportMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        ImportMismatch(String message) {
            super(message);
        }
    }

    /// The one tag whose prefix is a path prefix of importPath. `mod` tags come first, and a
    /// matching `mod` tag ends the search; two matching tags otherwise are an error.
    static GoImportMeta matchGoImport(List<GoImportMeta> imports, String importPath) throws IOException {
        int match = -1;
        StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < imports.size(); i++) {
            GoImportMeta im = imports.get(i);
            if (!hasPathPrefix(importPath, im.prefix())) {
                if (mismatches.length() > 0) {
                    mismatches.append(", ");
                }
                mismatches.append("meta tag ").append(im.prefix()).append(" did not match import path ").append(importPath);
                continue;
            }
            if (match >= 0) {
                if (imports.get(match).vcs().equals("mod") && !im.vcs().equals("mod")) {
                    break;
                }
                throw new IOException("multiple meta tags match import path " + GoStrings.quote(importPath));
            }
            match = i;
        }
        if (match < 0) {
            throw new ImportMismatch(mismatches.toString());
        }
        return imports.get(match);
    }

    /// Why a go-import repository root is unusable ("" when it is fine): it needs a scheme, and not
    /// `file`. Schemes are found as Go's `url.Parse` finds them.
    static String repoRootProblem(String repoRoot) {
        for (int i = 0; i < repoRoot.length(); i++) {
            char c = repoRoot.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "parse " + GoStrings.quote(repoRoot) + ": net/url: invalid control character in URL";
            }
        }
        String scheme = "";
        for (int i = 0; i < repoRoot.length(); i++) {
            char c = repoRoot.charAt(i);
            if (Character.isLetter(c) && c < 0x80) {
                continue;
            }
            if ((c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') && i > 0) {
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    return "parse " + GoStrings.quote(repoRoot) + ": missing protocol scheme";
                }
                scheme = repoRoot.substring(0, i);
            }
            break;
        }
        if (scheme.isEmpty()) {
            return "no scheme";
        }
        if (scheme.equalsIgnoreCase("file")) {
            return "file scheme disallowed";
        }
        return "";
    }

    /// `str.HasPathPrefix`: s is prefix or starts with prefix and a slash.
    static boolean hasPathPrefix(String s, String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        if (s.length() == prefix.length()) {
            return s.equals(prefix);
        }
        if (s.length() > prefix.length() && s.startsWith(prefix)) {
            return prefix.endsWith("/") || s.charAt(prefix.length()) == '/';
        }
        return false;
    }
}

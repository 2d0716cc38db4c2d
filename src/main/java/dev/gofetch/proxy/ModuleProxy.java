package dev.gofetch.proxy;

import dev.gofetch.module.RevInfo;

import dev.gofetch.module.ModulePath;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/// The module fetcher the rest of gofetch uses: the GOPROXY list with GONOPROXY/GOPRIVATE routing and
/// the go command's fallback rules (`TryProxies` in cmd/go). Thread-safe. The list can be replaced
/// while in use ([#reroute]): each request follows the list in force when it started.
public final class ModuleProxy {
    private record Route(ProxyList list, String gonoproxy) {
        boolean isPrivate(String path) {
            return !gonoproxy.isEmpty() && ModulePath.matchPrefixPatterns(gonoproxy, path);
        }
    }

    private volatile Route route;
    private final Transport transport;
    private final DirectSource direct;

    public ModuleProxy(ProxyList list, String gonoproxy, Transport transport) {
        this(list, gonoproxy, transport, null);
    }

    /// @param direct what `direct` fetches from, or null to refuse direct mode
    public ModuleProxy(ProxyList list, String gonoproxy, Transport transport, DirectSource direct) {
        this.route = new Route(Objects.requireNonNull(list), Objects.requireNonNull(gonoproxy));
        this.transport = Objects.requireNonNull(transport);
        this.direct = direct;
    }

    /// The same GOPROXY routing with direct mode served by direct.
    public ModuleProxy withDirect(DirectSource direct) {
        Route r = route;
        return new ModuleProxy(r.list(), r.gonoproxy(), transport, direct);
    }

    /// The mirror name results from version control are reported under.
    public static final String DIRECT = "direct";

    public ProxyList list() {
        return route.list();
    }

    /// The GONOPROXY patterns in force.
    public String gonoproxy() {
        return route.gonoproxy();
    }

    /// Replaces the mirror list and GONOPROXY for requests started from now on.
    public void reroute(ProxyList list, String gonoproxy) {
        route = new Route(Objects.requireNonNull(list), Objects.requireNonNull(gonoproxy));
    }

    /// True when the path must not be sent to any proxy (GONOPROXY/GOPRIVATE).
    public boolean isPrivate(String path) {
        return route.isPrivate(path);
    }

    @FunctionalInterface
    private interface Call<T> {
        T apply(ModuleSource repo) throws ModuleFetchException;
    }

    /// The tagged versions in `@v/list`, semver-sorted, pseudo-versions dropped.
    public Fetched<List<String>> versions(String path) throws ModuleFetchException {
        return tryProxies(path, "", r -> r.versionList("").versions());
    }

    /// The tagged versions with the origin that summarises them (direct mode only has one).
    public Fetched<ModuleSource.VersionList> versionList(String path, String prefix) throws ModuleFetchException {
        return tryProxies(path, "", r -> r.versionList(prefix));
    }

    /// True when the first source tried for path is version control (direct mode for it).
    public boolean directFirst(String path) {
        if (direct == null) {
            return false;
        }
        boolean isPrivate = isPrivate(path);
        for (ProxyList.Entry entry : route.list().entries()) {
            if (entry instanceof ProxyList.Direct) {
                return true;
            }
            if (entry instanceof ProxyList.NoProxy) {
                if (isPrivate) {
                    return true;
                }
                continue;
            }
            if (!isPrivate) {
                return false;
            }
        }
        return false;
    }

    public Fetched<RevInfo> stat(String path, String rev) throws ModuleFetchException {
        return tryProxies(path, rev, r -> r.stat(rev));
    }

    public Fetched<RevInfo> latest(String path) throws ModuleFetchException {
        return tryProxies(path, "latest", ModuleSource::latest);
    }

    public Fetched<byte[]> goMod(String path, String version) throws ModuleFetchException {
        return tryProxies(path, version, r -> r.goMod(version));
    }

    /// Where a zip download writes; {@link #restart()} discards what a failed mirror wrote so the next
    /// mirror starts from zero.
    public interface ZipSink {
        OutputStream stream() throws IOException;

        void restart() throws IOException;
    }

    public Fetched<Void> zip(String path, String version, ZipSink sink) throws ModuleFetchException {
        return tryProxies(path, version, r -> {
            try {
                r.zip(version, sink.stream());
                return null;
            } catch (ModuleFetchException e) {
                try {
                    sink.restart();
                } catch (IOException io) {
                    e.addSuppressed(io);
                }
                throw e;
            } catch (IOException e) {
                throw new ModuleFetchException(path, version, "writing zip: " + e.getMessage(), false, e);
            }
        });
    }

    /// Mirrors that could not be reached this session (no HTTP answer at all), with when that was
    /// seen: within a `|` group they are tried last, so one dead mirror costs one timeout, not one
    /// per request.
    private final java.util.concurrent.ConcurrentHashMap<String, Long> unreachable =
            new java.util.concurrent.ConcurrentHashMap<>();

    /// The entries in the order to try: inside each run of `|`-joined alternatives, mirrors that
    /// could not be reached go last; every entry of the run but the last tried keeps "any error falls
    /// through", so the run still means "any of these".
    List<ProxyList.Entry> ordered() {
        return ordered(route.list());
    }

    private List<ProxyList.Entry> ordered(ProxyList list) {
        List<ProxyList.Entry> in = list.entries();
        if (unreachable.isEmpty()) {
            return in;
        }
        List<ProxyList.Entry> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < in.size()) {
            int j = i;
            while (j < in.size() - 1 && in.get(j).fallBackOnError() && in.get(j) instanceof ProxyList.ProxyUrl
                    && in.get(j + 1) instanceof ProxyList.ProxyUrl) {
                j++;
            }
            List<ProxyList.Entry> group = new java.util.ArrayList<>(in.subList(i, j + 1));
            if (group.size() > 1) {
                boolean lastFlag = group.get(group.size() - 1).fallBackOnError();
                group.sort(java.util.Comparator.comparing(e -> unreachable.containsKey(e.text())));
                for (int k = 0; k < group.size(); k++) {
                    ProxyList.ProxyUrl u = (ProxyList.ProxyUrl) group.get(k);
                    boolean flag = k < group.size() - 1 || lastFlag;
                    group.set(k, new ProxyList.ProxyUrl(u.base(), u.text(), flag));
                }
            }
            out.addAll(group);
            i = j + 1;
        }
        return out;
    }

    private <T> Fetched<T> tryProxies(String path, String version, Call<T> call) throws ModuleFetchException {
        Route r = route;
        boolean isPrivate = r.isPrivate(path);
        ModuleFetchException best = null;
        int bestRank = NOT_EXIST_RANK;
        for (ProxyList.Entry entry : ordered(r.list())) {
            ModuleFetchException err;
            boolean useProxyErr = false;
            try {
                if (entry instanceof ProxyList.ProxyUrl url) {
                    if (isPrivate) {
                        err = ModuleFetchException.bare(path, version, "disabled by GOPRIVATE/GONOPROXY", true);
                    } else {
                        ProxyRepo repo = new ProxyRepo(transport, url.base(), path);
                        return new Fetched<>(call.apply(repo), repo.baseText());
                    }
                } else if (entry instanceof ProxyList.Off) {
                    err = ModuleFetchException.bare(path, version, "module lookup disabled by GOPROXY=off", true);
                } else if (entry instanceof ProxyList.NoProxy) {
                    if (isPrivate) {
                        if (direct != null) {
                            return new Fetched<>(call.apply(openDirect(path, version)), DIRECT);
                        }
                        err = directUnsupported(path, version);
                    } else {
                        err = ModuleFetchException.bare(path, version, "path does not match GOPRIVATE/GONOPROXY", true);
                        useProxyErr = true;
                    }
                } else if (direct != null) {
                    return new Fetched<>(call.apply(openDirect(path, version)), DIRECT);
                } else {
                    err = directUnsupported(path, version);
                }
            } catch (ModuleFetchException e) {
                err = e;
                if (entry instanceof ProxyList.ProxyUrl && e.getCause() instanceof FetchException fe
                        && fe.status() == 0 && !fe.isNotFound() && fe.getMessage().startsWith("Get ")) {
                    unreachable.put(entry.text(), System.nanoTime());
                }
            }
            boolean notExist = err.isNotFound();
            boolean isDirect = entry instanceof ProxyList.Direct;
            if (isDirect || (entry instanceof ProxyList.NoProxy && !useProxyErr)) {
                best = err;
                bestRank = DIRECT_RANK;
            } else if (bestRank <= PROXY_RANK && !notExist) {
                best = err;
                bestRank = PROXY_RANK;
            } else if (bestRank == NOT_EXIST_RANK) {
                best = err;
            }
            if (!entry.fallBackOnError() && !notExist) {
                break;
            }
        }
        throw Objects.requireNonNull(best);
    }

    /// The module's repository; a failure to find it is reported against the version asked for.
    private ModuleSource openDirect(String path, String version) throws ModuleFetchException {
        try {
            return direct.open(path);
        } catch (ModuleFetchException e) {
            if (!e.version().isEmpty()) {
                throw e;
            }
            if (version.isEmpty()) {
                throw e.asRepositoryNotFound();
            }
            throw new ModuleFetchException(path, version, e.detail(), e.isNotFound(), e);
        }
    }

    /// The repository of `path` when go-get discovery found a go-import tag of kind `mod`: the tag's URL
    /// is a GOPROXY-protocol server, used like a GOPROXY entry for this one path (`lookupDirect` in
    /// cmd/go). Direct mode calls this for a [dev.gofetch.vcs.RepoRoot] whose vcs is `mod`.
    public static ModuleSource proxySource(Transport transport, String baseUrl, String path)
            throws ModuleFetchException {
        java.net.URI base;
        try {
            base = new java.net.URI(baseUrl);
        } catch (java.net.URISyntaxException e) {
            throw new ModuleFetchException(path, "", "parse " + dev.gofetch.module.GoStrings.quote(baseUrl) + ": "
                    + e.getReason(), false, e);
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            // discovery already refused repository roots without a scheme or with file://
            throw new ModuleFetchException(path, "", "invalid proxy URL scheme (must be https, http, file): "
                    + Transport.redact(base), false, null);
        }
        return new ProxyRepo(transport, base, path);
    }

    private static final int NOT_EXIST_RANK = 0;
    private static final int PROXY_RANK = 1;
    private static final int DIRECT_RANK = 2;

    private static ModuleFetchException directUnsupported(String path, String version) {
        return new DirectModeException(path, version);
    }

    /// Raised where the go command would fetch from version control (`direct`, or a GONOPROXY path),
    /// which gofetch does not do yet.
    public static final class DirectModeException extends ModuleFetchException {
        private static final long serialVersionUID = 1L;

        DirectModeException(String path, String version) {
            super(path, version, "fetching directly from version control (GOPROXY=direct or a GOPRIVATE/GONOPROXY"
                    + " path) is not supported by gofetch yet; serve this module from a GOPROXY mirror", false, null);
        }
    }
}

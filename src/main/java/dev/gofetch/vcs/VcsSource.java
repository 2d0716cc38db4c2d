package dev.gofetch.vcs;

import dev.gofetch.module.RevInfo;
import dev.gofetch.proxy.DirectSource;
import dev.gofetch.proxy.ModuleFetchException;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.proxy.ModuleSource;
import dev.gofetch.proxy.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// Direct mode: modules read from their git repositories (found through a {@link RepoLookup}), with
/// the bare mirrors kept in `$GOMODCACHE/cache/vcs` where the go command keeps them. One per session;
/// thread-safe.
public final class VcsSource implements DirectSource {
    /// How long one git command may run before it is killed (a clone of a large repository).
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final RepoLookup lookup;
    private final Path modCache;
    private final GitCommand git;
    private final Transport transport;
    private final String localGoVersion;
    private final Map<String, GitRepo> repos = new ConcurrentHashMap<>();
    private final Map<String, ModuleSource> modules = new ConcurrentHashMap<>();

    /// @param processEnv the environment git runs in (HOME for its config and .netrc, PATH, proxies)
    /// @param localGoVersion the go version zips are checked against (`go` lines newer are refused)
    public VcsSource(RepoLookup lookup, Path modCache, Map<String, String> processEnv, Transport transport,
            String localGoVersion, Duration timeout) {
        this.lookup = lookup;
        this.modCache = modCache;
        this.git = new GitCommand(processEnv, timeout, transport.trace());
        this.transport = transport;
        this.localGoVersion = localGoVersion;
    }

    /// Direct mode for these settings, set up on first use (so a session that never leaves its
    /// mirrors never needs GOMODCACHE or git).
    public static DirectSource lazy(dev.gofetch.env.GoEnv env, Transport transport,
            java.util.function.Supplier<String> localGoVersion) {
        return new DirectSource() {
            private VcsSource source;

            @Override
            public ModuleSource open(String path) throws ModuleFetchException {
                return source(path).open(path);
            }

            private synchronized VcsSource source(String path) throws ModuleFetchException {
                if (source == null) {
                    Path modCache;
                    try {
                        modCache = env.modCache();
                    } catch (RuntimeException e) {
                        throw new ModuleFetchException(path, "", e.getMessage(), false, e);
                    }
                    source = new VcsSource(RepoLookup.forEnv(env, transport), modCache, env.processEnvironment(),
                            transport, localGoVersion.get(), DEFAULT_TIMEOUT);
                }
                return source;
            }
        };
    }

    @Override
    public ModuleSource open(String path) throws ModuleFetchException {
        ModuleSource known = modules.get(path);
        if (known != null) {
            return known;
        }
        RepoRoot root;
        try {
            root = lookup.lookup(path);
        } catch (IOException e) {
            throw new ModuleFetchException(path, "", e.getMessage(), true, e);
        }
        ModuleSource source;
        switch (root.vcs()) {
            case "mod" -> source = ModuleProxy.proxySource(transport, root.repoUrl(), path);
            case "git" -> {
                GitRepo repo;
                try {
                    repo = gitRepo(root.repoUrl());
                } catch (IOException e) {
                    throw new ModuleFetchException(path, "", "lookup " + root.root() + ": " + e.getMessage(), false, e);
                }
                try {
                    source = new Adapter(new CodeRepo(repo, root.root(), "", path, localGoVersion));
                } catch (IOException e) {
                    throw new ModuleFetchException(path, "", e.getMessage(), false, e);
                }
            }
            default -> throw new ModuleFetchException(path, "", "version control system " + root.vcs()
                    + " is not supported by gofetch (only git)", false, null);
        }
        ModuleSource prior = modules.putIfAbsent(path, source);
        return prior != null ? prior : source;
    }

    private GitRepo gitRepo(String url) throws IOException {
        synchronized (repos) {
            GitRepo r = repos.get(url);
            if (r == null) {
                r = GitRepo.open(url, modCache, git);
                repos.put(url, r);
            }
            return r;
        }
    }

    /// Like the go command's `cachingRepo`: what a query resolved is kept under the version it
    /// resolved to as well, so writing that version's .info later asks git nothing more.
    private record Adapter(CodeRepo repo, Map<String, RevInfo> resolved) implements ModuleSource {
        Adapter(CodeRepo repo) {
            this(repo, new ConcurrentHashMap<>());
        }

        @Override
        public VersionList versionList(String prefix) throws ModuleFetchException {
            CodeRepo.Versions v = repo.versions(prefix);
            return new VersionList(v.list(), v.origin());
        }

        @Override
        public RevInfo stat(String rev) throws ModuleFetchException {
            RevInfo known = resolved.get(rev);
            if (known != null) {
                return known;
            }
            return remember(rev, repo.stat(rev));
        }

        @Override
        public RevInfo latest() throws ModuleFetchException {
            return remember("", repo.latest());
        }

        private RevInfo remember(String rev, RevInfo info) {
            if (!rev.isEmpty()) {
                resolved.putIfAbsent(rev, info);
            }
            resolved.putIfAbsent(info.version(), info);
            return info;
        }

        @Override
        public byte[] goMod(String version) throws ModuleFetchException {
            return repo.goMod(version);
        }

        @Override
        public void zip(String version, OutputStream dst) throws ModuleFetchException {
            repo.zip(version, dst);
        }
    }
}

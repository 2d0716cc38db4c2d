package dev.gofetch.engine;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.GoVersion;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.RevInfo;
import dev.gofetch.proxy.ModuleFetchException;
import dev.gofetch.resolve.ModuleGraph;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/// `go mod download`: which modules an argument list means, and downloading them many at once.
public final class Downloads {
    private Downloads() {}

    /// One module to download, or the error that resolving its argument gave.
    public record Target(String path, String version, String query, String error, RevInfo.Origin queryOrigin) {
        public Target(String path, String version, String query, String error) {
            this(path, version, query, error, null);
        }

        ModuleVersion module() {
            return new ModuleVersion(path, version);
        }
    }

    /// What to download, and the error from loading the module graph when it loaded only in part
    /// (the go command still downloads what it found, then reports the error).
    public record Plan(List<Target> targets, ResolveException graphError) {}

    /// The modules `go mod download args` would download, in the order it reports them.
    /// @param project the main module, or null outside any module
    public static Plan plan(Session session, Project project, List<String> args, Consumer<String> warnings)
            throws ResolveException {
        List<String> work = new ArrayList<>(args);
        ModuleGraph graph = null;
        ResolveException graphError = null;
        if (project != null) {
            String mainPath = project.main().path();
            if (!work.isEmpty()) {
                for (String a : work) {
                    if (a.equals(mainPath) || a.equals(mainPath + "@upgrade") || a.equals(mainPath + "@patch")) {
                        warnings.accept("go: skipping download of " + a + " that resolves to the main module");
                    }
                }
            } else {
                GoMod f = project.main().goMod();
                // A missing go line is filled in with the local version before this decision (loadModFile
                // under -mod=mod, which download always uses), so only an explicit old line means "all".
                String goVersion = f.goVersion().isEmpty() ? session.localGoVersion() : f.goVersion();
                if (GoVersion.compare(goVersion, "1.17") < 0) {
                    if (!f.requires().isEmpty()) {
                        work.add("all");
                    }
                } else {
                    graph = project.resolve(warnings, ResolveListener.NONE).graph();
                    for (GoMod.Require r : f.requires()) {
                        work.add(r.mod().path());
                    }
                }
            }
        }
        if (work.isEmpty()) {
            throw new ResolveException(project != null ? "no module dependencies to download"
                    : "no modules specified (see 'go help mod download')");
        }
        Queries queries = new Queries(session.proxy(),
                m -> project != null && project.main().isExcluded(m),
                m -> (project != null ? project.downloader(DownloadListener.NONE)
                        : new ModuleDownloader(session.cache(), session.proxy(), session.sumsOutsideModule(),
                                false, DownloadListener.NONE)).goMod(m));
        List<Target> targets = new ArrayList<>();
        for (String arg : work) {
            if (arg.equals("all")) {
                if (project == null) {
                    throw new ResolveException("cannot match \"all\": go.mod file not found in current directory or "
                            + "any parent directory; see 'go help modules'");
                }
                if (graph == null) {
                    Resolver.Result r = project.resolvePartial(warnings, ResolveListener.NONE);
                    graph = r.graph();
                    graphError = r.error();
                }
                for (ModuleVersion m : graph.buildList()) {
                    if (m.version().isEmpty() || m.path().equals("go") || m.path().equals("toolchain")) {
                        continue;
                    }
                    addReplaced(targets, project, m, "");
                }
                continue;
            }
            int at = arg.indexOf('@');
            String path = at < 0 ? arg : arg.substring(0, at);
            String query = at < 0 ? "" : arg.substring(at + 1);
            if (project != null && path.equals(project.main().path())) {
                continue;
            }
            if (at < 0) {
                if (project == null) {
                    targets.add(new Target(path, "", "", "cannot match " + path
                            + " without -versions or an explicit version: go.mod file not found"));
                    continue;
                }
                if (graph == null) {
                    Resolver.Result r = project.resolvePartial(warnings, ResolveListener.NONE);
                    graph = r.graph();
                    graphError = r.error();
                }
                String v = graph.selected(path);
                if (v.equals("none")) {
                    targets.add(new Target(path, "", "", "module " + path + ": not a known dependency"));
                } else {
                    addReplaced(targets, project, new ModuleVersion(path, v), "");
                }
                continue;
            }
            String current = "";
            if (project != null && (query.equals("upgrade") || query.equals("patch"))) {
                if (graph == null) {
                    graph = project.resolve(warnings, ResolveListener.NONE).graph();
                }
                String sel = graph.selected(path);
                current = sel.equals("none") ? "" : sel;
            }
            try {
                Queries.Resolved resolved = queries.resolveWithOrigin(path, query, current);
                String v = resolved.version();
                String shownQuery = v.equals(query) ? "" : query;
                if (project != null) {
                    addReplaced(targets, project, new ModuleVersion(path, v), shownQuery, resolved.origin());
                } else {
                    targets.add(new Target(path, v, shownQuery, "", resolved.origin()));
                }
            } catch (ModuleFetchException e) {
                targets.add(new Target(path, query, "", e.forQuery(query).getMessage(), e.origin()));
            }
        }
        return new Plan(targets, graphError);
    }

    private static void addReplaced(List<Target> targets, Project project, ModuleVersion m, String query) {
        addReplaced(targets, project, m, query, null);
    }

    /// @param queryOrigin what resolving the query depended on (reported, as by the go command, for
    ///     the module itself; a replacement is reported with its own)
    private static void addReplaced(List<Target> targets, Project project, ModuleVersion m, String query,
            RevInfo.Origin queryOrigin) {
        ModuleVersion r = project.main().replacement(m);
        if (r == null) {
            targets.add(new Target(m.path(), m.version(), query, "", queryOrigin));
        } else if (!r.version().isEmpty()) {
            targets.add(new Target(r.path(), r.version(), query, ""));
        }
        // replaced by a local directory: nothing to download
    }

    /// Downloads every target, at most `parallel` at once; results in target order. A checksum
    /// mismatch stops everything and is thrown.
    public static List<DownloadResult> run(ModuleDownloader downloader, List<Target> targets, int parallel)
            throws ModuleDownloader.SecurityException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "gofetch-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<DownloadResult>> futures = new ArrayList<>();
            for (Target t : targets) {
                if (!t.error().isEmpty()) {
                    futures.add(CompletableFuture.completedFuture(new DownloadResult(t.path(), t.version(), t.query(),
                            t.error(), "", "", "", "", "", "", t.queryOrigin(), true)));
                    continue;
                }
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        DownloadResult r = downloader.download(t.module(), t.query());
                        if (t.queryOrigin() != null && !r.failed()) {
                            // The go command reports what resolving the query depended on.
                            r = new DownloadResult(r.path(), r.version(), r.query(), r.error(), r.info(), r.goMod(),
                                    r.zip(), r.dir(), r.sum(), r.goModSum(), t.queryOrigin(), r.fromCache());
                        }
                        return r;
                    } catch (ModuleDownloader.SecurityException e) {
                        throw new CompletionException(e);
                    }
                }, pool));
            }
            List<DownloadResult> results = new ArrayList<>();
            for (CompletableFuture<DownloadResult> f : futures) {
                try {
                    results.add(f.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof ModuleDownloader.SecurityException se) {
                        futures.forEach(x -> x.cancel(true));
                        throw se;
                    }
                    throw e;
                } catch (CancellationException e) {
                    throw e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

}

package dev.gofetch.resolve;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.GoModParseException;
import dev.gofetch.module.GoVersion;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ModuleFetchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/// Loads the module graph of a main module the way the go command does for `go list -m all` and
/// `go mod graph` (`modload.LoadModGraph`): roots from go.mod, replace/exclude applied, graph pruning
/// for go ≥ 1.17, and the roots made consistent with the graph when they are not.
///
/// go.mod files are fetched concurrently as soon as a requirement on them is discovered, with at most
/// as many in flight as the executor allows.
public final class Resolver {
    static final String GO_STRICT_VERSION = "1.21";
    static final String DEFAULT_GO_MOD_VERSION = "1.16";

    /// The `-mod` mode: `mod` lets the roots be updated, `readonly` reports that go.mod needs updates.
    public enum BuildMod { MOD, READONLY }

    /// Which go command's behaviour to follow where they differ (`go mod graph` never adds a go line).
    public enum Command { LIST, GRAPH, DOWNLOAD }

    /// @param buildModExplicit whether `-mod` was given (GOFLAGS counts), which changes one message
    /// @param localGoVersion   the go version a missing `go` line becomes under `-mod=mod` (`gover.Local`)
    public record Options(BuildMod buildMod, boolean buildModExplicit, Command command, String localGoVersion) {
        public Options {
            Objects.requireNonNull(buildMod);
            Objects.requireNonNull(command);
            Objects.requireNonNull(localGoVersion);
        }
    }

    private final MainModule main;
    private final GoModSource source;
    private final Executor executor;
    private final Options options;
    private final Consumer<String> warnings;
    private volatile ResolveListener listener = ResolveListener.NONE;
    private volatile java.util.function.Predicate<ModuleVersion> haveSum;
    private final ConcurrentHashMap<ModuleVersion, CompletableFuture<Summary>> rawSummaries = new ConcurrentHashMap<>();

    /// @param warnings receives the go command's stderr notes (such as dropped excluded requirements)
    public Resolver(MainModule main, GoModSource source, Executor executor, Options options, Consumer<String> warnings) {
        this.main = Objects.requireNonNull(main);
        this.source = Objects.requireNonNull(source);
        this.executor = Objects.requireNonNull(executor);
        this.options = Objects.requireNonNull(options);
        this.warnings = Objects.requireNonNull(warnings);
    }

    /// Under `-mod=readonly`, a go.mod may only be used when go.sum records its hash (`mustHaveSums`).
    public Resolver requireSums(java.util.function.Predicate<ModuleVersion> recordedInGoSum) {
        this.haveSum = Objects.requireNonNull(recordedInGoSum);
        return this;
    }

    /// Reports progress to l (see {@link ResolveListener} for the threading rules).
    public Resolver listener(ResolveListener l) {
        this.listener = Objects.requireNonNull(l);
        return this;
    }

    private void emit(java.util.function.Consumer<ResolveListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException ignored) {
            // A display's bug must never break resolution.
        }
    }

    /// The loaded graph; when loading failed part-way (`error` non-null) the graph holds what could be
    /// loaded, as the go command keeps it for `all` patterns.
    public record Result(ModuleGraph graph, List<ModuleVersion> roots, boolean rootsChanged, ResolveException error) {}

    /// `LoadModGraph(ctx, "")`: the whole graph or an exception.
    public Result loadModGraph() throws ResolveException {
        Result r = loadModGraphPartial();
        if (r.error() != null) {
            throw r.error();
        }
        return r;
    }

    /// Like {@link #loadModGraph} but returns what was loaded together with a graph error; errors in
    /// the main module's own go.mod are still thrown.
    public Result loadModGraphPartial() throws ResolveException {
        Requirements initial = requirementsFromModFile();
        Requirements rs = loadModFile(initial);
        Expanded expanded = expandGraph(rs);
        Requirements out = expanded.rs();
        if (expanded.error() == null && !out.rootModules.equals(initial.rootModules)) {
            emit(l -> l.rootsUpdated(out.rootModules));
        }
        return new Result(out.cachedGraph(), out.rootModules, !out.rootModules.equals(initial.rootModules),
                expanded.error());
    }

    // ---- roots ----

    private Requirements requirementsFromModFile() {
        GoMod f = main.goMod();
        List<ModuleVersion> roots = new ArrayList<>();
        Map<String, Boolean> direct = new HashMap<>();
        for (GoMod.Require r : f.requires()) {
            if (main.isExcluded(r.mod())) {
                warnings.accept((options.buildMod() == BuildMod.MOD ? "go: dropping requirement on excluded version "
                        : "go: ignoring requirement on excluded version ") + r.mod().path() + " " + r.mod().version());
                continue;
            }
            roots.add(r.mod());
            if (!r.indirect()) {
                direct.put(r.mod().path(), true);
            }
        }
        String goVersion = f.goVersion().isEmpty() ? DEFAULT_GO_MOD_VERSION : f.goVersion();
        roots.add(new ModuleVersion("go", goVersion));
        direct.put("go", true);
        if (!f.toolchain().isEmpty()) {
            roots.add(new ModuleVersion("toolchain", f.toolchain()));
        }
        roots.sort(Requirements.MOD_SORT);
        return new Requirements(Pruning.forGoVersion(goVersion), roots, direct);
    }

    private Requirements loadModFile(Requirements rs) throws ResolveException {
        if (rs.hasRedundantRoot(main.path())) {
            rs = updateRoots(rs.direct, rs);
        }
        if (main.goMod().goVersion().isEmpty() && options.buildMod() == BuildMod.MOD
                && options.command() != Command.GRAPH) {
            String v = options.localGoVersion();
            rs = overrideRoots(rs, List.of(new ModuleVersion("go", v)));
            if (GoVersion.compare(v, Pruning.EXPLICIT_INDIRECT_VERSION) >= 0) {
                rs = convertToPruned(rs);
            }
        }
        return rs;
    }

    private Requirements overrideRoots(Requirements rs, List<ModuleVersion> replace) {
        Set<String> drop = new HashSet<>();
        for (ModuleVersion m : replace) {
            drop.add(m.path());
        }
        List<ModuleVersion> roots = new ArrayList<>();
        for (ModuleVersion m : rs.rootModules) {
            if (!drop.contains(m.path())) {
                roots.add(m);
            }
        }
        roots.addAll(replace);
        roots.sort(Requirements.MOD_SORT);
        return new Requirements(rs.pruning, roots, rs.direct);
    }

    private Requirements convertToPruned(Requirements rs) throws ResolveException {
        if (rs.pruning == Pruning.PRUNED) {
            return rs;
        }
        ModuleGraph mg = graph(rs);
        List<ModuleVersion> bl = mg.buildList();
        return new Requirements(Pruning.PRUNED, bl.subList(1, bl.size()), rs.direct);
    }

    private record Expanded(Requirements rs, ResolveException error) {}

    /// `expandGraph`: the graph of rs, with the roots made consistent when they are not. On failure,
    /// the requirements whose graph was being loaded and the error.
    private Expanded expandGraph(Requirements rs) throws ResolveException {
        ModuleGraph mg;
        try {
            mg = graph(rs);
        } catch (ResolveException e) {
            return new Expanded(rs, e);
        }
        if (!allRootsSelected(mg)) {
            Requirements updated;
            try {
                updated = updateRoots(rs.direct, rs);
            } catch (ResolveException e) {
                return new Expanded(rs, e);
            }
            try {
                graph(updated);
            } catch (ResolveException e) {
                return new Expanded(updated, e);
            }
            rs = updated;
        }
        return new Expanded(rs, null);
    }

    private boolean allRootsSelected(ModuleGraph mg) {
        List<ModuleVersion> roots = mg.requiredBy(main.version());
        for (ModuleVersion m : roots) {
            if (!mg.selected(m.path()).equals(m.version())) {
                return false;
            }
        }
        return true;
    }

    private Requirements updateRoots(Map<String, Boolean> direct, Requirements rs) throws ResolveException {
        return rs.pruning == Pruning.UNPRUNED ? updateUnprunedRoots(direct, rs) : updatePrunedRoots(direct, rs);
    }

    private ResolveException goModDirty() {
        if (options.buildModExplicit()) {
            return new ResolveException("updates to go.mod needed, disabled by -mod="
                    + options.buildMod().name().toLowerCase(java.util.Locale.ROOT) + "; to update it:\n\tgo mod tidy");
        }
        return new ResolveException("updates to go.mod needed; to update it:\n\tgo mod tidy");
    }

    /// `updatePrunedRoots` with no packages and nothing added: repeat until every root is at its
    /// selected version, reloading the graph after each upgrade.
    private Requirements updatePrunedRoots(Map<String, Boolean> direct, Requirements rs) throws ResolveException {
        List<ModuleVersion> roots = rs.rootModules;
        boolean rootsUpgraded = false;
        while (true) {
            ModuleGraph mg = null;
            if (rootsUpgraded) {
                if (options.buildMod() != BuildMod.MOD) {
                    throw goModDirty();
                }
                rs = new Requirements(Pruning.PRUNED, roots, direct);
                mg = graph(rs);
            } else if (rs.graphLoaded()) {
                mg = graph(rs);
            }
            // Without a loaded graph and without packages there is nothing to spot-check.
            roots = new ArrayList<>();
            rootsUpgraded = false;
            Set<String> inRootPaths = new HashSet<>();
            inRootPaths.add(main.path());
            for (ModuleVersion m : rs.rootModules) {
                if (!inRootPaths.add(m.path())) {
                    continue;
                }
                String v = mg == null ? rs.rootSelected(main.path(), m.path()) : mg.selected(m.path());
                roots.add(new ModuleVersion(m.path(), v));
                if (!v.equals(m.version())) {
                    rootsUpgraded = true;
                }
            }
            if (!rootsUpgraded) {
                if (options.buildMod() != BuildMod.MOD) {
                    return rs;
                }
                break;
            }
        }
        if (rs.pruning == Pruning.PRUNED && roots.equals(rs.rootModules) && direct.equals(rs.direct)) {
            return rs;
        }
        return new Requirements(Pruning.PRUNED, roots, direct);
    }

    private Requirements updateUnprunedRoots(Map<String, Boolean> direct, Requirements rs) throws ResolveException {
        ModuleGraph mg = graph(rs);
        if (options.buildMod() != BuildMod.MOD) {
            for (ModuleVersion m : rs.rootModules) {
                if (!m.version().equals(mg.selected(m.path()))) {
                    throw goModDirty();
                }
            }
            for (String path : direct.keySet()) {
                if (rs.rootSelected(main.path(), path) == null) {
                    throw goModDirty();
                }
            }
            return rs;
        }
        List<String> rootPaths = new ArrayList<>();
        Set<String> inRootPaths = new HashSet<>();
        for (ModuleVersion root : rs.rootModules) {
            if (!inRootPaths.contains(root.path()) && mg.selected(root.path()).equals(root.version())) {
                rootPaths.add(root.path());
                inRootPaths.add(root.path());
            }
        }
        List<ModuleVersion> bl = mg.buildList();
        List<ModuleVersion> keep = bl.subList(1, bl.size());
        for (ModuleVersion m : keep) {
            if (Boolean.TRUE.equals(direct.get(m.path())) && inRootPaths.add(m.path())) {
                rootPaths.add(m.path());
            }
        }
        List<ModuleVersion> roots = mvsReq(rootPaths, keep);
        if (rs.pruning == Pruning.UNPRUNED && roots.equals(rs.rootModules) && direct.equals(rs.direct)) {
            return rs;
        }
        return new Requirements(Pruning.UNPRUNED, roots, direct);
    }

    /// `mvs.Req`: the minimal requirement list for the main module that keeps the base paths listed
    /// and reproduces the build list, the main module's own requirements being `keep`.
    private List<ModuleVersion> mvsReq(List<String> base, List<ModuleVersion> keep) throws ResolveException {
        ModuleVersion target = main.version();
        // The full unpruned build list with the main module requiring `keep`.
        ModuleGraph g = new ModuleGraph(List.of(target));
        Map<ModuleVersion, Exception> errs = new ConcurrentHashMap<>();
        loadGraph(g, List.of(target), Pruning.UNPRUNED, m -> m.equals(target) ? keep : null, errs);
        if (!errs.isEmpty()) {
            throw buildListError(g, errs);
        }
        List<ModuleVersion> list = g.buildList();
        Map<String, String> max = new HashMap<>();
        for (ModuleVersion m : list) {
            max.put(m.path(), m.version());
        }
        List<ModuleVersion> postorder = new ArrayList<>();
        Map<ModuleVersion, List<ModuleVersion>> reqCache = new HashMap<>();
        reqCache.put(target, List.of());
        for (ModuleVersion m : list) {
            postorderWalk(m, g, reqCache, postorder);
        }
        Set<ModuleVersion> have = new HashSet<>();
        List<ModuleVersion> min = new ArrayList<>();
        Set<String> haveBase = new HashSet<>();
        for (String path : base) {
            if (!haveBase.add(path)) {
                continue;
            }
            ModuleVersion m = new ModuleVersion(path, max.getOrDefault(path, ""));
            min.add(m);
            markReachable(m, reqCache, have);
        }
        for (int i = postorder.size() - 1; i >= 0; i--) {
            ModuleVersion m = postorder.get(i);
            if (!m.version().equals(max.get(m.path()))) {
                continue;
            }
            if (!have.contains(m)) {
                min.add(m);
                markReachable(m, reqCache, have);
            }
        }
        min.sort(java.util.Comparator.comparing(ModuleVersion::path));
        return min;
    }

    private static void postorderWalk(ModuleVersion start, ModuleGraph g, Map<ModuleVersion, List<ModuleVersion>> reqCache,
            List<ModuleVersion> postorder) {
        // Iterative depth-first walk; graphs can be deep enough to overflow the stack recursively.
        if (reqCache.containsKey(start)) {
            return;
        }
        record Frame(ModuleVersion m, List<ModuleVersion> reqs, int next) {}
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        List<ModuleVersion> r0 = requiredOrEmpty(g, start);
        reqCache.put(start, r0);
        stack.push(new Frame(start, r0, 0));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.next < f.reqs.size()) {
                stack.push(new Frame(f.m, f.reqs, f.next + 1));
                ModuleVersion child = f.reqs.get(f.next);
                if (!reqCache.containsKey(child)) {
                    List<ModuleVersion> rc = requiredOrEmpty(g, child);
                    reqCache.put(child, rc);
                    stack.push(new Frame(child, rc, 0));
                }
            } else {
                postorder.add(f.m);
            }
        }
    }

    private static List<ModuleVersion> requiredOrEmpty(ModuleGraph g, ModuleVersion m) {
        if (m.version().equals(ModuleGraph.NONE)) {
            return List.of();
        }
        List<ModuleVersion> r = g.requiredBy(m);
        return r == null ? List.of() : r;
    }

    private static void markReachable(ModuleVersion start, Map<ModuleVersion, List<ModuleVersion>> reqCache,
            Set<ModuleVersion> have) {
        ArrayDeque<ModuleVersion> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            ModuleVersion m = stack.pop();
            if (!have.add(m)) {
                continue;
            }
            List<ModuleVersion> reqs = reqCache.get(m);
            if (reqs != null) {
                for (int i = reqs.size() - 1; i >= 0; i--) {
                    stack.push(reqs.get(i));
                }
            }
        }
    }

    // ---- graph loading ----

    private ModuleGraph graph(Requirements rs) throws ResolveException {
        if (!rs.graphLoaded()) {
            ModuleGraph g = new ModuleGraph(List.of(main.version()));
            g.require(main.version(), rs.rootModules);
            Map<ModuleVersion, Exception> errs = new ConcurrentHashMap<>();
            loadGraph(g, rs.rootModules, rs.pruning, m -> null, errs);
            rs.setGraph(g, errs.isEmpty() ? null : buildListError(g, errs));
        }
        if (rs.cachedError() != null) {
            throw rs.cachedError();
        }
        return rs.cachedGraph();
    }

    private record LoadKey(ModuleVersion m, Pruning pruning) {}

    /// `readModGraph`: loads the requirements of `start` (and, where pruning allows, theirs)
    /// concurrently into g. `override` may supply the requirements of a node instead of its go.mod.
    private void loadGraph(ModuleGraph g, List<ModuleVersion> start, Pruning pruning,
            java.util.function.Function<ModuleVersion, List<ModuleVersion>> override,
            Map<ModuleVersion, Exception> errs) throws ResolveException {
        Set<LoadKey> loading = ConcurrentHashMap.newKeySet();
        ConcurrentHashMap<ModuleVersion, CompletableFuture<Summary>> loaded = new ConcurrentHashMap<>();
        WorkQueue queue = new WorkQueue(executor);

        class Loader {
            void enqueue(ModuleVersion m, Pruning p) {
                if (m.version().equals(ModuleGraph.NONE) || !loading.add(new LoadKey(m, p))) {
                    return;
                }
                queue.add(() -> {
                    Summary s = loadOne(m);
                    if (s == null) {
                        return;
                    }
                    Pruning next = p == Pruning.UNPRUNED ? Pruning.UNPRUNED : s.pruning();
                    for (ModuleVersion r : s.requires()) {
                        if (p != Pruning.PRUNED || s.pruning() == Pruning.UNPRUNED) {
                            enqueue(r, next);
                        }
                    }
                });
            }

            Summary loadOne(ModuleVersion m) {
                CompletableFuture<Summary> f = new CompletableFuture<>();
                CompletableFuture<Summary> prev = loaded.putIfAbsent(m, f);
                if (prev != null) {
                    return await(prev);
                }
                try {
                    List<ModuleVersion> over = override.apply(m);
                    Summary s;
                    if (over != null) {
                        s = new Summary(m.path(), "", Pruning.UNPRUNED, over, List.of(), "");
                    } else {
                        emit(l -> l.loadStarted(m));
                        s = goModSummary(m);
                        Summary done = s;
                        emit(l -> l.loaded(m, done.requires(), done.goVersion(), done.pruning() == Pruning.PRUNED));
                    }
                    g.require(m, s.requires());
                    f.complete(s);
                    return s;
                } catch (ModuleLoadException | RuntimeException e) {
                    emit(l -> l.loadFailed(m, e.getMessage()));
                    errs.put(m, e);
                    f.complete(null);
                    return null;
                }
            }

            Summary await(CompletableFuture<Summary> f) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (ExecutionException e) {
                    return null;
                }
            }
        }
        Loader loader = new Loader();
        for (ModuleVersion m : start) {
            loader.enqueue(m, pruning);
        }
        try {
            queue.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResolveException("interrupted while loading the module graph", e);
        }
    }

    private ResolveException buildListError(ModuleGraph g, Map<ModuleVersion, Exception> errs) {
        for (Exception e : errs.values()) {
            if (e.getCause() instanceof ModuleFetchException mfe && mfe.isSecurity()) {
                // A checksum mismatch ends everything and is reported as it is (`base.Fatalf`).
                return new ResolveException(mfe.getMessage(), mfe);
            }
        }
        List<ModuleVersion> path = g.findPath(errs::containsKey);
        if (path.isEmpty()) {
            Exception any = errs.values().iterator().next();
            return new ResolveException(any.getMessage(), any);
        }
        Exception err = errs.get(path.get(path.size() - 1));
        int start = 0;
        while (start < path.size() && path.get(start).version().isEmpty()) {
            start++;
        }
        StringBuilder b = new StringBuilder();
        if (start == path.size()) {
            b.append(err.getMessage());
        } else {
            for (int i = start; i < path.size() - 1; i++) {
                b.append(path.get(i)).append(" requires\n\t");
            }
            ModuleVersion m = path.get(path.size() - 1);
            ModuleVersion actual = null;
            String detail = null;
            if (err instanceof ModuleLoadException mle) {
                actual = mle.module();
                detail = mle.detail();
            } else if (err instanceof ModuleFetchException mfe) {
                actual = new ModuleVersion(mfe.path(), mfe.version());
                detail = mfe.detail();
            }
            if (actual == null) {
                b.append(m).append(": ").append(err.getMessage());
            } else if (actual.equals(m)) {
                b.append(err.getMessage());
            } else {
                b.append(m).append(" (replaced by ").append(actual).append("): ").append(detail);
            }
        }
        return new ResolveException(b.toString(), err);
    }

    // ---- go.mod summaries ----

    /// `goModSummary`: the summary of m's go.mod after replacement, with requirements on excluded
    /// versions dropped.
    private Summary goModSummary(ModuleVersion m) throws ModuleLoadException {
        if (isToolchain(m.path())) {
            return toolchainSummary(m);
        }
        ModuleVersion actual = main.replacement(m);
        if (actual == null) {
            actual = m;
        }
        if (haveSum != null && options.buildMod() == BuildMod.READONLY && !actual.version().isEmpty()
                && !haveSum.test(new ModuleVersion(actual.path(), actual.version() + "/go.mod"))) {
            throw new ModuleLoadException(actual, "missing go.sum entry for go.mod file; to add it:\n\tgo mod download "
                    + m.path(), null);
        }
        Summary summary = rawGoModSummary(actual);
        if (!actual.version().isEmpty()) {
            if (summary.modulePath().isEmpty()) {
                throw new ModuleLoadException(actual, "parsing go.mod: missing module line", null);
            }
            String mpath = summary.modulePath();
            if (!mpath.equals(m.path()) && !mpath.equals(actual.path())) {
                throw new ModuleLoadException(actual, "parsing go.mod:\n\tmodule declares its path as: " + mpath
                        + "\n\t        but was required as: " + m.path(), null);
            }
        }
        boolean anyExcluded = false;
        for (ModuleVersion r : summary.requires()) {
            anyExcluded |= main.isExcluded(r);
        }
        if (anyExcluded) {
            List<ModuleVersion> kept = new ArrayList<>();
            for (ModuleVersion r : summary.requires()) {
                if (!main.isExcluded(r)) {
                    kept.add(r);
                }
            }
            summary = summary.withRequires(kept);
        }
        return summary;
    }

    static boolean isToolchain(String path) {
        return path.equals("go") || path.equals("toolchain");
    }

    private static Summary toolchainSummary(ModuleVersion m) {
        if (m.path().equals("go") && GoVersion.compare(m.version(), GO_STRICT_VERSION) >= 0) {
            return new Summary(m.path(), "", Pruning.PRUNED,
                    List.of(new ModuleVersion("toolchain", "go" + m.version())), List.of(), "");
        }
        return new Summary(m.path(), "", Pruning.PRUNED, List.of(), List.of(), "");
    }

    private Summary rawGoModSummary(ModuleVersion m) throws ModuleLoadException {
        CompletableFuture<Summary> f = new CompletableFuture<>();
        CompletableFuture<Summary> prev = rawSummaries.putIfAbsent(m, f);
        if (prev != null) {
            try {
                return prev.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModuleLoadException(m, "interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ModuleLoadException mle) {
                    throw mle;
                }
                throw new ModuleLoadException(m, String.valueOf(e.getCause().getMessage()), e.getCause());
            }
        }
        try {
            Summary s = readSummary(m);
            f.complete(s);
            return s;
        } catch (ModuleLoadException e) {
            f.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            ModuleLoadException wrapped = new ModuleLoadException(m, String.valueOf(e.getMessage()), e);
            f.completeExceptionally(wrapped);
            throw wrapped;
        }
    }

    private Summary readSummary(ModuleVersion m) throws ModuleLoadException {
        String name;
        byte[] data;
        if (m.version().isEmpty()) {
            Path dir = Path.of(m.path());
            if (!dir.isAbsolute()) {
                dir = main.dir().resolve(dir);
            }
            Path file = dir.resolve("go.mod").normalize();
            name = file.toString();
            try {
                data = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new ModuleLoadException(m, "reading " + shortPath(file) + ": open " + file
                        + ": no such file or directory", e);
            } catch (IOException e) {
                throw new ModuleLoadException(m, "reading " + shortPath(file) + ": " + e.getMessage(), e);
            }
        } else {
            name = "go.mod";
            try {
                data = source.goMod(m.path(), m.version());
            } catch (ModuleFetchException e) {
                throw new ModuleLoadException(new ModuleVersion(e.path(), e.version()), e.detail(), e);
            }
        }
        GoMod f;
        try {
            f = GoMod.parseLax(name, data);
        } catch (GoModParseException e) {
            throw new ModuleLoadException(m, "parsing " + (m.version().isEmpty() ? shortPath(Path.of(name)) : name)
                    + ": " + e.getMessage(), e);
        }
        List<ModuleVersion> requires = new ArrayList<>();
        for (GoMod.Require r : f.requires()) {
            requires.add(r.mod());
        }
        Pruning pruning = Pruning.UNPRUNED;
        if (!f.goVersion().isEmpty()) {
            pruning = Pruning.forGoVersion(f.goVersion());
            if (GoVersion.compare(f.goVersion(), GO_STRICT_VERSION) >= 0) {
                requires.add(new ModuleVersion("go", f.goVersion()));
            }
        }
        return new Summary(f.modulePath(), f.goVersion(), pruning, requires, f.retracts(), f.deprecated());
    }

    private String shortPath(Path file) {
        Path rel = main.dir().relativize(file);
        String s = rel.toString();
        return s.length() < file.toString().length() ? s : file.toString();
    }

}

package dev.gofetch.bundle;

import dev.gofetch.cache.ModCache;
import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.engine.Downloads;
import dev.gofetch.engine.ModuleDownloader;
import dev.gofetch.engine.Project;
import dev.gofetch.engine.Session;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.Version;
import dev.gofetch.resolve.ResolveException;
import dev.gofetch.resolve.ResolveListener;
import dev.gofetch.resolve.Resolver;
import dev.gofetch.verify.Hash1;
import dev.gofetch.verify.SumChecker;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/// Makes a bundle from one or more main modules, in three steps: {@link #plan} decides the modules
/// (what `go mod download` would fetch for the query in each main module, plus every go.mod the
/// module graph reads, so that `GOPROXY=off` builds can load the graph), {@link #download} fills the
/// module cache through the ordinary download pipeline (go.sum checked), and {@link #write} writes the
/// archive from the module cache, re-hashing every zip on the way.
///
/// The archive is a plain, reproducible tar: entries sorted by name, mode 0644, owner 0, one fixed
/// time (the creation time if given, else the epoch), no directory entries. Plain rather than
/// compressed because module zips are already compressed, because `tar tf`/`tar xf` and `sha256sum -c`
/// are all it takes to inspect and unpack one by hand, and because every file stays one contiguous byte
/// range, so `gofetch serve` can answer (ranged) requests straight from the archive.
public final class BundleCreator {
    private final Session session;
    private final List<String> query;
    private final List<Planned> planned;
    private final Map<ModuleVersion, Boolean> modules; // true: info, go.mod and zip; false: go.mod only

    /// One main module (or none, for explicit `path@version` queries outside a module) and what to fetch.
    private record Planned(Project project, List<Downloads.Target> targets) {}

    private BundleCreator(Session session, List<String> query, List<Planned> planned,
                          Map<ModuleVersion, Boolean> modules) {
        this.session = session;
        this.query = query;
        this.planned = planned;
        this.modules = modules;
    }

    /// Resolves the query in each main module.
    /// @param moduleDirs directories at or below each main module's go.mod
    /// @param query      `all`, or `path@version` arguments as for `go mod download`; empty means `all`
    /// @param cwd        the user's directory, for naming files in messages
    public static BundleCreator plan(Session session, List<Path> moduleDirs, List<String> query, Path cwd,
                                     Consumer<String> warnings) throws BundleException {
        return plan(session, moduleDirs, query, true, cwd, warnings);
    }

    /// As {@link #plan(Session, List, List, Path, Consumer)}; with `graphGoMods` false, a bundle for
    /// `all` holds the build list only, without the other go.mod files the module graph reads (smaller,
    /// but a `GOPROXY=off` build that loads the whole graph may then miss some of them).
    public static BundleCreator plan(Session session, List<Path> moduleDirs, List<String> query, boolean graphGoMods,
                                     Path cwd, Consumer<String> warnings) throws BundleException {
        List<String> q = query.isEmpty() ? List.of("all") : List.copyOf(query);
        List<String> problems = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        Map<ModuleVersion, Boolean> modules = new TreeMap<>(ModuleVersion.ORDER);
        for (Path dir : moduleDirs) {
            Path root = Session.findModuleRootOrNull(dir);
            try {
                Project project = root == null ? null : Project.open(session, root, Resolver.Command.DOWNLOAD, cwd);
                Downloads.Plan plan = Downloads.plan(session, project, q, warnings);
                for (Downloads.Target t : plan.targets()) {
                    if (!t.error().isEmpty()) {
                        problems.add(t.error());
                    } else {
                        modules.put(new ModuleVersion(t.path(), t.version()), true);
                    }
                }
                if (plan.graphError() != null) {
                    problems.add(plan.graphError().getMessage());
                    continue;
                }
                if (project != null && graphGoMods && q.contains("all")) {
                    // Every go.mod read on the way, not just those of the final graph: with -mod=mod the
                    // go command first loads the graph of go.mod as written, whose requirements may be
                    // older than the versions finally selected, and a GOPROXY=off build does the same.
                    Set<ModuleVersion> read = ConcurrentHashMap.newKeySet();
                    project.resolve(warnings, new ResolveListener() {
                        @Override
                        public void loaded(ModuleVersion m, List<ModuleVersion> requires, String goVersion,
                                           boolean pruned) {
                            read.add(m);
                        }
                    });
                    for (ModuleVersion m : read) {
                        ModuleVersion used = used(project, m);
                        if (used != null) {
                            modules.putIfAbsent(used, false);
                        }
                    }
                }
                planned.add(new Planned(project, plan.targets()));
            } catch (ResolveException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleException(problems);
        }
        return new BundleCreator(session, q, planned, modules);
    }

    /// The module whose go.mod stands for m after replacements, or null (main module, local directory).
    private static ModuleVersion used(Project project, ModuleVersion m) {
        if (m.version().isEmpty() || m.path().equals("go") || m.path().equals("toolchain")) {
            return null;
        }
        ModuleVersion r = project.main().replacement(m);
        if (r == null) {
            return m;
        }
        return r.version().isEmpty() ? null : r;
    }

    /// One module version of a planned bundle, for a review before anything is downloaded or written.
    /// @param zip    whether the bundle holds the module's zip (else its go.mod only)
    /// @param cached whether the module cache already holds every file the bundle takes from it
    /// @param bytes  the size of those files in the module cache; -1 until they are all there
    public record Entry(ModuleVersion module, boolean zip, boolean cached, long bytes) {}

    /// What the bundle will hold, in manifest order, and what of it the module cache has already.
    /// Reads file sizes from the module cache.
    public List<Entry> review() {
        ModCache cache = session.cache();
        List<Entry> out = new ArrayList<>();
        modules.forEach((mv, zip) -> {
            List<Path> files = zip ? List.of(cache.infoFile(mv), cache.modFile(mv), cache.zipFile(mv))
                    : List.of(cache.modFile(mv));
            long bytes = 0;
            boolean cached = !zip || cache.isZipComplete(mv);
            for (Path f : files) {
                try {
                    bytes += Files.size(f);
                } catch (IOException missing) {
                    cached = false;
                }
            }
            out.add(new Entry(mv, zip, cached, cached ? bytes : -1));
        });
        return out;
    }

    /// How many module versions have their zip in the bundle.
    public int zipCount() {
        return (int) modules.values().stream().filter(b -> b).count();
    }

    public int moduleCount() {
        return modules.size();
    }

    /// How many downloads {@link #download} runs (a module needed by several main modules counts once
    /// for each; all but the first come from the module cache).
    public int downloadCount() {
        return planned.stream().mapToInt(p -> p.targets().size()).sum();
    }

    /// Downloads what the bundle holds into the module cache (reusing what is there), as
    /// `go mod download` does in each main module: go.sum checked, many modules at once.
    /// @throws BundleException naming every module that could not be downloaded
    /// @throws CancellationException when the calling thread is interrupted: running downloads stop
    ///         (keeping their journals), queued ones never start; the interrupt status stays set
    public void download(DownloadListener listener, int parallelism) throws BundleException {
        List<String> problems = new ArrayList<>();
        for (Planned p : planned) {
            ModuleDownloader downloader = p.project() != null
                    ? p.project().downloader(listener)
                    : new ModuleDownloader(session.cache(), session.proxy(), SumChecker.none(),
                            session.env().goFlags().modCacheRw(), listener);
            try {
                for (DownloadResult r : downloadAll(downloader, p.targets(), parallelism)) {
                    if (r.failed()) {
                        problems.add(r.error());
                    }
                }
            } catch (ModuleDownloader.SecurityException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleException(problems);
        }
    }

    /// {@link Downloads#run}, but waiting interruptibly, so that the bundle can be cancelled (the plan
    /// holds no targets with errors).
    private static List<DownloadResult> downloadAll(ModuleDownloader downloader, List<Downloads.Target> targets,
                                                    int parallelism) throws ModuleDownloader.SecurityException {
        checkCancelled();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "gofetch-bundle-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DownloadResult>> futures = new ArrayList<>();
            for (Downloads.Target t : targets) {
                futures.add(pool.submit(() -> downloader.download(new ModuleVersion(t.path(), t.version()), t.query())));
            }
            List<DownloadResult> results = new ArrayList<>();
            for (Future<DownloadResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ModuleDownloader.SecurityException se) {
                        throw se;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("bundle cancelled");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("bundle cancelled");
        }
    }

    /// What is known of one module version once its files are read and hashed.
    private record Read(ModuleVersion mv, byte[] info, byte[] mod, Path zip, long zipSize, String zipH1,
                        String zipSha256) {}

    /// Writes the archive to `out` (through a temporary file beside it, renamed at the end).
    /// @param created the creation time to record, or null to record none
    /// @throws CancellationException when the calling thread is interrupted; nothing is left behind
    public Manifest write(Path out, Instant created, Progress progress) throws BundleException, IOException {
        List<Read> read = readModules(progress);
        Map<String, EntryBody> entries = new TreeMap<>();
        List<Manifest.Module> manifestModules = new ArrayList<>();
        for (Read r : read) {
            Manifest.FileInfo info = null;
            Manifest.FileInfo zip = null;
            if (r.info() != null) {
                info = new Manifest.FileInfo(r.info().length, null);
                entries.put(Layout.versionFile(r.mv(), Layout.Ext.INFO), EntryBody.of(r.info()));
            }
            Manifest.FileInfo mod = new Manifest.FileInfo(r.mod().length, Hash1.hashGoMod(r.mod()));
            entries.put(Layout.versionFile(r.mv(), Layout.Ext.MOD), EntryBody.of(r.mod()));
            if (r.zip() != null) {
                zip = new Manifest.FileInfo(r.zipSize(), r.zipH1());
                entries.put(Layout.versionFile(r.mv(), Layout.Ext.ZIP), EntryBody.of(r.zip(), r.zipSize(), r.zipSha256()));
            }
            manifestModules.add(new Manifest.Module(r.mv().path(), r.mv().version(), info, mod, zip));
        }
        List<Manifest.Source> sources = sources(entries);
        Manifest manifest = new Manifest(Version.current(), created, query, sources, manifestModules, null);
        Derived.lists(manifestModules).forEach((name, content) -> entries.put(name, EntryBody.of(content)));
        entries.put(Layout.GO_SUM, EntryBody.of(Derived.goSum(manifestModules)));
        entries.put(Layout.MANIFEST, EntryBody.of(manifest.toJson()));
        Map<String, String> sums = new TreeMap<>();
        entries.forEach((name, body) -> sums.put(name, body.sha256()));
        entries.put(Layout.SUMS, EntryBody.of(Derived.sha256sums(sums)));
        try {
            writeArchive(out, entries, created == null ? 0 : Math.max(0, created.getEpochSecond()), progress);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw new CancellationException("bundle cancelled");
        }
        return manifest;
    }

    /// The main modules' go.mod and go.sum files, each distinct one once, in a fixed order.
    private List<Manifest.Source> sources(Map<String, EntryBody> entries) throws IOException {
        record Src(String module, byte[] goMod, byte[] goSum, String modH1, String sumH1) {}
        Map<String, Src> distinct = new TreeMap<>();
        for (Planned p : planned) {
            if (p.project() == null) {
                continue;
            }
            Path dir = p.project().main().dir();
            byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));
            byte[] goSum;
            try {
                goSum = Files.readAllBytes(dir.resolve("go.sum"));
            } catch (NoSuchFileException e) {
                goSum = null;
            }
            String module = p.project().main().path();
            String modH1 = BundleVerifier.h1("go.mod", goMod);
            String sumH1 = goSum == null ? "" : BundleVerifier.h1("go.sum", goSum);
            distinct.putIfAbsent(module + "\n" + modH1 + "\n" + sumH1, new Src(module, goMod, goSum, modH1, sumH1));
        }
        List<Manifest.Source> sources = new ArrayList<>();
        int i = 0;
        for (Src s : distinct.values()) {
            entries.put(Layout.sourceFile(i, "go.mod"), EntryBody.of(s.goMod()));
            Manifest.FileInfo goSum = null;
            if (s.goSum() != null) {
                entries.put(Layout.sourceFile(i, "go.sum"), EntryBody.of(s.goSum()));
                goSum = new Manifest.FileInfo(s.goSum().length, s.sumH1());
            }
            sources.add(new Manifest.Source(s.module(), new Manifest.FileInfo(s.goMod().length, s.modH1()), goSum));
            i++;
        }
        return sources;
    }

    /// Reads every module's files from the module cache and hashes the zips, one zip per processor.
    private List<Read> readModules(Progress progress) throws BundleException {
        ModCache cache = session.cache();
        long totalZipBytes = 0;
        for (Map.Entry<ModuleVersion, Boolean> e : modules.entrySet()) {
            if (e.getValue()) {
                try {
                    totalZipBytes += Files.size(cache.zipFile(e.getKey()));
                } catch (IOException ignored) {
                    // reported below
                }
            }
        }
        long total = totalZipBytes;
        AtomicLong hashed = new AtomicLong();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "gofetch-bundle-hash-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Read>> futures = new ArrayList<>();
            for (Map.Entry<ModuleVersion, Boolean> e : modules.entrySet()) {
                ModuleVersion mv = e.getKey();
                boolean full = e.getValue();
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        Read r = read(cache, mv, full);
                        if (full) {
                            progress.update("hashing", hashed.addAndGet(r.zipSize()), total);
                        }
                        return r;
                    } catch (IOException ex) {
                        throw new CompletionException(new IOException(mv + ": " + ex.getMessage(), ex));
                    }
                }, pool));
            }
            List<String> problems = new ArrayList<>();
            List<Read> read = new ArrayList<>();
            for (CompletableFuture<Read> f : futures) {
                try {
                    read.add(f.get());
                } catch (ExecutionException ex) {
                    problems.add(ex.getCause().getMessage());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("bundle cancelled");
                }
            }
            if (!problems.isEmpty()) {
                throw new BundleException(problems);
            }
            return read;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Read read(ModCache cache, ModuleVersion mv, boolean full) throws IOException {
        byte[] mod = cache.readMod(mv).orElseThrow(() -> new IOException("go.mod missing from the module cache"));
        if (!full) {
            return new Read(mv, null, mod, null, 0, null, null);
        }
        byte[] info;
        try {
            info = Files.readAllBytes(cache.infoFile(mv));
        } catch (NoSuchFileException e) {
            throw new IOException(".info missing from the module cache");
        }
        Path zip = cache.zipFile(mv);
        String h1 = Hash1.hashZip(zip);
        String recorded = cache.readZipHash(mv).orElse(null);
        if (recorded != null && !recorded.equals(h1)) {
            throw new IOException("zip has been modified (" + zip + "): h1 hash is " + h1 + ", the module cache"
                    + " recorded " + recorded + "; run 'gofetch clean' on it and try again");
        }
        long size = Files.size(zip);
        String sha256;
        try (InputStream in = Files.newInputStream(zip)) {
            sha256 = Derived.sha256Hex(in);
        }
        return new Read(mv, info, mod, zip, size, h1, sha256);
    }

    /// The content of one archive entry: bytes in memory, or a file in the module cache.
    private record EntryBody(byte[] bytes, Path file, long size, String sha256) {
        static EntryBody of(byte[] bytes) {
            return new EntryBody(bytes, null, bytes.length, Derived.sha256Hex(bytes));
        }

        static EntryBody of(Path file, long size, String sha256) {
            return new EntryBody(null, file, size, sha256);
        }

        void writeTo(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
        }
    }

    private static void writeArchive(Path out, Map<String, EntryBody> entries, long mtime, Progress progress)
            throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = Objects.requireNonNull(target.getParent());
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        long total = entries.values().stream().mapToLong(EntryBody::size).sum();
        long done = 0;
        boolean moved = false;
        try {
            try (TarWriter tar = new TarWriter(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20), mtime)) {
                for (Map.Entry<String, EntryBody> e : entries.entrySet()) {
                    checkCancelled();
                    tar.file(e.getKey(), e.getValue().size(), e.getValue()::writeTo);
                    done += e.getValue().size();
                    progress.update("writing", done, total);
                }
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system decides
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}

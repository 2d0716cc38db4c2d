package dev.gofetch.bundle;

import dev.gofetch.cache.ModCache;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.RevInfo;
import dev.gofetch.verify.Hash1;
import dev.gofetch.verify.ModuleZip;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/// Fills a module cache from a verified bundle by the rules `go mod download` follows: `.info`,
/// `.mod` (then `list`), `.zip` published with its `.ziphash` only after its hash checks out, then the
/// read-only extracted tree, each under the cache's locks. What the cache already holds is kept; if it
/// holds a different go.mod or zip for a version the bundle carries, nothing at all is imported.
/// Every file is checked against the manifest again as it is copied, so an archive changed after
/// verification cannot slip anything in.
public final class BundleImporter {
    private BundleImporter() {}

    /// What an import did.
    /// @param zipsAdded   zips published (and extracted) that the cache did not have
    /// @param zipsPresent zips the cache already had
    /// @param modsAdded   go.mod files written that the cache did not have (zips' go.mod files included)
    public record Report(int zipsAdded, int zipsPresent, int modsAdded, int modsPresent) {}

    /// What importing one module version of a bundle would do to a module cache.
    public enum Effect {
        /// The cache lacks some of its files: the import adds them.
        ADD,
        /// The cache holds the same files already.
        PRESENT,
        /// The cache holds a different go.mod or zip for it: the import refuses to run.
        CONFLICT
    }

    /// One module version of a bundle against a module cache.
    /// @param zip   whether the bundle holds its zip (else its go.mod only)
    /// @param bytes the size of its zip in the bundle (of its go.mod when it has no zip)
    /// @param conflict why the cache disagrees ({@link Effect#CONFLICT}), else ""
    public record Preview(ModuleVersion module, boolean zip, long bytes, Effect effect, String conflict) {}

    /// What {@link #importInto} would add to the cache, module by module, without writing anything.
    /// @throws java.util.concurrent.CancellationException when the calling thread is interrupted
    public static List<Preview> preview(Bundle bundle, ModCache cache) {
        List<Preview> out = new ArrayList<>();
        for (Manifest.Module m : bundle.manifest().modules()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("preview cancelled");
            }
            ModuleVersion mv = m.id();
            long bytes = m.zip() != null ? m.zip().size() : m.mod().size();
            List<String> conflicts = new ArrayList<>();
            boolean present;
            try {
                conflicts.addAll(conflicts(cache, m));
                present = Files.exists(cache.modFile(mv)) && (m.zip() == null || cache.isZipComplete(mv))
                        && (m.info() == null || cache.readInfo(mv).isPresent());
            } catch (IOException e) {
                conflicts.add(mv + ": " + e.getMessage());
                present = false;
            }
            Effect effect = !conflicts.isEmpty() ? Effect.CONFLICT : present ? Effect.PRESENT : Effect.ADD;
            out.add(new Preview(mv, m.zip() != null, bytes, effect, String.join("; ", conflicts)));
        }
        return out;
    }

    /// @param modCacheRw leave extracted directories writable (`-modcacherw`)
    /// @throws BundleException when the cache holds something else for a version of the bundle
    ///         (then nothing is written), or when files cannot be imported
    /// @throws java.util.concurrent.CancellationException when the calling thread is interrupted (the
    ///         modules imported by then stay: each is published whole or not at all)
    public static Report importInto(Bundle bundle, ModCache cache, boolean modCacheRw, int parallelism,
                                    Progress progress) throws BundleException {
        List<Manifest.Module> modules = bundle.manifest().modules();
        checkConflicts(bundle, cache, modules);
        AtomicInteger zipsAdded = new AtomicInteger();
        AtomicInteger zipsPresent = new AtomicInteger();
        AtomicInteger modsAdded = new AtomicInteger();
        AtomicInteger modsPresent = new AtomicInteger();
        long total = bundle.summary().zipBytes();
        AtomicLong done = new AtomicLong();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "gofetch-bundle-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (Manifest.Module m : modules) {
                futures.add(CompletableFuture.runAsync(() -> {
                    try {
                        if (importModule(bundle, cache, m)) {
                            modsAdded.incrementAndGet();
                        } else {
                            modsPresent.incrementAndGet();
                        }
                        if (m.zip() != null) {
                            if (importZip(bundle, cache, m, modCacheRw)) {
                                zipsAdded.incrementAndGet();
                            } else {
                                zipsPresent.incrementAndGet();
                            }
                            progress.update("importing", done.addAndGet(m.zip().size()), total);
                        }
                    } catch (IOException | RuntimeException e) {
                        throw new CompletionException(new IOException(m.id() + ": " + e.getMessage(), e));
                    }
                }, pool));
            }
            List<String> problems = new ArrayList<>();
            for (CompletableFuture<Void> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    problems.add(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    // Each module is published whole or not at all: what was imported stays.
                    Thread.currentThread().interrupt();
                    throw new CancellationException("import cancelled");
                }
            }
            if (!problems.isEmpty()) {
                throw new BundleException(problems);
            }
            return new Report(zipsAdded.get(), zipsPresent.get(), modsAdded.get(), modsPresent.get());
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
        }
    }

    /// Returns only once no worker writes to the cache any more, so that a cancelled import has
    /// really stopped when the caller hears of it (the caller's interrupt is kept).
    private static void awaitStopped(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /// Before writing anything: a go.mod or zip already cached for a version of the bundle must be
    /// the same one (by its `h1:` hash).
    private static void checkConflicts(Bundle bundle, ModCache cache, List<Manifest.Module> modules)
            throws BundleException {
        List<String> problems = new ArrayList<>();
        for (Manifest.Module m : modules) {
            try {
                problems.addAll(conflicts(cache, m));
            } catch (IOException e) {
                problems.add(m.id() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.add("nothing was imported from " + bundle.file().getFileName());
            throw new BundleException(problems);
        }
    }

    /// How the cache disagrees with the bundle about one module version (by `h1:` hash), if it does.
    private static List<String> conflicts(ModCache cache, Manifest.Module m) throws IOException {
        List<String> problems = new ArrayList<>();
        ModuleVersion mv = m.id();
        var mod = cache.readMod(mv);
        if (mod.isPresent() && !Hash1.hashGoMod(mod.get()).equals(m.mod().h1())) {
            problems.add(conflict(mv, "go.mod", cache.modFile(mv), Hash1.hashGoMod(mod.get()), m.mod().h1()));
        }
        if (m.zip() != null && Files.exists(cache.zipFile(mv))) {
            String cached = cache.readZipHash(mv).orElse(null);
            if (cached == null) {
                cached = Hash1.hashZip(cache.zipFile(mv));
            }
            if (!cached.equals(m.zip().h1())) {
                problems.add(conflict(mv, "zip", cache.zipFile(mv), cached, m.zip().h1()));
            }
        }
        return problems;
    }

    private static String conflict(ModuleVersion mv, String what, Path file, String cached, String bundled) {
        return mv + ": the module cache holds a different " + what + " (" + file + ", " + cached
                + ") than the bundle (" + bundled + ")";
    }

    /// `.info` and `.mod`; returns whether the go.mod was new to the cache.
    private static boolean importModule(Bundle bundle, ModCache cache, Manifest.Module m)
            throws IOException {
        ModuleVersion mv = m.id();
        if (m.info() != null && cache.readInfo(mv).isEmpty()) {
            RevInfo info;
            try {
                info = RevInfo.parse(bundle.read(Layout.versionFile(mv, Layout.Ext.INFO)));
            } catch (RevInfo.InvalidInfoException e) {
                throw new IOException("the bundle's .info changed after it was verified: " + e.getMessage(), e);
            }
            if (!info.version().equals(mv.version())) {
                throw new IOException("the bundle's .info changed after it was verified");
            }
            cache.writeInfo(mv.path(), info);
        }
        var cached = cache.readMod(mv);
        if (cached.isPresent()) {
            if (!Hash1.hashGoMod(cached.get()).equals(m.mod().h1())) {
                throw new IOException("the module cache's go.mod changed during the import");
            }
            return false;
        }
        byte[] mod = bundle.read(Layout.versionFile(mv, Layout.Ext.MOD));
        if (!Hash1.hashGoMod(mod).equals(m.mod().h1())) {
            throw new IOException("the bundle's go.mod changed after it was verified");
        }
        cache.writeMod(mv, mod);
        return true;
    }

    /// `.zip`, `.ziphash` and the extracted tree; returns whether the zip was new to the cache.
    private static boolean importZip(Bundle bundle, ModCache cache, Manifest.Module m, boolean modCacheRw)
            throws IOException {
        ModuleVersion mv = m.id();
        boolean[] added = {false};
        Path zip = cache.publishZip(mv, tmp -> {
            added[0] = true;
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                bundle.copy(Layout.versionFile(mv, Layout.Ext.ZIP), out);
            }
        }, candidate -> {
            String h1 = Hash1.hashZip(candidate);
            if (!h1.equals(m.zip().h1())) {
                throw new IOException(added[0] ? "the bundle's zip changed after it was verified (h1 hash " + h1 + ")"
                        : "the module cache's zip does not match the bundle (h1 hash " + h1 + ")");
            }
            return h1;
        });
        if (!added[0] && !cache.readZipHash(mv).orElse("").equals(m.zip().h1())) {
            throw new IOException("the module cache's zip changed during the import");
        }
        cache.publishExtracted(mv, target -> ModuleZip.unzip(zip, target, mv.path(), mv.version()), modCacheRw);
        return added[0];
    }
}

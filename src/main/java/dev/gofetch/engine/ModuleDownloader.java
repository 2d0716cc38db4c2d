package dev.gofetch.engine;

import dev.gofetch.cache.ModCache;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.RevInfo;
import dev.gofetch.proxy.Fetched;
import dev.gofetch.proxy.ModuleFetchException;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.verify.ChecksumMismatchException;
import dev.gofetch.verify.Hash1;
import dev.gofetch.verify.ModuleZip;
import dev.gofetch.verify.ModuleZipException;
import dev.gofetch.verify.SumChecker;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/// Downloads one module version into the module cache the way `go mod download` does
/// (`DownloadModule` in cmd/go): `.info`, `.mod` (hash checked), `.zip` (entries and hash checked
/// before it gets its final name), `.ziphash`, then the read-only extracted tree. Files already in the
/// cache are reused. Thread-safe: many modules may download at once.
public final class ModuleDownloader {
    private final ModCache cache;
    private final ModuleProxy proxy;
    private final SumChecker sums;
    private final boolean modCacheRw;
    private final DownloadListener listener;
    private final ZipTransfer transfer;

    public ModuleDownloader(ModCache cache, ModuleProxy proxy, SumChecker sums, boolean modCacheRw,
            DownloadListener listener) {
        this(cache, proxy, sums, modCacheRw, listener, null);
    }

    /// @param transfer the ranged, resumable engine for zips, or null to fetch them in one stream
    public ModuleDownloader(ModCache cache, ModuleProxy proxy, SumChecker sums, boolean modCacheRw,
            DownloadListener listener, ZipTransfer transfer) {
        this.transfer = transfer;
        this.cache = Objects.requireNonNull(cache);
        this.proxy = Objects.requireNonNull(proxy);
        this.sums = Objects.requireNonNull(sums);
        this.modCacheRw = modCacheRw;
        this.listener = Objects.requireNonNull(listener);
    }

    /// A security failure stops everything, as in the go command; other failures are per module.
    public static final class SecurityException extends IOException {
        private static final long serialVersionUID = 1L;

        SecurityException(ChecksumMismatchException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /// Downloads mv; failures other than checksum mismatches are reported in the result's error.
    /// @throws SecurityException when bytes disagree with go.sum: nothing of them is kept
    public DownloadResult download(ModuleVersion mv, String query) throws SecurityException {
        DownloadResult.Builder r = DownloadResult.builder(mv.path(), mv.version());
        r.query = query;
        try {
            if (transfer != null) {
                transfer.awaitRunnable(mv); // held back while paused: not even .info and .mod start
            }
            emit(l -> l.moduleStarted(mv));
            RevInfo info = info(mv, r);
            r.origin = info.origin();
            byte[] goMod = goMod(mv);
            r.goMod = cache.modFile(mv).toString();
            r.goModSum = Hash1.hashGoMod(goMod);
            r.zip = zip(mv, r).toString();
            r.sum = cache.readZipHash(mv).orElse("");
            r.dir = extract(mv).toString();
        } catch (ChecksumMismatchException e) {
            throw new SecurityException(e);
        } catch (ModuleFetchException e) {
            r.error = e.getMessage();
        } catch (ModuleZipException e) {
            r.error = mv + ": " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            r.error = mv + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.error = mv + ": interrupted";
        }
        DownloadResult result = r.build();
        emit(l -> l.moduleFinished(mv, result));
        return result;
    }

    /// The `.info` of mv from the module cache, or from a mirror (then cached) — what `go list -m`
    /// looks up for every module it prints.
    public RevInfo stat(ModuleVersion mv) throws IOException {
        var cached = cache.readInfo(mv);
        if (cached.isPresent()) {
            return cached.get();
        }
        RevInfo info = proxy.stat(mv.path(), mv.version()).value();
        cache.writeInfo(mv.path(), info);
        return info;
    }

    private RevInfo info(ModuleVersion mv, DownloadResult.Builder r) throws IOException {
        RevInfo info = stat(mv);
        r.info = cache.infoFile(mv).toString();
        return info;
    }

    /// The go.mod of mv from the cache or a mirror, checked against go.sum either way (`checkGoMod`).
    public byte[] goMod(ModuleVersion mv) throws IOException {
        ModuleVersion key = new ModuleVersion(mv.path(), mv.version() + "/go.mod");
        var cached = cache.readMod(mv);
        if (cached.isPresent()) {
            sums.check(key, Hash1.hashGoMod(cached.get()), "");
            return cached.get();
        }
        Fetched<byte[]> fetched = proxy.goMod(mv.path(), mv.version());
        sums.check(key, Hash1.hashGoMod(fetched.value()), fetched.mirror());
        cache.writeMod(mv, fetched.value());
        return fetched.value();
    }

    private Path zip(ModuleVersion mv, DownloadResult.Builder r) throws IOException {
        AtomicReference<String> mirror = new AtomicReference<>("");
        Path zip = cache.publishZip(mv, tmp -> {
            r.fromCache = false;
            mirror.set(fetchZip(mv, tmp));
        }, candidate -> {
            checkPrefix(mv, candidate);
            String hash = Hash1.hashZip(candidate);
            sums.check(mv, hash, mirror.get());
            return hash;
        });
        if (r.fromCache && !sums.have(mv)) {
            // checkMod: a zip published earlier is still checked against go.sum.
            String hash = cache.readZipHash(mv).orElse("");
            if (hash.length() != ModCache.ZIPHASH_LENGTH || !hash.startsWith("h1:")) {
                hash = Hash1.hashZip(zip);
                cache.writeZipHash(mv, hash);
            }
            sums.check(mv, hash, "");
        }
        return zip;
    }

    private String fetchZip(ModuleVersion mv, Path tmp) throws IOException {
        if (transfer != null) {
            String mirror = transfer.fetch(mv, tmp, sums.expected(mv), bytes -> emit(l -> l.zipProgress(mv, bytes)));
            if (mirror != null) {
                return mirror;
            }
            // The engine could not get it: the single-stream path tries once more and reports the
            // failure in the go command's words.
        }
        long[] written = {0};
        OutputStream[] current = {null};
        ModuleProxy.ZipSink sink = new ModuleProxy.ZipSink() {
            @Override
            public OutputStream stream() throws IOException {
                if (current[0] == null) {
                    current[0] = new FilterOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                            written[0] += len;
                            long now = written[0];
                            emit(l -> l.zipProgress(mv, now));
                        }
                    };
                }
                return current[0];
            }

            @Override
            public void restart() throws IOException {
                if (current[0] != null) {
                    current[0].close();
                    current[0] = null;
                }
                written[0] = 0;
                Files.write(tmp, new byte[0]);
            }
        };
        try {
            emit(l -> l.zipStarted(mv, proxy.list().format()));
            Fetched<Void> f = proxy.zip(mv.path(), mv.version(), sink);
            return f.mirror();
        } finally {
            if (current[0] != null) {
                current[0].close();
            }
        }
    }

    /// cmd/go's own check after a zip download: every entry under `path@version/`.
    private static void checkPrefix(ModuleVersion mv, Path zip) throws IOException {
        String prefix = mv.path() + "@" + mv.version() + "/";
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.startsWith(prefix)) {
                    throw new IOException("zip for " + mv + " has unexpected file " + name);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("zip: not a valid zip file", e);
        }
    }

    private Path extract(ModuleVersion mv) throws IOException {
        Path zip = cache.zipFile(mv);
        Path dir = cache.publishExtracted(mv, target -> ModuleZip.unzip(zip, target, mv.path(), mv.version()),
                modCacheRw);
        Path goMod = dir.resolve("go.mod");
        if (Files.isDirectory(goMod)) {
            throw new IOException("read " + goMod + ": is a directory");
        }
        return dir;
    }

    private void emit(java.util.function.Consumer<DownloadListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException ignored) {
            // a progress display must never break a download
        }
    }
}

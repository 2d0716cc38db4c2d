package dev.gofetch.engine;

import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.transfer.Candidate;
import dev.gofetch.transfer.DownloadException;
import dev.gofetch.transfer.DownloadHandle;
import dev.gofetch.transfer.DownloadRequest;
import dev.gofetch.transfer.Downloader;
import dev.gofetch.transfer.TransferListener;
import dev.gofetch.transfer.Verifier;
import dev.gofetch.verify.Hash1;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/// Module zips through the transfer engine: every mirror of the GOPROXY list a candidate (with its
/// `,`/`|` rule), large zips in concurrent byte ranges, resumable after a crash from the journal kept
/// beside the cache entry, and a zip whose hash disagrees with go.sum fetched again whole from one
/// mirror before anything is concluded.
///
/// Zips in flight can be paused, resumed and cancelled, all at once or by module; while paused, zips
/// still to start wait (so pausing stops all traffic of the engine, not just the current files).
public final class ZipTransfer implements AutoCloseable {
    private final ModuleProxy proxy;
    private final Downloader downloader;
    private final Map<Integer, LongConsumer> progress = new ConcurrentHashMap<>();
    private final Map<String, LongConsumer> byLabel = new ConcurrentHashMap<>();
    private final Map<Integer, Map<Long, Long>> bytes = new ConcurrentHashMap<>();
    private final Object gate = new Object();
    private final Map<ModuleVersion, DownloadHandle> active = new java.util.HashMap<>(); // guarded by gate
    private final java.util.Set<ModuleVersion> pausedFiles = new java.util.HashSet<>(); // guarded by gate
    private final java.util.Set<ModuleVersion> cancelled = new java.util.HashSet<>(); // guarded by gate
    private boolean paused; // guarded by gate
    private boolean cancelledAll; // guarded by gate

    public ZipTransfer(ModuleProxy proxy, Downloader.Builder builder, TransferListener extra) {
        this.proxy = proxy;
        TransferListener mine = new TransferListener() {
            @Override
            public void downloadStart(DownloadStarted e) {
                LongConsumer c = byLabel.get(e.label());
                if (c != null) {
                    progress.put(e.download(), c);
                    bytes.put(e.download(), new ConcurrentHashMap<>());
                }
            }

            @Override
            public void bodyProgress(BodyProgress e) {
                LongConsumer c = progress.get(e.download());
                Map<Long, Long> perRequest = bytes.get(e.download());
                if (c != null && perRequest != null) {
                    perRequest.put(e.request(), e.bytes());
                    c.accept(perRequest.values().stream().mapToLong(Long::longValue).sum());
                }
            }

            @Override
            public void downloadEnd(DownloadEnded e) {
                progress.remove(e.download());
                bytes.remove(e.download());
            }
        };
        this.downloader = builder.listener(extra == null ? mine : both(mine, extra)).build();
    }

    private static TransferListener both(TransferListener a, TransferListener b) {
        return (TransferListener) java.lang.reflect.Proxy.newProxyInstance(TransferListener.class.getClassLoader(),
                new Class<?>[] {TransferListener.class}, (proxyObj, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(a, args);
                    }
                    method.invoke(a, args);
                    method.invoke(b, args);
                    return null;
                });
    }

    /// The GOPROXY list as transfer candidates for mv's zip, or null when the list has entries the
    /// engine cannot stand in for (a private path, `noproxy`, or a list that is only `off`/`direct`).
    List<Candidate> candidates(ModuleVersion mv) {
        if (proxy.isPrivate(mv.path())) {
            return null;
        }
        List<Candidate> out = new ArrayList<>();
        String rel = ModulePath.escapePath(mv.path()) + "/@v/" + ModulePath.escapeVersion(mv.version()) + ".zip";
        for (ProxyList.Entry e : proxy.list().entries()) {
            if (e instanceof ProxyList.ProxyUrl u) {
                String base = u.base().toString().replaceAll("/+$", "");
                out.add(new Candidate(URI.create(base + "/" + pathEscape(rel)), u.fallBackOnError()));
            } else if (e instanceof ProxyList.NoProxy) {
                continue;
            } else {
                break; // off or direct: nothing further is a mirror
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static String pathEscape(String s) {
        return s.replace("!", "%21");
    }

    /// Fetches mv's zip into target; returns the mirror that served it, or null when the engine gave
    /// up (the caller then tries the single-stream path, which words the failure as the go command).
    /// @param expectedHash go.sum's `h1:` for the zip, or null
    String fetch(ModuleVersion mv, Path target, String expectedHash, LongConsumer onBytes) throws IOException {
        List<Candidate> candidates = candidates(mv);
        if (candidates == null) {
            return null;
        }
        Path staged = target.resolveSibling(ModulePath.escapeVersion(mv.version()) + ".zip.gofetch-download");
        String label = mv + " zip";
        Verifier verifier = expectedHash == null ? null : (data, result) -> {
            try {
                String h = Hash1.hashZip(data);
                if (!h.equals(expectedHash)) {
                    throw new Verifier.Rejected("zip hash " + h + " does not match go.sum's " + expectedHash);
                }
            } catch (IOException e) {
                throw new Verifier.Rejected("not a readable zip: " + e.getMessage());
            }
        };
        byLabel.put(label, onBytes);
        DownloadHandle handle = null;
        try {
            handle = startWhenRunnable(mv, new DownloadRequest(candidates, staged, label, verifier, false));
            dev.gofetch.transfer.DownloadResult r = handle.result().get();
            Files.move(r.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return r.mirror();
        } catch (CancellationException e) {
            throw new CancelledException(mv);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DownloadException) {
                return null;
            }
            throw new IOException(mv + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            if (handle != null) {
                handle.cancel(false);
            }
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while downloading " + mv);
        } finally {
            byLabel.remove(label);
            synchronized (gate) {
                if (handle != null) {
                    active.remove(mv, handle);
                }
                cancelled.remove(mv);
                pausedFiles.remove(mv);
            }
        }
    }

    /// A zip download stopped by {@link #cancel(ModuleVersion)} or {@link #cancelAll()}: its partial data
    /// and journal stay for a later run.
    public static final class CancelledException extends java.io.InterruptedIOException {
        private static final long serialVersionUID = 1L;

        CancelledException(ModuleVersion mv) {
            super("download cancelled");
        }
    }

    // ---- pause, resume, cancel

    /// Waits while everything or mv is paused (a queued file does not start while paused), then starts
    /// the download under the same lock, so a pause can never miss a file that is just starting.
    private DownloadHandle startWhenRunnable(ModuleVersion mv, DownloadRequest request)
            throws InterruptedException, CancelledException {
        synchronized (gate) {
            awaitRunnable(mv);
            DownloadHandle h = downloader.start(request);
            active.put(mv, h);
            return h;
        }
    }

    /// Blocks while the engine or mv is paused; fails when mv is cancelled meanwhile.
    void awaitRunnable(ModuleVersion mv) throws InterruptedException, CancelledException {
        synchronized (gate) {
            while ((paused || pausedFiles.contains(mv)) && !cancelled.contains(mv) && !cancelledAll) {
                gate.wait();
            }
            if (cancelled.contains(mv) || cancelledAll) {
                throw new CancelledException(mv);
            }
        }
    }

    /// Pauses every zip in flight (their connections close within a second, their progress is kept)
    /// and holds back any zip that would start, until {@link #resumeAll()}.
    public void pauseAll() {
        List<DownloadHandle> running;
        synchronized (gate) {
            paused = true;
            running = new ArrayList<>(active.values());
        }
        running.forEach(DownloadHandle::pause);
    }

    /// Continues every paused zip where each of its ranges stopped, and lets queued ones start.
    public void resumeAll() {
        List<DownloadHandle> waiting;
        synchronized (gate) {
            paused = false;
            pausedFiles.clear();
            waiting = new ArrayList<>(active.values());
            gate.notifyAll();
        }
        waiting.forEach(DownloadHandle::resume);
    }

    /// Stops every zip in flight and every one still to start or started later (each fails with
    /// {@link CancelledException}); partial data stays for a later run.
    public void cancelAll() {
        List<DownloadHandle> running;
        synchronized (gate) {
            cancelledAll = true;
            running = new ArrayList<>(active.values());
            gate.notifyAll();
        }
        running.forEach(h -> h.cancel(false));
    }

    /// Pauses mv's zip, or keeps it from starting while it has not started yet.
    public void pause(ModuleVersion mv) {
        DownloadHandle h;
        synchronized (gate) {
            pausedFiles.add(mv);
            h = active.get(mv);
        }
        if (h != null) {
            h.pause();
        }
    }

    /// Resumes mv's zip (it stays held back while everything is paused).
    public void resume(ModuleVersion mv) {
        DownloadHandle h;
        synchronized (gate) {
            pausedFiles.remove(mv);
            h = paused ? null : active.get(mv);
            gate.notifyAll();
        }
        if (h != null) {
            h.resume();
        }
    }

    /// Cancels mv's zip, in flight or still to start; its partial data stays for a later run.
    public void cancel(ModuleVersion mv) {
        DownloadHandle h;
        synchronized (gate) {
            cancelled.add(mv);
            h = active.get(mv);
            gate.notifyAll();
        }
        if (h != null) {
            h.cancel(false);
        }
    }

    public boolean isPaused() {
        synchronized (gate) {
            return paused;
        }
    }

    /// Whether mv's zip is paused, by itself or with everything.
    public boolean isPaused(ModuleVersion mv) {
        synchronized (gate) {
            return paused || pausedFiles.contains(mv);
        }
    }

    /// The zips in flight (started, not yet finished), by module.
    public Map<ModuleVersion, DownloadHandle> activeHandles() {
        synchronized (gate) {
            return Map.copyOf(active);
        }
    }

    /// Bytes of the zips in flight that are on disk and named in their journals.
    public long keptBytes() {
        long n = 0;
        for (DownloadHandle h : activeHandles().values()) {
            n += h.progress().completedBytes();
        }
        return n;
    }

    public Downloader engine() {
        return downloader;
    }

    @Override
    public void close() {
        downloader.close();
    }
}

package dev.gofetch.ui.downloads;

import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.transfer.TransferListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/// Turns one download run's engine events into rows of the {@link DownloadsViewModel}: module events
/// ({@link DownloadListener}) give the phases, transfer events ({@link TransferListener}) give each byte
/// range with its own progress and mirror, retries and mirror switches. Called on engine threads; each
/// module's state is kept under its own lock and posted as an immutable row (coalesced per module).
public final class EngineFeed implements DownloadListener, TransferListener {
    /// What a node of the graph should show for a module: called on engine threads.
    public interface ModuleStates {
        void downloading(ModuleVersion m);

        void finished(ModuleVersion m, DownloadResult result);
    }

    /// A file retried or split many times keeps its first requests in the waterfall.
    static final int MAX_REQUESTS_SHOWN = 200;

    private final DownloadsViewModel vm;
    private final long generation;
    private final ModuleStates states;
    private final Map<String, Track> byLabel = new ConcurrentHashMap<>();
    private final Map<Integer, Track> byDownload = new ConcurrentHashMap<>();
    private final Map<ModuleVersion, Track> byModule = new ConcurrentHashMap<>();

    EngineFeed(DownloadsViewModel vm, ModuleStates states) {
        this.vm = vm;
        this.generation = vm.generation();
        this.states = states;
    }

    private final class Track {
        final ModuleVersion module;
        final Map<Long, DownloadsViewModel.Chunk> chunks = new LinkedHashMap<>();
        final Map<Long, DownloadsViewModel.Request> requests = new LinkedHashMap<>();
        DownloadsViewModel.Phase phase = DownloadsViewModel.Phase.QUEUED;
        long streamBytes;
        long resumed;
        long total = -1;
        String mirror = "";
        String error = "";
        int retries;

        Track(ModuleVersion module) {
            this.module = module;
        }

        synchronized void update(java.util.function.Consumer<Track> change) {
            change.accept(this);
            if (vm.generation() != generation) {
                return;
            }
            long bytes = resumed;
            long knownEnd = -1;
            for (DownloadsViewModel.Chunk c : chunks.values()) {
                bytes += c.bytes();
                knownEnd = Math.max(knownEnd, c.end());
            }
            if (chunks.isEmpty()) {
                bytes = streamBytes;
            }
            long t = total > 0 ? total : knownEnd;
            vm.post(new DownloadsViewModel.Row(module, phase, bytes, t, mirror, error,
                    new ArrayList<>(chunks.values()), retries, 0, -1, new ArrayList<>(requests.values())));
        }

        void request(long id, java.util.function.UnaryOperator<DownloadsViewModel.Request> f) {
            DownloadsViewModel.Request r = requests.get(id);
            if (r != null) {
                requests.put(id, f.apply(r));
            }
        }

        void chunk(long request, BiConsumer<DownloadsViewModel.Chunk, Map<Long, DownloadsViewModel.Chunk>> f) {
            DownloadsViewModel.Chunk c = chunks.get(request);
            if (c != null) {
                f.accept(c, chunks);
            }
        }
    }

    private Track track(ModuleVersion m) {
        return byModule.computeIfAbsent(m, k -> {
            Track t = new Track(k);
            byLabel.put(k + " zip", t);
            return t;
        });
    }

    /// Shows m as waiting (the run's targets are known before any starts).
    public void queued(ModuleVersion m) {
        track(m).update(t -> { });
    }

    // ---- module events ----

    @Override
    public void moduleStarted(ModuleVersion m) {
        track(m).update(t -> t.phase = DownloadsViewModel.Phase.DOWNLOADING);
        states.downloading(m);
    }

    @Override
    public void zipStarted(ModuleVersion m, String mirror) {
        track(m).update(t -> t.mirror = mirror);
    }

    @Override
    public void zipProgress(ModuleVersion m, long bytes) {
        track(m).update(t -> t.streamBytes = bytes);
    }

    @Override
    public void moduleFinished(ModuleVersion m, DownloadResult result) {
        track(m).update(t -> {
            t.phase = result.failed() ? DownloadsViewModel.Phase.FAILED : DownloadsViewModel.Phase.DONE;
            t.error = result.error();
            if (t.mirror.isEmpty() && result.fromCache()) {
                t.mirror = "module cache";
            }
        });
        states.finished(m, result);
    }

    /// A failure that stopped the run (a checksum mismatch) or that the run could not report per module.
    public void failed(ModuleVersion m, String message) {
        track(m).update(t -> {
            t.phase = DownloadsViewModel.Phase.FAILED;
            t.error = message;
        });
    }

    // ---- transfer events ----

    @Override
    public void downloadStart(DownloadStarted e) {
        Track t = byLabel.get(e.label());
        if (t != null) {
            byDownload.put(e.download(), t);
            t.update(x -> {
                x.chunks.clear();
                x.resumed = e.resumedBytes();
            });
        }
    }

    @Override
    public void requestStart(RequestStarted e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            long now = vm.nanos();
            t.update(x -> {
                x.mirror = e.mirror();
                x.chunks.put(e.request(), new DownloadsViewModel.Chunk(e.request(), Math.max(0, e.rangeStart()),
                        e.rangeEnd(), 0, e.mirror(), false));
                if (x.requests.size() < MAX_REQUESTS_SHOWN) {
                    x.requests.put(e.request(), new DownloadsViewModel.Request(e.request(), e.mirror(),
                            Math.max(0, e.rangeStart()), e.rangeEnd(), e.why(), now, -1, now, 0, ""));
                }
            });
        }
    }

    @Override
    public void responseStart(ResponseStarted e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> x.request(e.request(), r -> new DownloadsViewModel.Request(r.request(), r.mirror(),
                    r.rangeStart(), r.rangeEnd(), r.why(), r.sent(), r.sent() + e.firstByteNanos(),
                    r.sent() + e.firstByteNanos(), r.bytes(), r.outcome())));
        }
    }

    /// The request's latest byte: nanos after its first byte.
    private static DownloadsViewModel.Request body(DownloadsViewModel.Request r, long bytes, long nanos) {
        long last = r.firstByte() >= 0 ? r.firstByte() + nanos : r.last();
        return new DownloadsViewModel.Request(r.request(), r.mirror(), r.rangeStart(), r.rangeEnd(), r.why(),
                r.sent(), r.firstByte(), Math.max(r.last(), last), Math.max(r.bytes(), bytes), r.outcome());
    }

    @Override
    public void bodyStart(BodyStarted e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> x.chunk(e.request(), (c, all) -> all.put(c.request(),
                    new DownloadsViewModel.Chunk(c.request(), e.start(), e.end(), 0, c.mirror(), false))));
        }
    }

    @Override
    public void bodyProgress(BodyProgress e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> {
                x.chunk(e.request(), (c, all) -> all.put(c.request(),
                        new DownloadsViewModel.Chunk(c.request(), c.start(), c.end(), e.bytes(), c.mirror(), false)));
                x.request(e.request(), r -> body(r, e.bytes(), e.nanos()));
            });
        }
    }

    @Override
    public void bodyEnd(BodyEnded e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> {
                x.chunk(e.request(), (c, all) -> all.put(c.request(), new DownloadsViewModel.Chunk(
                        c.request(), c.start(), c.end(), Math.max(c.bytes(), e.bytes()), c.mirror(), false)));
                x.request(e.request(), r -> body(r, e.bytes(), e.nanos()));
            });
        }
    }

    @Override
    public void requestEnd(RequestEnded e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> x.request(e.request(), r -> new DownloadsViewModel.Request(r.request(), r.mirror(),
                    r.rangeStart(), r.rangeEnd(), r.why(), r.sent(), r.firstByte(),
                    Math.max(r.last(), r.sent() + e.nanos()), Math.max(r.bytes(), e.bytes()), e.outcome())));
            t.update(x -> x.chunk(e.request(), (c, all) -> {
                long bytes = Math.max(c.bytes(), e.bytes());
                if (bytes == 0 && !e.outcome().equals("ok")) {
                    all.remove(c.request());
                } else {
                    // The written part stays written whatever ended the request.
                    long end = e.outcome().equals("ok") && c.end() >= 0 ? c.end() : c.start() + bytes;
                    all.put(c.request(), new DownloadsViewModel.Chunk(c.request(), c.start(), end, bytes,
                            c.mirror(), true));
                }
            }));
        }
    }

    @Override
    public void rangeSplitStart(RangeSplitStarted e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> x.chunk(e.from(), (c, all) -> all.put(c.request(),
                    new DownloadsViewModel.Chunk(c.request(), c.start(), e.start(), c.bytes(), c.mirror(), c.done()))));
        }
    }

    @Override
    public void retryStart(RetryStarted e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> x.retries++);
        }
    }

    @Override
    public void mirrorSwitchStart(MirrorSwitchStarted e) {
        Track t = byDownload.get(e.download());
        if (t != null) {
            t.update(x -> x.mirror = e.to());
        }
    }

    @Override
    public void downloadEnd(DownloadEnded e) {
        Track t = byDownload.remove(e.download());
        if (t != null && e.length() > 0) {
            t.update(x -> x.total = e.length());
        }
    }
}

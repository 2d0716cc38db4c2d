package dev.gofetch.engine;

import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ModuleProxy;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.transfer.Candidate;
import dev.gofetch.transfer.DownloadException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/// Module zips through the transfer engine: every mirror of the GOPROXY list a candidate (with its
/// `,`/`|` rule), large zips in concurrent byte ranges, resumable after a crash from the journal kept
/// beside the cache entry, and a zip whose hash disagrees with go.sum fetched again whole from one
/// mirror before anything is concluded.
public final class ZipTransfer implements AutoCloseable {
    private final ModuleProxy proxy;
    private final Downloader downloader;
    private final Map<Integer, LongConsumer> progress = new ConcurrentHashMap<>();
    private final Map<String, LongConsumer> byLabel = new ConcurrentHashMap<>();
    private final Map<Integer, Map<Long, Long>> bytes = new ConcurrentHashMap<>();

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
        try {
            dev.gofetch.transfer.DownloadResult r = downloader.download(
                    new DownloadRequest(candidates, staged, label, verifier, false));
            Files.move(r.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return r.mirror();
        } catch (DownloadException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while downloading " + mv);
        } finally {
            byLabel.remove(label);
        }
    }

    public Downloader engine() {
        return downloader;
    }

    @Override
    public void close() {
        downloader.close();
    }
}

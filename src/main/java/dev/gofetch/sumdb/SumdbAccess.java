package dev.gofetch.sumdb;

import dev.gofetch.cache.FileLock;
import dev.gofetch.proxy.FetchException;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.proxy.Transport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/// The go command's side of a checksum database client (`dbClient` in cmd/go/internal/modfetch/sumdb.go):
/// finds how to reach the database (once, on the first network request), fetches over
/// {@link Transport}, keeps the latest signed tree head in `$GOPATH/pkg/sumdb/<name>/latest` and
/// verified lookups and tiles under `$GOMODCACHE/cache/download/sumdb/`, locking files as the go command
/// does so both can share them.
final class SumdbAccess implements SumdbClient.Ops {
    private final SumdbConfig config;
    private final ProxyList proxies;
    private final Transport transport;
    private final Supplier<Path> configDir;
    private final Path cacheDir;
    private final Probe probe;

    /// How the database is reached, decided once.
    private static final class Probe {
        private boolean done;
        private URI base;
        private IOException error;
    }

    /// @param configDir `$GOPATH/pkg/sumdb`, or a supplier that throws `missing $GOPATH: ...`
    /// @param cacheDir  `$GOMODCACHE/cache/download/sumdb`
    SumdbAccess(SumdbConfig config, ProxyList proxies, Transport transport, Supplier<Path> configDir, Path cacheDir) {
        this.config = Objects.requireNonNull(config);
        this.proxies = Objects.requireNonNull(proxies);
        this.transport = Objects.requireNonNull(transport);
        this.configDir = Objects.requireNonNull(configDir);
        this.cacheDir = Objects.requireNonNull(cacheDir);
        this.probe = new Probe();
        if (config.url() != null) {
            probe.done = true;
            probe.base = config.url();
        }
    }

    @Override
    public byte[] readRemote(String path) throws IOException {
        URI base = base();
        return transport.get(join(base, path)).readAll();
    }

    /// The database's base URL: the explicit one, else the first proxy on the GOPROXY list that answers
    /// `<proxy>/sumdb/<name>/supported` with 200, else `https://<name>`.
    URI base() throws IOException {
        synchronized (probe) {
            if (!probe.done) {
                probe.done = true;
                try {
                    probe.base = findBase();
                } catch (IOException e) {
                    probe.error = e;
                }
            }
            if (probe.error != null) {
                throw probe.error;
            }
            return probe.base;
        }
    }

    /// `initBase`: the GOPROXY list walked as `TryProxies` walks it. `noproxy`, `direct` and `off` count as
    /// "not found"; a proxy's 404/410 (or any error after `|`) moves on; any other error ends the walk and
    /// makes the database unavailable; a list exhausted by "not found" means going direct.
    private URI findBase() throws IOException {
        IOException best = null;
        int bestRank = NOT_EXIST_RANK;
        boolean bestNotExist = true;
        for (ProxyList.Entry entry : proxies.entries()) {
            IOException err;
            boolean notExist;
            if (entry instanceof ProxyList.ProxyUrl p) {
                try {
                    transport.get(join(p.base(), "sumdb/" + config.name() + "/supported")).readAll();
                    return join(p.base(), "sumdb/" + config.name());
                } catch (FetchException e) {
                    err = e;
                    notExist = e.isNotFound();
                }
            } else if (entry instanceof ProxyList.NoProxy) {
                err = new IOException("path does not match GOPRIVATE/GONOPROXY");
                notExist = true;
            } else {
                err = new IOException("module lookup disabled by GOPROXY=off");
                notExist = true;
            }
            if (entry instanceof ProxyList.Direct) {
                best = err;
                bestNotExist = notExist;
                bestRank = DIRECT_RANK;
            } else if (bestRank <= PROXY_RANK && !notExist) {
                best = err;
                bestNotExist = false;
                bestRank = PROXY_RANK;
            } else if (bestRank == NOT_EXIST_RANK) {
                best = err;
                bestNotExist = notExist;
            }
            if (!entry.fallBackOnError() && !notExist) {
                break;
            }
        }
        if (best == null || bestNotExist) {
            return config.directUrl();
        }
        throw best;
    }

    private static final int NOT_EXIST_RANK = 0;
    private static final int PROXY_RANK = 1;
    private static final int DIRECT_RANK = 2;

    /// `web.Join`: the base path without its trailing slash, a slash, then path without its leading one.
    static URI join(URI base, String path) {
        String s = base.toString();
        int q = s.indexOf('?');
        String tail = "";
        if (q >= 0) {
            tail = s.substring(q);
            s = s.substring(0, q);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        return URI.create(s + "/" + p + tail);
    }

    // ---- configuration: $GOPATH/pkg/sumdb ----

    private Path configFile(String file) throws IOException {
        try {
            return configDir.get().resolve(file);
        } catch (RuntimeException e) {
            throw new IOException("could not locate sumdb file: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] readConfig(String file) throws IOException {
        Path target = configFile(file);
        try (FileLock lock = FileLock.acquire(target, FileLock.Mode.SHARED)) {
            return Files.readAllBytes(target);
        } catch (NoSuchFileException e) {
            return new byte[0]; // no tree seen yet
        }
    }

    @Override
    public void writeConfig(String file, byte[] old, byte[] now) throws IOException {
        Path target = configFile(file);
        Files.createDirectories(target.getParent());
        try (FileLock lock = FileLock.exclusive(target);
             RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            byte[] data = new byte[(int) f.length()];
            f.readFully(data);
            if (data.length > 0 && !Arrays.equals(data, old)) {
                throw new SumdbClient.WriteConflictException();
            }
            f.setLength(0);
            f.seek(0);
            f.write(now);
        }
    }

    // ---- cache: $GOMODCACHE/cache/download/sumdb ----

    @Override
    public Optional<byte[]> readCache(String file) {
        Path target = cacheDir.resolve(file);
        try (FileLock lock = FileLock.acquire(target, FileLock.Mode.SHARED)) {
            byte[] data = Files.readAllBytes(target);
            // An empty file may be one being written: treat it as missing.
            return data.length == 0 ? Optional.empty() : Optional.of(data);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void writeCache(String file, byte[] data) {
        Path target = cacheDir.resolve(file);
        try {
            Files.createDirectories(target.getParent());
            try (FileLock lock = FileLock.exclusive(target);
                 RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
                f.setLength(0);
                f.write(data);
            }
        } catch (IOException | RuntimeException e) {
            // like the go command: a cache that cannot be written is simply not written
        }
    }
}

package dev.gofetch.bundle;

import dev.gofetch.module.ModuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/// A bundle archive that passed every offline check ({@link #open}): its manifest, and where each of
/// its files lies in the archive, so that they can be read again (to import them, or to serve them)
/// without unpacking. Because the archive is a plain tar, each file is one contiguous byte range.
public final class Bundle {
    /// Where a file's content lies in the archive.
    record Region(long offset, long size) {}

    /// What a verified bundle holds, for summaries.
    /// @param bytes the archive's size
    public record Summary(int modules, int zips, int goModOnly, long zipBytes, long bytes) {}

    private final Path file;
    private final Manifest manifest;
    private final Map<String, Region> files;
    private final long size;

    Bundle(Path file, Manifest manifest, Map<String, Region> files, long size) {
        this.file = file;
        this.manifest = manifest;
        this.files = Map.copyOf(files);
        this.size = size;
    }

    /// Reads and checks the whole archive offline: tar structure and header checksums, entry names
    /// (nothing may escape the tree; no links), `SHA256SUMS` over every file, every `h1:` hash and size
    /// against the manifest, each zip by the go command's rules for its module, the `.info` files, the
    /// `list` files and `go.sum` against the manifest.
    /// The zips are checked on one thread per processor while the calling thread reads the archive.
    /// @throws BundleException listing every problem found
    /// @throws java.util.concurrent.CancellationException when the calling thread is interrupted
    public static Bundle open(Path file, Progress progress) throws IOException, BundleException {
        Objects.requireNonNull(progress);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "gofetch-bundle-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return new BundleVerifier(file, pool, progress).verify();
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw new java.util.concurrent.CancellationException("verification cancelled");
        } finally {
            pool.shutdownNow();
        }
    }

    public Path file() {
        return file;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Summary summary() {
        int zips = 0;
        long zipBytes = 0;
        for (Manifest.Module m : manifest.modules()) {
            if (m.zip() != null) {
                zips++;
                zipBytes += m.zip().size();
            }
        }
        return new Summary(manifest.modules().size(), zips, manifest.modules().size() - zips, zipBytes, size);
    }

    /// What {@link #open} checked: how many files it read, how many sha256 hashes it compared with
    /// `SHA256SUMS` (every other file), and how many `h1:` hashes with the manifest (each go.mod, zip
    /// and main-module file).
    public record Checked(int files, int sha256Hashes, int h1Hashes) {}

    public Checked checked() {
        int h1 = 0;
        for (Manifest.Module m : manifest.modules()) {
            h1 += m.zip() != null ? 2 : 1;
        }
        for (Manifest.Source s : manifest.sources()) {
            h1 += s.goSum() != null ? 2 : 1;
        }
        return new Checked(files.size(), files.size() - 1, h1);
    }

    /// The modules in manifest order.
    public List<ModuleVersion> modules() {
        return manifest.modules().stream().map(Manifest.Module::id).toList();
    }

    Region region(String name) {
        return files.get(name);
    }

    Map<String, Region> files() {
        return files;
    }

    /// The content of a file of the bundle (small files only: go.mod, .info, list, manifest).
    byte[] read(String name) throws IOException {
        Region r = files.get(name);
        if (r == null) {
            throw new IOException(name + ": not in the bundle");
        }
        if (r.size() > Integer.MAX_VALUE - 16) {
            throw new IOException(name + ": too large to read into memory");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) r.size());
            while (buf.hasRemaining()) {
                int n = ch.read(buf, r.offset() + buf.position());
                if (n < 0) {
                    throw new IOException(file + ": the bundle became shorter while it was being read");
                }
            }
            return buf.array();
        }
    }

    /// Copies a file of the bundle to out.
    void copy(String name, OutputStream out) throws IOException {
        Region r = files.get(name);
        if (r == null) {
            throw new IOException(name + ": not in the bundle");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = java.nio.channels.Channels.newInputStream(ch.position(r.offset()))) {
            byte[] buf = new byte[64 * 1024];
            long left = r.size();
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(file + ": the bundle became shorter while it was being read");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }
}

package dev.gofetch.transfer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/// The progress record kept beside a partial download, in the spirit of aria2's control file: which
/// byte ranges of which file (length, validator, mirror) are already in the data file.
///
/// Layout (big-endian): magic `GOFETCHJ`, version (int), payload length (int), payload, CRC-32 of
/// version + length + payload. Payload: destination file name, length (long), ETag, Last-Modified,
/// mirror URL (UTF strings, "" when absent), interval count (int), then start/end pairs (longs).
/// Written to a scratch file, forced to disk and renamed over the journal, so a reader sees either the
/// old or the new record, never a torn one.
final class Journal {
    static final byte[] MAGIC = "GOFETCHJ".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    record State(String destName, long length, String etag, String lastModified, String mirror,
                 List<ByteRange> completed) {
        State {
            completed = List.copyOf(completed);
        }

        long completedBytes() {
            return completed.stream().mapToLong(ByteRange::length).sum();
        }
    }

    /// The journal cannot be used; the download starts over.
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason);
        }
    }

    private Journal() {}

    static byte[] encode(State s) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(payload);
            p.writeUTF(s.destName());
            p.writeLong(s.length());
            p.writeUTF(s.etag() == null ? "" : s.etag());
            p.writeUTF(s.lastModified() == null ? "" : s.lastModified());
            p.writeUTF(s.mirror() == null ? "" : s.mirror());
            p.writeInt(s.completed().size());
            for (ByteRange r : s.completed()) {
                p.writeLong(r.start());
                p.writeLong(r.end());
            }
            p.flush();
            byte[] body = payload.toByteArray();

            ByteArrayOutputStream all = new ByteArrayOutputStream(body.length + 24);
            DataOutputStream out = new DataOutputStream(all);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(body.length);
            out.write(body);
            CRC32 crc = new CRC32();
            byte[] bytes = all.toByteArray();
            crc.update(bytes, MAGIC.length, bytes.length - MAGIC.length);
            out.writeInt((int) crc.getValue());
            out.flush();
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory streams do not fail
        }
    }

    static State decode(byte[] bytes) throws Unusable {
        if (bytes.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new Unusable("not a gofetch journal");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version != VERSION) {
            throw new Unusable("journal version " + version + " is not supported");
        }
        int len = b.getInt();
        if (len < 0 || len > MAX_PAYLOAD || MAGIC.length + 8 + (long) len + 4 != bytes.length) {
            throw new Unusable("journal is truncated or has trailing bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, MAGIC.length, 8 + len);
        int stored = ByteBuffer.wrap(bytes, MAGIC.length + 8 + len, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new Unusable("journal checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, MAGIC.length + 8, len))) {
            String dest = in.readUTF();
            long length = in.readLong();
            String etag = in.readUTF();
            String lastModified = in.readUTF();
            String mirror = in.readUTF();
            int n = in.readInt();
            if (length < 0 || n < 0 || n > (len / 16)) {
                throw new Unusable("journal has an impossible length or interval count");
            }
            List<ByteRange> ranges = new ArrayList<>(n);
            long previousEnd = -1;
            for (int i = 0; i < n; i++) {
                long start = in.readLong();
                long end = in.readLong();
                if (start <= previousEnd || end <= start || end > length) {
                    throw new Unusable("journal intervals are out of order or out of bounds");
                }
                ranges.add(new ByteRange(start, end));
                previousEnd = end;
            }
            if (in.available() != 0) {
                throw new Unusable("journal payload has trailing bytes");
            }
            return new State(dest, length, etag, lastModified, mirror, ranges);
        } catch (EOFException | java.io.UTFDataFormatException e) {
            throw new Unusable("journal payload is malformed");
        } catch (IOException e) {
            throw new Unusable("journal payload is malformed: " + e.getMessage());
        }
    }

    /// Reads the journal; null when there is none.
    static State read(Path journal) throws Unusable, IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(journal)) {
            bytes = in.readNBytes(MAX_PAYLOAD + 64);
        } catch (NoSuchFileException e) {
            return null;
        }
        return decode(bytes);
    }

    /// Writes the record to scratch and forces it to disk; {@link #publish} then renames it into place.
    static void writeScratch(Path scratch, State s) throws IOException {
        byte[] bytes = encode(s);
        try (FileChannel ch = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    static void publish(Path scratch, Path journal) throws IOException {
        try {
            Files.move(scratch, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratch, journal, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(journal.toAbsolutePath().getParent());
    }

    /// Makes a rename durable where the platform allows opening a directory (Linux, macOS).
    static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported here (Windows): the rename is still atomic, only its durability is weaker
        }
    }
}

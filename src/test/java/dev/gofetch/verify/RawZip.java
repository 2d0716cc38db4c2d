package dev.gofetch.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/// Writes zip files byte by byte, so tests can build what java.util.zip refuses to: repeated names,
/// sizes and CRCs that lie, symlink modes, zip64 records, data descriptors, junk before the archive.
final class RawZip {
    static final int STORED = 0;
    static final int DEFLATED = 8;
    private static final long MAX32 = 0xFFFFFFFFL;

    /// One entry; the declared values default to the truth.
    static final class Entry {
        final String name;
        final byte[] data;
        int method = DEFLATED;
        Long declaredSize;
        Long declaredCrc;
        int unixMode = 0100644;
        boolean dataDescriptor;
        boolean zip64;
        /// Zip64 extra with all three 64-bit fields although only the sizes are flagged (what Go's writer emits).
        boolean zip64AllFields;

        Entry(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        Entry stored() {
            method = STORED;
            return this;
        }

        Entry method(int m) {
            method = m;
            return this;
        }

        Entry declaredSize(long size) {
            declaredSize = size;
            return this;
        }

        Entry declaredCrc(long crc) {
            declaredCrc = crc;
            return this;
        }

        Entry symlink() {
            unixMode = 0120777;
            return this;
        }

        Entry dataDescriptor() {
            dataDescriptor = true;
            return this;
        }

        Entry zip64() {
            zip64 = true;
            return this;
        }

        Entry zip64AllFields() {
            zip64 = true;
            zip64AllFields = true;
            return this;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private byte[] leadingJunk = new byte[0];
    private String comment = "";
    private boolean zip64End;
    private byte[] verbatim;

    static Entry entry(String name, String content) {
        return new Entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Entry entry(String name, byte[] content) {
        return new Entry(name, content);
    }

    RawZip add(Entry e) {
        entries.add(e);
        return this;
    }

    RawZip add(String name, String content) {
        return add(entry(name, content));
    }

    RawZip leadingJunk(byte[] junk) {
        leadingJunk = junk;
        return this;
    }

    RawZip comment(String c) {
        comment = c;
        return this;
    }

    RawZip zip64End() {
        zip64End = true;
        return this;
    }

    /// Ignore the entries and write exactly these bytes.
    RawZip verbatim(byte[] bytes) {
        verbatim = bytes;
        return this;
    }

    void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    byte[] toBytes() {
        if (verbatim != null) {
            return verbatim.clone();
        }
        Out out = new Out();
        out.bytes(leadingJunk);
        List<byte[]> central = new ArrayList<>();
        for (Entry e : entries) {
            central.add(writeLocal(out, e));
        }
        long cdStart = out.size();
        for (byte[] c : central) {
            out.bytes(c);
        }
        long cdSize = out.size() - cdStart;
        if (zip64End) {
            long eocd64 = out.size();
            out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0)
                    .u64(entries.size()).u64(entries.size()).u64(cdSize).u64(cdStart);
            out.u32(0x07064b50).u32(0).u64(eocd64).u32(1);
        }
        byte[] commentBytes = comment.getBytes(StandardCharsets.UTF_8);
        out.u32(0x06054b50).u16(0).u16(0)
                .u16(zip64End ? 0xFFFF : entries.size()).u16(zip64End ? 0xFFFF : entries.size())
                .u32(zip64End ? MAX32 : cdSize).u32(zip64End ? MAX32 : cdStart)
                .u16(commentBytes.length).bytes(commentBytes);
        return out.toByteArray();
    }

    private static byte[] writeLocal(Out out, Entry e) {
        byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
        byte[] body = e.method == DEFLATED ? deflate(e.data) : e.data;
        CRC32 crc32 = new CRC32();
        crc32.update(e.data);
        long crc = e.declaredCrc != null ? e.declaredCrc : crc32.getValue();
        long usize = e.declaredSize != null ? e.declaredSize : e.data.length;
        long csize = body.length;
        long offset = out.size();
        int flags = 0x800 | (e.dataDescriptor ? 0x8 : 0);
        int version = e.zip64 ? 45 : 20;

        out.u32(0x04034b50).u16(version).u16(flags).u16(e.method).u16(0).u16(0x21);
        byte[] localExtra = e.zip64 ? new Out().u16(1).u16(16).u64(e.dataDescriptor ? 0 : usize)
                .u64(e.dataDescriptor ? 0 : csize).toByteArray() : new byte[0];
        if (e.dataDescriptor) {
            out.u32(0).u32(e.zip64 ? MAX32 : 0).u32(e.zip64 ? MAX32 : 0);
        } else {
            out.u32(crc).u32(e.zip64 ? MAX32 : csize).u32(e.zip64 ? MAX32 : usize);
        }
        out.u16(name.length).u16(localExtra.length).bytes(name).bytes(localExtra).bytes(body);
        if (e.dataDescriptor) {
            out.u32(0x08074b50).u32(crc);
            if (e.zip64) {
                out.u64(csize).u64(usize);
            } else {
                out.u32(csize).u32(usize);
            }
        }

        byte[] centralExtra = new byte[0];
        if (e.zip64) {
            Out x = new Out().u16(1).u16(e.zip64AllFields ? 24 : 16).u64(usize).u64(csize);
            if (e.zip64AllFields) {
                x.u64(offset);
            }
            centralExtra = x.toByteArray();
        }
        Out c = new Out();
        c.u32(0x02014b50).u16(3 << 8 | 20).u16(version).u16(flags).u16(e.method).u16(0).u16(0x21)
                .u32(crc).u32(e.zip64 ? MAX32 : csize).u32(e.zip64 ? MAX32 : usize)
                .u16(name.length).u16(centralExtra.length).u16(0).u16(0).u16(0)
                .u32((long) e.unixMode << 16).u32(offset)
                .bytes(name).bytes(centralExtra);
        return c.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /// Little-endian writer.
    private static final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        long size() {
            return buf.size();
        }

        Out u16(int v) {
            buf.write(v & 0xFF);
            buf.write((v >>> 8) & 0xFF);
            return this;
        }

        Out u32(long v) {
            for (int i = 0; i < 4; i++) {
                buf.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Out u64(long v) {
            for (int i = 0; i < 8; i++) {
                buf.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Out bytes(byte[] b) {
            buf.write(b, 0, b.length);
            return this;
        }

        byte[] toByteArray() {
            return buf.toByteArray();
        }
    }
}

package dev.gofetch.lab;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/// A minimal streaming zip writer with byte-for-byte reproducible output: fixed timestamps, no
/// extra fields, no directory entries, entries in the order given. Unlike `ZipOutputStream` it can
/// write an empty archive (cmd/go's test proxy serves those). Every entry is deflated and followed
/// by a data descriptor, as Go's `zip.Writer.Create` does. No ZIP64: module zips stay under 500 MiB.
final class ZipWriter implements AutoCloseable {
    /// 1980-01-01 00:00:00, the earliest MS-DOS date.
    private static final int DOS_TIME = 0;
    private static final int DOS_DATE = (1 << 5) | 1;
    private static final int FLAG_DATA_DESCRIPTOR = 0x0008;
    private static final int FLAG_UTF8 = 0x0800;
    private static final int METHOD_DEFLATED = 8;
    private static final int VERSION_NEEDED = 20;
    private static final int VERSION_MADE_BY_UNIX = (3 << 8) | 20;
    private static final int REGULAR_FILE_0644 = 0100644 << 16;

    private record Written(byte[] name, int flags, long crc, long compressedSize, long size, long offset) {}

    private final CountingStream out;
    private final List<Written> written = new ArrayList<>();
    private boolean closed;

    ZipWriter(OutputStream out) {
        this.out = new CountingStream(out);
    }

    void add(String name, Content content) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int flags = FLAG_DATA_DESCRIPTOR | (isAscii(nameBytes) ? 0 : FLAG_UTF8);
        long offset = out.count;

        LittleEndian header = new LittleEndian();
        header.u32(0x04034b50).u16(VERSION_NEEDED).u16(flags).u16(METHOD_DEFLATED).u16(DOS_TIME).u16(DOS_DATE)
                .u32(0).u32(0).u32(0).u16(nameBytes.length).u16(0).bytes(nameBytes);
        header.writeTo(out);

        long dataStart = out.count;
        Deflater deflater = new Deflater(content.compressible() ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION, true);
        CRC32 crc = new CRC32();
        long[] size = {0};
        try {
            DeflaterOutputStream deflating = new DeflaterOutputStream(new NonClosing(out), deflater, 64 * 1024);
            OutputStream measuring = new FilterOutputStream(deflating) {
                @Override
                public void write(int b) throws IOException {
                    crc.update(b);
                    size[0]++;
                    deflating.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    crc.update(b, off, len);
                    size[0] += len;
                    deflating.write(b, off, len);
                }

                @Override
                public void close() {
                    // the content must not end the entry; finish() below does
                }
            };
            content.writeTo(measuring);
            deflating.finish();
        } finally {
            deflater.end();
        }
        long compressed = out.count - dataStart;
        if (out.count > 0xFFFFFFFFL || size[0] > 0xFFFFFFFFL) {
            throw new IOException("zip entry " + name + " needs ZIP64, which this writer does not produce");
        }

        LittleEndian descriptor = new LittleEndian();
        descriptor.u32(0x08074b50).u32(crc.getValue()).u32(compressed).u32(size[0]);
        descriptor.writeTo(out);
        written.add(new Written(nameBytes, flags, crc.getValue(), compressed, size[0], offset));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (written.size() > 0xFFFF) {
            throw new IOException("too many zip entries for a non-ZIP64 archive: " + written.size());
        }
        long directoryStart = out.count;
        LittleEndian directory = new LittleEndian();
        for (Written w : written) {
            directory.u32(0x02014b50).u16(VERSION_MADE_BY_UNIX).u16(VERSION_NEEDED).u16(w.flags).u16(METHOD_DEFLATED)
                    .u16(DOS_TIME).u16(DOS_DATE).u32(w.crc).u32(w.compressedSize).u32(w.size)
                    .u16(w.name.length).u16(0).u16(0).u16(0).u16(0).u32(REGULAR_FILE_0644).u32(w.offset)
                    .bytes(w.name);
        }
        directory.writeTo(out);
        long directorySize = out.count - directoryStart;
        if (out.count > 0xFFFFFFFFL) {
            throw new IOException("zip archive needs ZIP64, which this writer does not produce");
        }
        LittleEndian end = new LittleEndian();
        end.u32(0x06054b50).u16(0).u16(0).u16(written.size()).u16(written.size())
                .u32(directorySize).u32(directoryStart).u16(0);
        end.writeTo(out);
        out.flush();
    }

    private static boolean isAscii(byte[] name) {
        for (byte b : name) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static final class LittleEndian extends ByteArrayOutputStream {
        LittleEndian u16(int v) {
            write(v);
            write(v >>> 8);
            return this;
        }

        LittleEndian u32(long v) {
            u16((int) (v & 0xFFFF));
            u16((int) ((v >>> 16) & 0xFFFF));
            return this;
        }

        LittleEndian bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}

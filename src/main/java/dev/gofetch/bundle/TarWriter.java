package dev.gofetch.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/// Writes a POSIX tar (ustar, with a pax `path` record for names that do not fit) whose bytes depend
/// only on the entries: every file is mode 0644, owner and group 0 with empty names, one fixed
/// modification time. No directory entries (`tar x` creates directories as needed). The archive is
/// padded to whole 10 KiB records, as `tar` itself writes them.
final class TarWriter implements Closeable {
    static final int BLOCK = 512;
    static final int RECORD = 20 * BLOCK;

    /// Writes exactly `size` bytes of an entry's content.
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final OutputStream out;
    private final long mtime;
    private long written;
    private boolean finished;

    /// @param mtime seconds since the epoch stamped on every entry
    TarWriter(OutputStream out, long mtime) {
        if (mtime < 0 || mtime > 077777777777L) {
            throw new IllegalArgumentException("mtime out of range: " + mtime);
        }
        this.out = out;
        this.mtime = mtime;
    }

    /// Adds a regular file. Names are ASCII slash paths (the bundle's own names always are).
    void file(String name, long size, Body body) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (!new String(nameBytes, StandardCharsets.US_ASCII).equals(name) || name.isEmpty()) {
            throw new IllegalArgumentException("not an ASCII entry name: " + name);
        }
        if (size < 0 || size > 077777777777L) {
            throw new IOException(name + ": too large for a tar entry (" + size + " bytes)");
        }
        String[] split = splitUstar(name);
        if (split == null) {
            byte[] pax = paxRecord("path", name);
            String paxName = "PaxHeaders/" + tail(name, 100 - "PaxHeaders/".length());
            writeBlock(header(paxName, "", pax.length, 'x'));
            writePadded(pax);
            split = new String[] {"", tail(name, 100)};
        }
        writeBlock(header(split[1], split[0], size, '0'));
        CountingOutputStream counting = new CountingOutputStream(out);
        body.writeTo(counting);
        if (counting.count != size) {
            throw new IOException(name + ": wrote " + counting.count + " bytes, expected " + size);
        }
        written += size;
        pad();
    }

    /// Two zero blocks, then zeros up to the end of the record.
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        writeBlock(new byte[BLOCK]);
        writeBlock(new byte[BLOCK]);
        long rest = (RECORD - written % RECORD) % RECORD;
        out.write(new byte[(int) rest]);
        written += rest;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    /// `{prefix, name}` for ustar, or null if the name needs a pax record.
    static String[] splitUstar(String name) {
        if (name.length() <= 100) {
            return new String[] {"", name};
        }
        for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
            if (i <= 155 && name.length() - i - 1 <= 100 && name.length() - i - 1 > 0) {
                return new String[] {name.substring(0, i), name.substring(i + 1)};
            }
        }
        return null;
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }

    /// One pax record `"<len> key=value\n"`, where len counts the whole record including itself.
    static byte[] paxRecord(String key, String value) {
        int body = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3; // ' ', '=', '\n'
        int len = body + 1;
        while (len != body + String.valueOf(len).length()) {
            len = body + String.valueOf(len).length();
        }
        return (len + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] header(String name, String prefix, long size, char type) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", mtime));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 329, 8, "0000000");
        put(h, 337, 8, "0000000");
        put(h, 345, 155, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, 8, String.format("%06o", sum));
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length > len) {
            throw new IllegalArgumentException("field too long: " + s);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }

    private void writeBlock(byte[] block) throws IOException {
        out.write(block);
        written += block.length;
    }

    private void writePadded(byte[] data) throws IOException {
        out.write(data);
        written += data.length;
        pad();
    }

    private void pad() throws IOException {
        int rest = (int) ((BLOCK - written % BLOCK) % BLOCK);
        if (rest > 0) {
            out.write(new byte[rest]);
            written += rest;
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
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
}

package dev.gofetch.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/// Reads a tar archive entry by entry, checking its structure as it goes: header checksums, numeric
/// fields, zero padding and a proper end (zero blocks and nothing after them but zeros). Understands
/// ustar and GNU headers, pax `path`/`size` records and GNU long names; the caller decides which entry
/// types it accepts. Records each entry's data offset so the content can be read again later.
final class TarReader {
    static final int BLOCK = TarWriter.BLOCK;

    /// Thrown for anything that makes the archive unreadable; the message names the problem.
    static final class TarException extends IOException {
        private static final long serialVersionUID = 1L;

        TarException(String message) {
            super(message);
        }
    }

    /// One header. `type` is the tar type flag ('0' regular, '5' directory, '1' hard link, '2' symbolic
    /// link, ...); `offset` is where the content starts in the archive.
    record Entry(String name, char type, long size, long offset, String linkName) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    private final InputStream in;
    private long position;
    private long remaining; // content bytes of the current entry not yet read
    private long padding;   // zero bytes after the current entry's content
    private boolean ended;

    TarReader(InputStream in) {
        this.in = in;
    }

    /// The next file, directory or link entry, or null at the end of the archive.
    Entry next() throws IOException {
        if (ended) {
            return null;
        }
        skipRest();
        String paxPath = null;
        long paxSize = -1;
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] h = new byte[BLOCK];
            int n = readFully(h);
            if (n == 0) {
                throw new TarException("unexpected end of archive at byte " + position
                        + " (no end-of-archive marker)");
            }
            if (n < BLOCK) {
                throw new TarException("unexpected end of archive in a header at byte " + (position - n));
            }
            long headerAt = position - BLOCK;
            if (isZero(h)) {
                checkTrailer();
                ended = true;
                return null;
            }
            checkChecksum(h, headerAt);
            String magic = new String(h, 257, 8, StandardCharsets.ISO_8859_1);
            if (!magic.equals("ustar\u000000") && !magic.equals("ustar  \u0000")) {
                throw new TarException("unsupported tar header at byte " + headerAt + " (not ustar, pax or GNU)");
            }
            char type = (char) (h[156] & 0xFF);
            long size = octal(h, 124, 12, "size", headerAt);
            String name = string(h, 0, 100);
            String prefix = string(h, 345, 155);
            if (!prefix.isEmpty() && magic.startsWith("ustar\u0000")) {
                name = prefix + "/" + name;
            }
            String link = string(h, 157, 100);
            switch (type) {
                case 'x' -> {
                    byte[] records = readMeta(size, headerAt);
                    for (String[] kv : paxRecords(records, headerAt)) {
                        switch (kv[0]) {
                            case "path" -> paxPath = kv[1];
                            case "linkpath" -> longLink = kv[1];
                            case "size" -> paxSize = parseSize(kv[1], headerAt);
                            default -> { /* times, owners and the like do not matter here */ }
                        }
                    }
                    continue;
                }
                case 'g' -> {
                    paxRecords(readMeta(size, headerAt), headerAt);
                    continue;
                }
                case 'L', 'K' -> {
                    byte[] meta = readMeta(size, headerAt);
                    int end = 0;
                    while (end < meta.length && meta[end] != 0) {
                        end++;
                    }
                    String value = new String(meta, 0, end, StandardCharsets.UTF_8);
                    if (type == 'L') {
                        longName = value;
                    } else {
                        longLink = value;
                    }
                    continue;
                }
                default -> { }
            }
            if (longName != null) {
                name = longName;
            }
            if (paxPath != null) {
                name = paxPath;
            }
            if (longLink != null) {
                link = longLink;
            }
            if (paxSize >= 0) {
                size = paxSize;
            }
            boolean hasData = type == '0' || type == '\0' || type == '7';
            long dataSize = hasData ? size : (type == '1' || type == '2' || type == '5' ? 0 : size);
            remaining = dataSize;
            padding = (BLOCK - dataSize % BLOCK) % BLOCK;
            return new Entry(name, type, hasData ? size : 0, position, link);
        }
    }

    /// The current entry's content; read it before calling {@link #next()} again (or not at all).
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new TarException("unexpected end of archive inside an entry at byte " + position);
                }
                position += n;
                remaining -= n;
                return n;
            }
        };
    }

    /// Bytes read so far: the archive size once {@link #next()} has returned null.
    long position() {
        return position;
    }

    private void skipRest() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw new TarException("unexpected end of archive inside an entry at byte " + position);
            }
            position += n;
            remaining -= n;
        }
        if (padding > 0) {
            byte[] pad = new byte[(int) padding];
            if (readFully(pad) < pad.length) {
                throw new TarException("unexpected end of archive in padding at byte " + position);
            }
            if (!isZero(pad)) {
                throw new TarException("non-zero padding after an entry, before byte " + position);
            }
            padding = 0;
        }
    }

    /// After the first zero block only zeros may follow, in whole blocks.
    private void checkTrailer() throws IOException {
        byte[] buf = new byte[BLOCK];
        int blocks = 1;
        while (true) {
            int n = readFully(buf);
            if (n == 0) {
                break;
            }
            if (n < BLOCK) {
                throw new TarException("archive size is not a multiple of " + BLOCK + " bytes");
            }
            if (!isZero(buf)) {
                throw new TarException("data after the end-of-archive marker at byte " + (position - BLOCK));
            }
            blocks++;
        }
        if (blocks < 2) {
            throw new TarException("incomplete end-of-archive marker (one zero block instead of two)");
        }
    }

    private byte[] readMeta(long size, long headerAt) throws IOException {
        if (size > 1 << 20) {
            throw new TarException("extended header of " + size + " bytes at byte " + headerAt);
        }
        byte[] data = new byte[(int) size];
        if (readFully(data) < data.length) {
            throw new TarException("unexpected end of archive in an extended header at byte " + headerAt);
        }
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        byte[] zeros = new byte[pad];
        if (readFully(zeros) < pad) {
            throw new TarException("unexpected end of archive in padding at byte " + position);
        }
        if (!isZero(zeros)) {
            throw new TarException("non-zero padding after an extended header at byte " + headerAt);
        }
        return data;
    }

    private static java.util.List<String[]> paxRecords(byte[] data, long headerAt) throws TarException {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int sp = i;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9') {
                sp++;
            }
            if (sp == i || sp >= data.length || data[sp] != ' ') {
                throw new TarException("malformed pax record in the extended header at byte " + headerAt);
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new TarException("malformed pax record in the extended header at byte " + headerAt);
            }
            if (len <= sp - i + 1 || i + len > data.length || data[i + len - 1] != '\n') {
                throw new TarException("malformed pax record in the extended header at byte " + headerAt);
            }
            String record = new String(data, sp + 1, i + len - 1 - (sp + 1), StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new TarException("malformed pax record in the extended header at byte " + headerAt);
            }
            out.add(new String[] {record.substring(0, eq), record.substring(eq + 1)});
            i += len;
        }
        return out;
    }

    private static long parseSize(String s, long headerAt) throws TarException {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TarException("malformed pax size " + s + " at byte " + headerAt);
        }
    }

    private static void checkChecksum(byte[] h, long headerAt) throws TarException {
        long recorded = octal(h, 148, 8, "checksum", headerAt);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xFF;
            signed += (byte) b;
        }
        if (recorded != unsigned && recorded != signed) {
            throw new TarException("header checksum mismatch at byte " + headerAt + " (the archive is damaged)");
        }
    }

    /// An octal field: optional leading spaces, digits, then NUL or space padding.
    private static long octal(byte[] h, int off, int len, String what, long headerAt) throws TarException {
        if ((h[off] & 0x80) != 0) {
            throw new TarException("unsupported base-256 " + what + " field at byte " + headerAt);
        }
        int i = off;
        int end = off + len;
        while (i < end && h[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
            v = v * 8 + (h[i] - '0');
            digits++;
        }
        for (; i < end; i++) {
            if (h[i] != 0 && h[i] != ' ') {
                throw new TarException("malformed " + what + " field in the header at byte " + headerAt);
            }
        }
        if (digits == 0 && !what.equals("size")) {
            throw new TarException("malformed " + what + " field in the header at byte " + headerAt);
        }
        return v;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /// Reads until b is full or the stream ends; returns the count read.
    private int readFully(byte[] b) throws IOException {
        int total = 0;
        while (total < b.length) {
            int n = in.read(b, total, b.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        position += total;
        return total;
    }
}

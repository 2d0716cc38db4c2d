package dev.gofetch.verify;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/// A zip file read the way Go's `archive/zip` reads it: entries in central-directory order (duplicates
/// included), and entry contents that must match the declared uncompressed size and CRC-32 exactly.
/// Failures carry Go's messages (`zip: not a valid zip file`, `unexpected EOF`, `zip: checksum error`).
final class GoZip implements Closeable {
    static final String ERR_FORMAT = "zip: not a valid zip file";
    static final String ERR_ALGORITHM = "zip: unsupported compression algorithm";
    static final String ERR_CHECKSUM = "zip: checksum error";
    static final String ERR_UNEXPECTED_EOF = "unexpected EOF";

    /// The zip's content breaks the format (as opposed to the file being unreadable).
    static final class BadZipException extends IOException {
        private static final long serialVersionUID = 1L;

        BadZipException(String goMessage, Throwable cause) {
            super(goMessage, cause);
        }

        BadZipException(String goMessage) {
            super(goMessage);
        }
    }

    private final ZipFile zip;
    private final List<ZipEntry> entries;

    private GoZip(ZipFile zip, List<ZipEntry> entries) {
        this.zip = zip;
        this.entries = entries;
    }

    static GoZip open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            // The JDK refuses the whole archive for a method it cannot decompress; Go only fails
            // when such an entry is opened, with its own message.
            boolean method = e.getMessage() != null && e.getMessage().contains("bad compression method");
            throw new BadZipException(method ? ERR_ALGORITHM : ERR_FORMAT, e);
        }
        List<ZipEntry> entries = new ArrayList<>();
        try {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                entries.add(en.nextElement());
            }
        } catch (RuntimeException e) {
            zip.close();
            throw new BadZipException(ERR_FORMAT, e);
        }
        return new GoZip(zip, Collections.unmodifiableList(entries));
    }

    /// All entries in central-directory order.
    List<ZipEntry> entries() {
        return entries;
    }

    /// Go's `zip.File.Open`: a name ending in `/` reads as empty (or fails if it declares content);
    /// otherwise the decompressed bytes, failing as soon as they exceed the declared size (so a zip
    /// bomb is stopped after at most one buffer), or at the end if they fall short or the CRC differs.
    /// For duplicate names the JDK serves the last entry of that name, as Go's dirhash does.
    InputStream open(ZipEntry entry) throws IOException {
        if (entry.getName().endsWith("/")) {
            if (entry.getSize() != 0) {
                throw new BadZipException(ERR_FORMAT);
            }
            return InputStream.nullInputStream();
        }
        if (entry.getMethod() != ZipEntry.STORED && entry.getMethod() != ZipEntry.DEFLATED) {
            throw new BadZipException(ERR_ALGORITHM);
        }
        InputStream raw;
        try {
            raw = zip.getInputStream(entry);
        } catch (ZipException e) {
            throw new BadZipException(ERR_FORMAT, e);
        }
        return new CheckedEntryStream(raw, entry.getSize(), entry.getCrc());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /// Go's `checksumReader`.
    private static final class CheckedEntryStream extends FilterInputStream {
        private final long declaredSize;
        private final long declaredCrc;
        private final CRC32 crc = new CRC32();
        private long read;
        private boolean done;

        CheckedEntryStream(InputStream in, long declaredSize, long declaredCrc) {
            super(in);
            this.declaredSize = declaredSize;
            this.declaredCrc = declaredCrc;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (EOFException e) {
                throw new BadZipException(ERR_UNEXPECTED_EOF, e);
            } catch (ZipException e) {
                // A bad local header is Go's ErrFormat; bad deflate data is Go's flate.CorruptInputError,
                // whose byte offset the JDK does not report.
                throw e.getMessage() != null && e.getMessage().contains("LOC")
                        ? new BadZipException(ERR_FORMAT, e)
                        : new BadZipException("flate: corrupt input (" + e.getMessage() + ")", e);
            }
            if (n > 0) {
                crc.update(b, off, n);
                read += n;
                if (Long.compareUnsigned(read, declaredSize) > 0) {
                    throw new BadZipException(ERR_FORMAT);
                }
                return n;
            }
            if (n < 0) {
                done = true;
                if (read != declaredSize) {
                    throw new BadZipException(ERR_UNEXPECTED_EOF);
                }
                if (declaredCrc > 0 && crc.getValue() != declaredCrc) {
                    throw new BadZipException(ERR_CHECKSUM);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}

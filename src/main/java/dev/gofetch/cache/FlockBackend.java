package dev.gofetch.cache;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/// `flock(2)` on a descriptor we open ourselves with libc `open(2)`, exactly as cmd/go's
/// `lockedfile` does (open, then flock the whole file; unlock before close).
final class FlockBackend implements LockBackend {
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int LOCK_UN = 8;
    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int EWOULDBLOCK = Platform.isLinux() ? 11 : 35;
    private static final int O_CLOEXEC = Platform.isLinux() ? 0x80000 : Platform.isMac() ? 0x1000000 : 0;
    /// Paths reach the kernel in the encoding the JDK itself uses for file names.
    private static final Charset FILE_NAMES = Charset.forName(
            System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

    /// Direct-mapped libc. `open` is variadic in C; we never pass the optional mode argument
    /// (an exclusive lock's file is created beforehand from Java), so the fixed-argument call is
    /// correct on every ABI.
    private static final class LibC {
        static native int open(byte[] path, int flags) throws LastErrorException;

        static native int flock(int fd, int operation) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }
    }

    /// Forces linking now so that a missing libc symbol selects the fallback up front.
    void selfCheck() {
        try {
            LibC.close(-1);
        } catch (LastErrorException expected) {
            // EBADF: the binding works
        }
    }

    @Override
    public Held lock(Path file, FileLock.Mode mode, boolean block) throws IOException {
        int fd = open(file, mode);
        try {
            int op = (mode == FileLock.Mode.EXCLUSIVE ? LOCK_EX : LOCK_SH) | (block ? 0 : LOCK_NB);
            while (true) {
                try {
                    LibC.flock(fd, op);
                    break;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EINTR) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedIOException("interrupted while waiting for " + file);
                        }
                        continue;
                    }
                    if (!block && e.getErrorCode() == EWOULDBLOCK) {
                        closeQuietly(fd);
                        return null;
                    }
                    throw new IOException((mode == FileLock.Mode.EXCLUSIVE ? "Lock " : "RLock ") + file + ": "
                            + strerror(e));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(fd);
            throw e;
        }
        return () -> {
            IOException failure = null;
            try {
                LibC.flock(fd, LOCK_UN);
            } catch (LastErrorException e) {
                failure = new IOException("Unlock " + file + ": " + strerror(e));
            }
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                if (failure == null) {
                    failure = new IOException("close " + file + ": " + strerror(e));
                }
            }
            if (failure != null) {
                throw failure;
            }
        };
    }

    private static int open(Path file, FileLock.Mode mode) throws IOException {
        byte[] name = nulTerminated(file);
        int flags = (mode == FileLock.Mode.EXCLUSIVE ? O_RDWR : O_RDONLY) | O_CLOEXEC;
        for (int attempt = 0; ; attempt++) {
            if (mode == FileLock.Mode.EXCLUSIVE) {
                LockBackend.createIfMissing(file);
            }
            try {
                return LibC.open(name, flags);
            } catch (LastErrorException e) {
                // Someone (go clean -modcache?) removed it between create and open: try again a few times.
                if (e.getErrorCode() == ENOENT && mode == FileLock.Mode.EXCLUSIVE && attempt < 10) {
                    continue;
                }
                if (e.getErrorCode() == ENOENT) {
                    throw new NoSuchFileException(file.toString());
                }
                throw new IOException("open " + file + ": " + strerror(e));
            }
        }
    }

    private static byte[] nulTerminated(Path file) {
        byte[] raw = file.toString().getBytes(FILE_NAMES);
        byte[] name = new byte[raw.length + 1];
        System.arraycopy(raw, 0, name, 0, raw.length);
        return name;
    }

    private static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // nothing more to do with a descriptor we are abandoning
        }
    }

    /// JNA formats the message as `[errno] text`; keep just the text, as Go prints it.
    private static String strerror(LastErrorException e) {
        String m = e.getMessage();
        int close = m == null ? -1 : m.indexOf("] ");
        return close >= 0 ? m.substring(close + 2) : String.valueOf(m);
    }
}

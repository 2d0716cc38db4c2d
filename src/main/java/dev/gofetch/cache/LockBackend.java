package dev.gofetch.cache;

import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/// How {@link FileLock} takes a lock on this platform; chosen once per JVM.
interface LockBackend {

    /// A held lock; releasing it also closes the underlying descriptor.
    interface Held {
        void release() throws IOException;
    }

    /// Returns the held lock, or null when `block` is false and the lock is busy.
    Held lock(Path file, FileLock.Mode mode, boolean block) throws IOException;

    static LockBackend get() {
        return Selected.BACKEND;
    }

    static void createIfMissing(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // fine: lock files are shared by design
        }
    }

    final class Selected {
        private static final System.Logger LOG = System.getLogger(FileLock.class.getName());
        static final LockBackend BACKEND = choose();

        private Selected() {}

        private static LockBackend choose() {
            boolean goUsesFlock = Platform.isLinux() || Platform.isMac() || Platform.isFreeBSD()
                    || Platform.isOpenBSD() || Platform.isNetBSD() || Platform.isDragonFlyBSD();
            if (!goUsesFlock) {
                // Windows: both sides use LockFileEx. AIX/Solaris: cmd/go uses fcntl, as FileChannel does.
                LOG.log(System.Logger.Level.DEBUG, "file locks: FileChannel.lock (the go command's lock call on this OS)");
                return new ChannelLockBackend();
            }
            try {
                FlockBackend flock = new FlockBackend();
                flock.selfCheck();
                return flock;
            } catch (LinkageError | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "file locks: flock(2) is unavailable (" + e + "); falling back to FileChannel.lock, "
                                + "which the go command's locks do NOT exclude: do not run gofetch and go on the same "
                                + "module cache at the same time");
                return new ChannelLockBackend();
            }
        }
    }
}

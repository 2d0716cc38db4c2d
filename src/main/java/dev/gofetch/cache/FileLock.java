package dev.gofetch.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/// An advisory lock on a file, compatible with the go command's `lockedfile` package.
///
/// cmd/go locks with `flock(2)` on Linux, macOS and the BSDs. Java's {@link FileChannel#lock} uses
/// `fcntl` record locks there, which `flock` does not see, so on those systems we call `flock`
/// directly (through JNA). Elsewhere (Windows, or if the native call cannot be linked) we fall back
/// to {@link FileChannel#lock}; on Windows that is `LockFileEx`, the same call cmd/go makes.
///
/// Like `flock`, two locks taken through different `FileLock` objects on the same file exclude each
/// other even inside one process. As with cmd/go's `lockedfile.Edit` and `lockedfile.Open`, an
/// exclusive lock creates its file (mode 0666 before umask) and opens it for writing, while a shared
/// lock opens an existing file for reading ({@link java.nio.file.NoSuchFileException} if there is none).
/// Closing releases the lock; it is not reentrant.
public final class FileLock implements AutoCloseable {

    public enum Mode { SHARED, EXCLUSIVE }

    private final Path path;
    private final Mode mode;
    private final LockBackend.Held held;
    private boolean released;

    private FileLock(Path path, Mode mode, LockBackend.Held held) {
        this.path = path;
        this.mode = mode;
        this.held = held;
    }

    /// Blocks until the lock is held.
    public static FileLock acquire(Path file, Mode mode) throws IOException {
        return new FileLock(file, mode, LockBackend.get().lock(file, mode, true));
    }

    /// Takes the lock if nobody else holds a conflicting one; empty otherwise.
    public static Optional<FileLock> tryAcquire(Path file, Mode mode) throws IOException {
        LockBackend.Held held = LockBackend.get().lock(file, mode, false);
        return held == null ? Optional.empty() : Optional.of(new FileLock(file, mode, held));
    }

    /// `exclusive(file)` is shorthand for `acquire(file, Mode.EXCLUSIVE)` (cmd/go's `lockedfile.MutexAt(file).Lock()`).
    public static FileLock exclusive(Path file) throws IOException {
        return acquire(file, Mode.EXCLUSIVE);
    }

    /// Whether this JVM locks with `flock(2)` (true) or with the {@link FileChannel#lock} fallback.
    public static boolean usesFlock() {
        return LockBackend.get() instanceof FlockBackend;
    }

    public Path path() {
        return path;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!released) {
            released = true;
            held.release();
        }
    }

    @Override
    public String toString() {
        return "FileLock(" + path + ", " + mode + (released ? ", released)" : ")");
    }
}

package dev.gofetch.cache;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/// The fallback: `FileChannel.lock`, turning the in-process overlap exception into "busy".
final class ChannelLockBackend implements LockBackend {
    @Override
    public Held lock(Path file, FileLock.Mode mode, boolean block) throws IOException {
        FileChannel channel = openLockFile(file, mode);
        try {
            boolean shared = mode == FileLock.Mode.SHARED;
            while (true) {
                try {
                    java.nio.channels.FileLock lock = block
                            ? channel.lock(0, Long.MAX_VALUE, shared)
                            : channel.tryLock(0, Long.MAX_VALUE, shared);
                    if (lock == null) {
                        channel.close();
                        return null;
                    }
                    return () -> {
                        try (channel) {
                            lock.release();
                        }
                    };
                } catch (OverlappingFileLockException e) {
                    // Another thread of this JVM holds it; FileChannel reports that instead of waiting.
                    if (!block) {
                        channel.close();
                        return null;
                    }
                    sleepBriefly();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a file lock");
        }
    }

    private static FileChannel openLockFile(Path file, FileLock.Mode mode) throws IOException {
        // A shared FileChannel lock needs a readable channel, an exclusive one a writable channel.
        if (mode == FileLock.Mode.EXCLUSIVE) {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }
}

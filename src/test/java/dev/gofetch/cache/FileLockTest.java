package dev.gofetch.cache;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.gofetch.cache.FileLock.Mode.EXCLUSIVE;
import static dev.gofetch.cache.FileLock.Mode.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("try")
class FileLockTest {
    @TempDir
    static Path scratch;
    static GoLockProbe go;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildProbe() {
        go = new GoLockProbe(scratch);
    }

    @Test
    void locksWithFlockOnLinux() {
        assertThat(FileLock.usesFlock()).isEqualTo(com.sun.jna.Platform.isLinux() || com.sun.jna.Platform.isMac());
    }

    /// Java holds, Go probes with flock(LOCK_NB) like cmd/go's lockedfile would block.
    @ParameterizedTest(name = "Java {0}, Go {1}: {2}")
    @CsvSource({
            "EXCLUSIVE, EXCLUSIVE, EWOULDBLOCK",
            "EXCLUSIVE, SHARED,    EWOULDBLOCK",
            "SHARED,    EXCLUSIVE, EWOULDBLOCK",
            "SHARED,    SHARED,    acquired",
    })
    void goSeesALockHeldByJava(FileLock.Mode javaMode, FileLock.Mode goMode, String goOutcome) throws Exception {
        Path lockFile = Files.createFile(dir.resolve("v1.0.0.lock"));
        try (FileLock held = FileLock.acquire(lockFile, javaMode)) {
            assertThat(go.probe(lockFile, goMode)).isEqualTo(goOutcome);
        }
        assertThat(go.probe(lockFile, EXCLUSIVE)).as("after Java released").isEqualTo("acquired");
    }

    /// Go holds, Java's tryAcquire must fail exactly when flock says so.
    @ParameterizedTest(name = "Go {0}, Java {1}: acquired={2}")
    @CsvSource({
            "EXCLUSIVE, EXCLUSIVE, false",
            "EXCLUSIVE, SHARED,    false",
            "SHARED,    EXCLUSIVE, false",
            "SHARED,    SHARED,    true",
    })
    void javaSeesALockHeldByGo(FileLock.Mode goMode, FileLock.Mode javaMode, boolean acquired) throws Exception {
        Path lockFile = dir.resolve("v1.0.0.lock");
        try (GoLockProbe.Held held = go.hold(lockFile, goMode)) {
            Optional<FileLock> lock = FileLock.tryAcquire(lockFile, javaMode);
            if (lock.isPresent()) {
                lock.get().close();
            }
            assertThat(lock.isPresent()).isEqualTo(acquired);
        }
        try (FileLock again = FileLock.tryAcquire(lockFile, EXCLUSIVE).orElseThrow()) {
            assertThat(again.mode()).isEqualTo(EXCLUSIVE);
        }
    }

    @Test
    void twoLocksInOneProcessExcludeEachOtherLikeFlock() throws Exception {
        Path lockFile = dir.resolve("x.lock");
        try (FileLock first = FileLock.exclusive(lockFile)) {
            assertThat(FileLock.tryAcquire(lockFile, EXCLUSIVE)).isEmpty();
            assertThat(FileLock.tryAcquire(lockFile, SHARED)).isEmpty();
        }
        try (FileLock a = FileLock.acquire(lockFile, SHARED);
             FileLock b = FileLock.tryAcquire(lockFile, SHARED).orElseThrow()) {
            assertThat(FileLock.tryAcquire(lockFile, EXCLUSIVE)).isEmpty();
        }
    }

    @Test
    void blockingAcquireWaitsForTheHolderToRelease() throws Exception {
        Path lockFile = dir.resolve("x.lock");
        FileLock first = FileLock.exclusive(lockFile);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try (FileLock second = FileLock.exclusive(lockFile)) {
                return System.nanoTime();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        started.await();
        Thread.sleep(100);
        assertThat(waiter).isNotDone();
        long releasedAt = System.nanoTime();
        first.close();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(releasedAt);
    }

    @Test
    void anExclusiveLockCreatesItsFileEmptyAndLeavesItBehind() throws Exception {
        Path lockFile = dir.resolve("fresh.lock");
        try (FileLock lock = FileLock.acquire(lockFile, EXCLUSIVE)) {
            assertThat(lockFile).exists();
        }
        assertThat(lockFile).isEmptyFile();
    }

    /// Like lockedfile.Open: a reader must not conjure up the file it wants to read (an empty .ziphash
    /// would look like a complete zip).
    @Test
    void aSharedLockNeedsAnExistingFile() {
        Path missing = dir.resolve("v1.0.0.ziphash");
        assertThatThrownBy(() -> FileLock.acquire(missing, SHARED)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> FileLock.tryAcquire(missing, SHARED)).isInstanceOf(NoSuchFileException.class);
        assertThat(missing).doesNotExist();
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Path lockFile = dir.resolve("x.lock");
        FileLock lock = FileLock.exclusive(lockFile);
        lock.close();
        lock.close();
        try (FileLock again = FileLock.tryAcquire(lockFile, EXCLUSIVE).orElseThrow()) {
            assertThat(Files.exists(lockFile)).isTrue();
        }
    }
}

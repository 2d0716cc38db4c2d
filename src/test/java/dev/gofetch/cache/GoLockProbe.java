package dev.gofetch.cache;

import dev.gofetch.testing.GoTool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/// A tiny Go program, written and `go run` at test time, that takes `syscall.Flock` locks the way
/// cmd/go's lockedfile does. GOCACHE is shared between runs (it only holds compiled std packages) so
/// that only the first run on a machine pays for compiling the runtime.
final class GoLockProbe {
    private static final String SOURCE = """
            package main

            import (
            	"os"
            	"syscall"
            	"time"
            )

            func say(s string) { os.Stdout.WriteString(s + "\\n") }

            // lockprobe probe|hold <file> exclusive|shared [<ready-file> <release-file>]
            func main() {
            	f, err := os.OpenFile(os.Args[2], os.O_RDWR|os.O_CREATE, 0o666)
            	if err != nil {
            		say("error: " + err.Error())
            		os.Exit(2)
            	}
            	how := syscall.LOCK_EX
            	if os.Args[3] == "shared" {
            		how = syscall.LOCK_SH
            	}
            	switch os.Args[1] {
            	case "probe":
            		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
            		switch {
            		case err == syscall.EWOULDBLOCK:
            			say("EWOULDBLOCK")
            		case err != nil:
            			say("error: " + err.Error())
            		default:
            			say("acquired")
            		}
            	case "hold":
            		if err := syscall.Flock(int(f.Fd()), how); err != nil {
            			say("error: " + err.Error())
            			os.Exit(2)
            		}
            		os.WriteFile(os.Args[4], nil, 0o666)
            		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
            			if _, err := os.Stat(os.Args[5]); err == nil {
            				say("released")
            				return
            			}
            		}
            		say("timeout")
            	}
            }
            """;

    private final Path dir;
    private final Map<String, String> env;

    GoLockProbe(Path scratch) {
        try {
            dir = Files.createDirectories(scratch.resolve("lockprobe"));
            Files.writeString(dir.resolve("main.go"), SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env = GoTool.pinnedEnv(scratch, "off");
        env.put("GOFLAGS", "");
        env.put("GOCACHE", Path.of(System.getProperty("java.io.tmpdir"), "gofetch-test-gocache").toString());
    }

    /// Tries `flock(LOCK_NB)` from Go: "EWOULDBLOCK" or "acquired" (released again at exit).
    String probe(Path lockFile, FileLock.Mode mode) {
        return GoTool.run(dir, env, "run", "main.go", "probe", lockFile.toString(), modeArg(mode))
                .requireSuccess().stdout().strip();
    }

    /// A Go process holding a lock until {@link Held#close()}.
    final class Held implements AutoCloseable {
        private final Path release;
        private final CompletableFuture<GoTool.Result> run;

        private Held(Path lockFile, FileLock.Mode mode) {
            Path ready = dir.resolve("ready-" + System.nanoTime());
            release = dir.resolve("release-" + System.nanoTime());
            run = CompletableFuture.supplyAsync(() -> GoTool.run(dir, env, "run", "main.go", "hold",
                    lockFile.toString(), modeArg(mode), ready.toString(), release.toString()));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.exists(ready)) {
                if (run.isDone()) {
                    throw new AssertionError("lock holder exited early: " + run.join());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Go never took the lock");
                }
                sleep();
            }
        }

        @Override
        public void close() throws IOException {
            Files.createFile(release);
            GoTool.Result r;
            try {
                r = run.get(1, TimeUnit.MINUTES).requireSuccess();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("lock holder failed", e);
            }
            if (!r.stdout().strip().equals("released")) {
                throw new AssertionError("lock holder said: " + r.stdout());
            }
        }
    }

    Held hold(Path lockFile, FileLock.Mode mode) {
        return new Held(lockFile, mode);
    }

    private static String modeArg(FileLock.Mode mode) {
        return mode == FileLock.Mode.SHARED ? "shared" : "exclusive";
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

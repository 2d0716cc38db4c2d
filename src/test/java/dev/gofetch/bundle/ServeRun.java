package dev.gofetch.bundle;

import dev.gofetch.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// `gofetch serve ...` running in-process on its own thread, as a user's terminal would run it;
/// {@link #close()} stands for Ctrl-C.
final class ServeRun implements AutoCloseable {
    private static final Pattern GOPROXY = Pattern.compile("(?m)^GOPROXY=(\\S+)$");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile int status = -1;

    ServeRun(Path dir, Map<String, String> env, String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> status = new Cli(env, dir, o, e).run(args), "serve-under-test");
        thread.start();
    }

    /// The GOPROXY value the command printed, once it is listening; null if it ended instead.
    String goproxy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = GOPROXY.matcher(stdout());
            if (m.find()) {
                return m.group(1);
            }
            if (!thread.isAlive()) {
                return null;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not print GOPROXY in time; stderr:\n" + stderr());
    }

    String stdout() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /// Stops the server (as Ctrl-C does) and returns the exit status.
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
        if (thread.isAlive()) {
            throw new AssertionError("serve did not stop");
        }
        return status;
    }

    /// The exit status of a command that ended by itself.
    int await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return status;
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

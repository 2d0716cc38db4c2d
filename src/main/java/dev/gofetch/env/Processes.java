package dev.gofetch.env;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Runs the programs GOAUTH names: with the given environment, stdin and a time limit.
final class Processes {
    private Processes() {}

    record Result(int exitCode, String stdout) {}

    /// @param dir the working directory, or null for the current one
    /// @param stdin the input, or null for none (end of file at once)
    /// @param mergeStderr whether stderr joins stdout (else it is dropped: it may echo secrets)
    static Result run(List<String> command, Path dir, Map<String, String> environment, String stdin,
            long timeLimitSeconds, boolean mergeStderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        if (!environment.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        if (mergeStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the process went away; what was read is all there is
            }
        }, "goauth-output");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program does not read its input: as with Go's exec, that is its business
        }
        try {
            if (!p.waitFor(timeLimitSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + ": no answer within " + timeLimitSeconds + "s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + ": interrupted", e);
        }
        synchronized (out) {
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        }
    }
}

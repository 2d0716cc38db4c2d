package dev.gofetch.vcs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/// Runs the user's `git` with the environment the go command gives it: never a prompt for a password
/// (`GIT_TERMINAL_PROMPT=0`, `GCM_INTERACTIVE=never`, ssh in batch mode), stdin empty, and a time limit
/// after which git and its children are killed.
final class GitCommand {
    private final Map<String, String> env;
    private final Duration timeout;
    private final Consumer<String> trace;

    /// @param processEnv the environment gofetch runs in (HOME, PATH, proxies, ...)
    GitCommand(Map<String, String> processEnv, Duration timeout) {
        this(processEnv, timeout, line -> { });
    }

    /// @param trace receives each command before and after it runs, as `go ... -x` prints them
    GitCommand(Map<String, String> processEnv, Duration timeout, Consumer<String> trace) {
        Map<String, String> e = new HashMap<>(processEnv);
        if (e.getOrDefault("GIT_TERMINAL_PROMPT", "").isEmpty()) {
            e.put("GIT_TERMINAL_PROMPT", "0");
        }
        if (e.getOrDefault("GCM_INTERACTIVE", "").isEmpty()) {
            e.put("GCM_INTERACTIVE", "never");
        }
        if (e.getOrDefault("GIT_SSH", "").isEmpty() && e.getOrDefault("GIT_SSH_COMMAND", "").isEmpty()) {
            e.put("GIT_SSH_COMMAND", "ssh -o ControlMaster=no -o BatchMode=yes");
        }
        this.env = Map.copyOf(e);
        this.timeout = timeout;
        this.trace = trace;
    }

    Map<String, String> environment() {
        return env;
    }

    /// A failed git run, worded like cmd/go's `codehost.RunError`.
    static final class GitException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;
        private final String stderr;

        GitException(String message, int exitCode, String stderr) {
            super(message);
            this.exitCode = exitCode;
            this.stderr = stderr;
        }

        int exitCode() {
            return exitCode;
        }

        String stderr() {
            return stderr;
        }
    }

    /// Runs `git args...` in dir (with `GIT_DIR=dir` when gitDir is set); returns standard output.
    byte[] run(Path dir, boolean gitDir, List<String> args) throws IOException {
        String shown = traceLine(dir, args);
        trace.accept(shown);
        long start = System.nanoTime();
        try {
            return runQuietly(dir, gitDir, args);
        } finally {
            trace.accept(String.format(Locale.ROOT, "%.3fs # %s", (System.nanoTime() - start) / 1e9, shown));
        }
    }

    /// Writes a line to the `-x` trace, as the go command's own notes on its work directories.
    void note(String line) {
        trace.accept(line);
    }

    private static final java.util.regex.Pattern CREDENTIALS_IN_URL =
            java.util.regex.Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/@:\\s]*:)[^/@\\s]*@");

    /// The command as `go ... -x` shows it: `cd DIR; git ARGS`, arguments quoted for a shell.
    static String traceLine(Path dir, List<String> args) {
        StringBuilder text = new StringBuilder();
        if (dir != null) {
            text.append("cd ").append(dir).append("; ");
        }
        text.append("git");
        for (String shownArg : args) {
            // A password in a repository URL (`https://user:token@host/...`) never reaches the trace.
            String arg = CREDENTIALS_IN_URL.matcher(shownArg).replaceAll("$1xxxxx@");
            text.append(' ');
            if (arg.indexOf('\'') >= 0) {
                text.append('"');
                for (char c : arg.toCharArray()) {
                    if (c == '"' || c == '$' || c == '`' || c == '\\') {
                        text.append('\\');
                    }
                    text.append(c);
                }
                text.append('"');
            } else if (arg.chars().anyMatch(c -> "$`\\*?[\"\t\n\u000b\f\r \u0085\u00a0".indexOf(c) >= 0)) {
                text.append('\'').append(arg).append('\'');
            } else {
                text.append(arg);
            }
        }
        return text.toString();
    }

    /// {@link #run} without the trace: for what the go command runs outside its tracing (`git version`).
    byte[] runQuietly(Path dir, boolean gitDir, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(env);
        if (gitDir && dir != null) {
            pb.environment().put("GIT_DIR", dir.toString());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        String where = String.join(" ", cmd) + " in " + (dir == null ? "" : dir.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitException(where + ": exec: \"git\": executable file not found in $PATH", -1, "");
        }
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new GitException(where + ": timed out after " + timeout.toSeconds() + "s", -1, "");
            }
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + where);
        }
        int code = p.exitValue();
        if (code != 0) {
            String stderr = err.text();
            String text = where + ": exit status " + code;
            String trimmed = stderr.replaceAll("\n+$", "");
            if (!trimmed.isEmpty()) {
                text += ":\n\t" + trimmed.replace("\n", "\n\t");
            }
            throw new GitException(text, code, stderr);
        }
        return out.bytes();
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buf);
            } catch (IOException ignored) {
                // the process was killed
            }
        }

        synchronized byte[] bytes() {
            return buf.toByteArray();
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }
}

package dev.gofetch.vcs;

import dev.gofetch.env.GoEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Asks a version control tool whether a repository answers on a scheme, as the go command does for
/// paths like `host/repo.git`: run in the module cache (so no checkout around it interferes), with
/// prompts for credentials turned off.
final class VcsPing implements Discovery.Pinger {
    private static final long TIMEOUT_SECONDS = 120;
    private final GoEnv env;
    private final java.util.function.Consumer<String> trace;

    VcsPing(GoEnv env) {
        this(env, line -> { });
    }

    /// @param trace receives `cd DIR` and the command line before each ping, as `go ... -x` prints them
    VcsPing(GoEnv env, java.util.function.Consumer<String> trace) {
        this.env = env;
        this.trace = trace;
    }

    @Override
    public boolean ping(String vcs, String scheme, String repo) {
        Vcs v = Vcs.byCommand(vcs);
        if (v == null || !v.canPing()) {
            return false;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(vcs);
        cmd.addAll(v.pingArgs(scheme, repo));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        String dirShown = "";
        try {
            Path dir = env.modCache();
            dirShown = dir.toString();
            Files.createDirectories(dir);
            pb.directory(dir.toFile());
        } catch (IOException | RuntimeException e) {
            // the go command ignores a cache it cannot create, too
        }
        trace.accept("cd " + dirShown);
        trace.accept(String.join(" ", cmd));
        Map<String, String> environment = pb.environment();
        environment.clear();
        environment.putAll(commandEnvironment(env.processEnvironment()));
        if (v == Vcs.HG) {
            environment.put("HGPLAIN", "+strictflags");
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // the tool is not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /// The environment the go command gives version control tools: its own, with git's terminal
    /// prompts and the Git Credential Manager's dialogs off unless the user chose otherwise.
    static Map<String, String> commandEnvironment(Map<String, String> process) {
        Map<String, String> out = new java.util.HashMap<>(process);
        if (out.getOrDefault("GIT_TERMINAL_PROMPT", "").isEmpty()) {
            out.put("GIT_TERMINAL_PROMPT", "0");
        }
        if (out.getOrDefault("GCM_INTERACTIVE", "").isEmpty()) {
            out.put("GCM_INTERACTIVE", "never");
        }
        return out;
    }
}

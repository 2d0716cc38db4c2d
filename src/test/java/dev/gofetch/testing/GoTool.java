package dev.gofetch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Runs the real go command for differential tests, with every setting pinned so that the
/// machine's own Go configuration never leaks in.
public final class GoTool {
    private static final String GO = findGo();

    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("go exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private GoTool() {}

    public static String binary() {
        return GO;
    }

    /// The pinned environment for a test: GOPROXY/GOSUMDB/GOFLAGS/GOENV/GOMODCACHE/GOPATH and friends
    /// all set, HOME inside the scratch directory. Callers add or override entries.
    public static Map<String, String> pinnedEnv(Path scratch, String goproxy) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", scratch.resolve("home").toString());
        env.put("GOPATH", scratch.resolve("gopath").toString());
        env.put("GOMODCACHE", scratch.resolve("modcache").toString());
        // Build results only (no module settings): shared so that `go build` in tests compiles the
        // standard library once per machine, not once per test.
        env.put("GOCACHE", Path.of(System.getProperty("java.io.tmpdir"), "gofetch-test-gocache").toString());
        env.put("GOPROXY", goproxy);
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOENV", "off");
        // The go command's telemetry (and its background sidecar) would otherwise write under HOME,
        // racing the deletion of the test's temporary directory.
        env.put("TEST_TELEMETRY_DIR", Path.of(System.getProperty("java.io.tmpdir"), "gofetch-test-telemetry").toString());
        env.put("GOTOOLCHAIN", "local");
        env.put("GOWORK", "off");
        env.put("GOPRIVATE", "");
        env.put("GONOPROXY", "");
        env.put("GONOSUMDB", "");
        env.put("GOINSECURE", "");
        env.put("GOVCS", "");
        env.put("GOAUTH", "off");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("CGO_ENABLED", "0");
        return env;
    }

    /// Runs `go args...` in dir with exactly env (nothing inherited).
    public static Result run(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(GO);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("go-out", ".txt");
            Path err = Files.createTempFile("go-err", ".txt");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("go " + String.join(" ", args) + " timed out");
                }
                return new Result(p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run go: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /// `$(go env GOROOT)` of the real toolchain.
    public static Path goroot() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("GOENV", "off");
        return Path.of(run(Path.of(System.getProperty("java.io.tmpdir")), env, "env", "GOROOT")
                .requireSuccess().stdout().strip());
    }

    private static String findGo() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "go");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Path local = Path.of("/usr/local/go/bin/go");
        if (Files.isExecutable(local)) {
            return local.toString();
        }
        throw new IllegalStateException("the go command is not installed (.ci/run installs it)");
    }
}

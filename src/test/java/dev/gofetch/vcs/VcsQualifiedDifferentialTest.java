package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.Transport;
import dev.gofetch.testing.GoTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A path that names its version control system (`IP/repo.git`) is found by pinging the schemes in
/// the go command's order; a `git daemon` on port 9418 of a loopback address answers the plain `git`
/// scheme, which GOINSECURE allows. The go command reports the URL it settled on as Origin.URL.
class VcsQualifiedDifferentialTest {
    @TempDir
    static Path scratch;
    static String ip;
    static Process daemon;

    @BeforeAll
    static void startGitDaemon() throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        ip = "127." + r.nextInt(2, 250) + "." + r.nextInt(2, 250) + "." + r.nextInt(2, 250);
        Path srv = Files.createDirectories(scratch.resolve("srv"));
        Path work = scratch.resolve("work-tree");
        git(scratch, "init", "-q", "--bare", srv.resolve("repo").toString());
        git(scratch, "init", "-q", work.toString());
        Files.writeString(work.resolve("go.mod"), "module " + ip + "/repo.git\n");
        git(work, "add", "go.mod");
        git(work, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init");
        git(work, "tag", "v1.0.0");
        git(work, "push", "-q", srv.resolve("repo").toString(), "HEAD:refs/heads/main", "--tags");
        daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--base-path=" + srv,
                "--listen=" + ip, "--port=9418", srv.toString()).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("daemon.log").toFile()).start();
        for (int i = 0; i < 50 && !listening(); i++) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopGitDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 9418), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", scratch.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static Map<String, String> env(String goinsecure) throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(scratch, "direct");
        env.put("GOINSECURE", goinsecure);
        env.put("GOMODCACHE", Files.createTempDirectory(scratch, "modcache").toString());
        return env;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"") : "";
    }

    @Test
    void findsTheSameRepositoryUrlAsTheGoCommand() throws Exception {
        assumeThat(listening()).as("git daemon on " + ip + ":9418").isTrue();
        String path = ip + "/repo.git";
        Map<String, String> env = env(ip);
        GoTool.Result go = GoTool.run(scratch, env, "mod", "download", "-json", path + "@v9.9.9");
        String goError = field(go.stdout(), "Error");
        assertThat(goError).isEqualTo(path + "@v9.9.9: invalid version: unknown revision v9.9.9");

        RepoRoot ours = RepoLookup.forEnv(GoEnv.load(env), Transport.createDefault()).lookup(path);
        assertThat(ours).isEqualTo(new RepoRoot(path, "git", field(go.stdout(), "URL")));
        assertThat(ours.repoUrl()).isEqualTo("git://" + ip + "/repo");

        // the go command's own words for a missing tag are diagnosed as such
        Diagnosis d = Diagnosis.of(goError, GoEnv.load(env)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.UNKNOWN_REVISION);
        assertThat(d.summary()).isEqualTo("unknown revision v9.9.9 of " + path);
    }

    @Test
    void withoutGoinsecureThePlainGitSchemeIsNotTried() throws Exception {
        assumeThat(listening()).as("git daemon on " + ip + ":9418").isTrue();
        String path = ip + "/repo.git";
        Map<String, String> env = env("");
        String goError = field(GoTool.run(scratch, env, "mod", "download", "-json", path + "@v1.0.0").stdout(), "Error");
        assertThat(goError).isEqualTo(path + "@v1.0.0: no secure protocol found for repository");
        try {
            RepoLookup.forEnv(GoEnv.load(env), Transport.createDefault()).lookup(path);
            throw new AssertionError("found a repository without a secure scheme");
        } catch (IOException e) {
            assertThat(path + "@v1.0.0: " + e.getMessage()).isEqualTo(goError);
        }
    }
}

package dev.gofetch.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `go mod download` and `gofetch download` with the same GOAUTH (`git DIR` with a credential helper
/// in a temporary HOME's .gitconfig, or a command of the user's) against an https GOPROXY that answers
/// 401 without alice's credentials: the same requests carry the same credentials, the zip's redirect
/// to another host carries none, and gofetch writes the secret nowhere.
class GoAuthGoDifferentialTest {
    static final String ZIP = "/" + TestMirror.MODULE + "/@v/" + TestMirror.VERSION + ".zip";
    static final String PASSWORD = "s3cret-alice-git";
    static final String ALICE = "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    static TestMirror.TestTls tls;
    static TestMirror mirror;
    static TestMirror other;

    @BeforeAll
    static void start(@TempDir Path root) throws Exception {
        TestMirror.writeModuleTree(root);
        tls = TestMirror.TestTls.get();
        mirror = TestMirror.https(root, tls).requireAuthorization(ALICE);
        other = TestMirror.https(root, tls);
        mirror.redirect(ZIP, other.url("other.test") + ZIP);
    }

    @AfterAll
    static void stop() {
        mirror.close();
        other.close();
    }

    static Path script(Path dir, String name, String body) throws Exception {
        Path p = Files.createDirectories(dir).resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /// The environment for one run; goauth may name "$HELPERS", the directory with the scripts.
    static Map<String, String> env(Path scratch, String httpsProxy, String goauth) throws Exception {
        Path helpers = Files.createDirectories(scratch.resolve("helpers"));
        Path log = helpers.resolve("log");
        Path gitHelper = script(helpers, "git-helper", "echo \"$1\" >> " + log + "\ncat > /dev/null\n"
                + "if [ \"$1\" = get ]; then echo username=alice; echo password=" + PASSWORD + "; fi\n");
        // a command that knows alice's credentials only when asked with a URL (after a 401)
        script(helpers, "creds", "cat > /dev/null\nif [ $# -eq 1 ]; then printf 'https://mirror.test:" + mirror.port()
                + "\\n\\nAuthorization: " + ALICE + "\\n\\n'; fi\n");
        Path home = Files.createDirectories(scratch.resolve("home"));
        Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = " + gitHelper + "\n");
        Files.createDirectories(scratch.resolve("repo"));
        Map<String, String> env = GoTool.pinnedEnv(scratch, mirror.url("mirror.test"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HTTPS_PROXY", httpsProxy);
        env.put("SSL_CERT_FILE", tls.pem().toString());
        env.put("GOAUTH", goauth.replace("$HELPERS", helpers.toString()).replace("$REPO", scratch.resolve("repo").toString()));
        env.put("GOFLAGS", "");
        return env;
    }

    /// Per server, the distinct GET requests (Host, path, user); the go command's HEAD that lets git
    /// approve a credential is left out.
    static Set<String> observed(int mirrorBefore, int otherBefore) {
        Set<String> out = new TreeSet<>();
        mirror.hits().subList(mirrorBefore, mirror.hits().size()).stream().filter(h -> h.method().equals("GET"))
                .forEach(h -> out.add("mirror " + h.host() + h.path() + " user=" + h.user()));
        other.hits().subList(otherBefore, other.hits().size()).stream().filter(h -> h.method().equals("GET"))
                .forEach(h -> out.add("other " + h.host() + h.path() + " user=" + h.user()));
        return out;
    }

    Set<String> compare(Path scratch, String goauth) throws Exception {
        try (RecordingProxy proxy = new RecordingProxy()) {
            Path work = Files.createDirectories(scratch.resolve("work"));
            int m = mirror.hits().size();
            int o = other.hits().size();
            GoTool.run(work, env(scratch.resolve("go"), proxy.url(), goauth), "mod", "download", "-json",
                    TestMirror.MODULE + "@" + TestMirror.VERSION).requireSuccess();
            Set<String> go = observed(m, o);

            m = mirror.hits().size();
            o = other.hits().size();
            Path traceFile = scratch.resolve("trace.jsonl");
            GoTool.Result ours = GofetchRunner.run(work, env(scratch.resolve("gofetch"), proxy.url(), goauth),
                    "download", "-json", "-x", "-trace", traceFile.toString(), TestMirror.MODULE + "@" + TestMirror.VERSION);
            assertThat(ours.exitCode()).as(ours.stderr()).isZero();
            Set<String> gofetch = observed(m, o);

            assertThat(gofetch).isEqualTo(go);
            // the first request is refused, asked again with alice, and the rest carry her from the start
            String v = "mirror mirror.test:" + mirror.port() + "/" + TestMirror.MODULE + "/@v/" + TestMirror.VERSION;
            assertThat(go).contains(v + ".info user=", v + ".info user=alice", v + ".mod user=alice",
                    "other other.test:" + other.port() + ZIP + " user=")
                    .doesNotContain(v + ".mod user=")
                    .noneMatch(s -> s.startsWith("other") && s.endsWith("alice"));
            String written = ours.stdout() + ours.stderr() + Files.readString(traceFile);
            assertThat(written).contains("# get https://mirror.test:" + mirror.port())
                    .doesNotContain(PASSWORD).doesNotContain(ALICE.substring(6)).doesNotContain("s3cret");
            assertThat(scratch.resolve("gofetch/modcache/cache/download/" + TestMirror.MODULE + "/@v/"
                    + TestMirror.VERSION + ".zip")).exists();
            return gofetch;
        }
    }

    @Test
    void gitCredentialHelperCredentialsGoWhereTheGoCommandSendsThem(@TempDir Path scratch) throws Exception {
        compare(scratch, "git $REPO");
        List<String> asked = Files.readAllLines(scratch.resolve("gofetch/helpers/log"));
        assertThat(asked).contains("get");
    }

    /// Only the zip is missing: its first request (by the ranged engine) meets the 401 with no
    /// credential yet, and the download still ends with alice's credentials from git.
    @Test
    void aZipAloneIsFetchedWithGitCredentialsAfterA401(@TempDir Path scratch) throws Exception {
        try (RecordingProxy proxy = new RecordingProxy()) {
            Path work = Files.createDirectories(scratch.resolve("work"));
            Map<String, String> env = env(scratch.resolve("gofetch"), proxy.url(), "git $REPO");
            Path v = Files.createDirectories(Path.of(env.get("GOMODCACHE"), "cache/download", TestMirror.MODULE, "@v"));
            Files.writeString(v.resolve(TestMirror.VERSION + ".info"), "{\"Version\":\"" + TestMirror.VERSION
                    + "\",\"Time\":\"2024-01-02T03:04:05Z\"}\n");
            Files.writeString(v.resolve(TestMirror.VERSION + ".mod"), "module " + TestMirror.MODULE + "\n\ngo 1.21\n");
            int m = mirror.hits().size();
            GoTool.Result ours = GofetchRunner.run(work, env, "download", "-x", TestMirror.MODULE + "@" + TestMirror.VERSION);
            assertThat(ours.exitCode()).as(ours.stderr()).isZero();
            assertThat(v.resolve(TestMirror.VERSION + ".zip")).exists();
            assertThat(mirror.hits().subList(m, mirror.hits().size())).extracting(TestMirror.Hit::path)
                    .containsOnly(ZIP);
            assertThat(observed(m, other.hits().size())).contains("mirror mirror.test:" + mirror.port() + ZIP + " user=alice");
            assertThat(ours.stdout() + ours.stderr()).doesNotContain(PASSWORD).doesNotContain(ALICE.substring(6));
        }
    }

    @Test
    void aCommandAskedWithTheUrlAfterA401GivesTheCredentialsAsForTheGoCommand(@TempDir Path scratch) throws Exception {
        compare(scratch, "$HELPERS/creds");
    }

    /// The go command stops at once; gofetch fails each module that needs the network with the
    /// same words.
    @Test
    void aRefusedSettingFailsGofetchWithTheGoCommandsMessage(@TempDir Path scratch) throws Exception {
        Map<String, String> env = env(scratch, "http://127.0.0.1:1", "netrc;off");
        Path work = Files.createDirectories(scratch.resolve("work"));
        GoTool.Result go = GoTool.run(work, env, "mod", "download", TestMirror.MODULE + "@" + TestMirror.VERSION);
        GoTool.Result ours = GofetchRunner.run(work, env, "download", TestMirror.MODULE + "@" + TestMirror.VERSION);
        assertThat(go.exitCode()).isEqualTo(1);
        assertThat(ours.exitCode()).isNotZero();
        assertThat(go.stderr()).startsWith("go: GOAUTH=off cannot be combined");
        assertThat(ours.stderr()).isEqualTo(go.stderr().replace("go: ", "gofetch: " + TestMirror.MODULE + "@"
                + TestMirror.VERSION + ": "));
    }
}

package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import dev.gofetch.env.GoEnv;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.sumdb.NoteSigner;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Each diagnosis from the error text the real go command prints for that failure (produced here
/// against loopback servers), and the fix it proposes checked against the go command where it can be.
class DiagnosisTest {
    private static final String PRIVATE = "git.corp.example/lib";
    @TempDir
    Path tmp;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /// Serves every request with the answer of `answer` (path+query → status, body), text/plain.
    private String serve(String host, int port, Function<String, Object[]> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", ex -> {
            Object[] a = answer.apply(ex.getRequestURI().toString());
            byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", a.length > 2 ? (String) a[2] : "text/plain; charset=utf-8");
            if ((int) a[0] == 401) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            }
            ex.sendResponseHeaders((int) a[0], body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    private Map<String, String> env(String goproxy) {
        Map<String, String> env = GoTool.pinnedEnv(tmp, goproxy);
        env.put("GOMODCACHE", tmp.resolve("modcache-" + ThreadLocalRandom.current().nextInt(1 << 30)).toString());
        return env;
    }

    /// The go command's error line(s) for `go mod download path@version`, without the `go: ` prefix.
    private String goError(Map<String, String> env, String pathAtVersion) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        GoTool.Result r = GoTool.run(dir, env, "mod", "download", pathAtVersion);
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("go: ");
        return r.stderr().substring(4).stripTrailing();
    }

    private static final String PROXY_BODY = "not found: " + PRIVATE + "@v1.0.0: unrecognized import path \"" + PRIVATE
            + "\": https fetch: Get \"https://" + PRIVATE + "?go-get=1\": dial tcp: lookup git.corp.example on 8.8.8.8:53:"
            + " no such host";

    @Test
    void aPrivatePathAnsweredWith410ByAProxyIsNamedWithTheLineToChange() throws Exception {
        String proxy = serve("127.0.0.1", 0, uri -> new Object[] {410, PROXY_BODY});
        Path envFile = tmp.resolve("config/go/env");
        Files.createDirectories(envFile.getParent());
        Files.writeString(envFile, "GOTOOLCHAIN=local\n# mine\nGOPRIVATE=other.example\n");
        Map<String, String> env = env(proxy);
        env.put("GOENV", envFile.toString());
        String message = goError(env, PRIVATE + "@v1.0.0");
        assertThat(message).contains("410 Gone");

        Diagnosis d = Diagnosis.of(message, GoEnv.load(env)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.PRIVATE_PATH_SENT_TO_PROXY);
        assertThat(d.modulePath()).isEqualTo(PRIVATE);
        assertThat(d.fix()).isEqualTo("add git.corp.example to GOPRIVATE so that it is fetched directly and not through"
                + " the proxy: go env -w GOPRIVATE='other.example,git.corp.example' (currently set in " + envFile + " line 3)");

        // The change writes the file as `go env -w` does, and the go command then fetches the path directly.
        Path goCopy = tmp.resolve("go-env-copy");
        Files.copy(envFile, goCopy);
        Map<String, String> goWrite = env(proxy);
        goWrite.put("GOENV", goCopy.toString());
        goWrite.remove("GOPRIVATE");
        GoTool.run(tmp, goWrite, "env", "-w", "GOPRIVATE=" + d.change().value()).requireSuccess();
        d.change().apply();
        assertThat(Files.readString(envFile)).isEqualTo(Files.readString(goCopy));
        assertThat(d.change().label()).isEqualTo("Add git.corp.example to GOPRIVATE");
        assertThat(goError(env, PRIVATE + "@v1.0.0")).doesNotContain(proxy)
                .contains("unrecognized import path \"" + PRIVATE + "\": https fetch");
    }

    @Test
    void gofetchPrintsTheHintAfterTheGoCompatibleError() throws Exception {
        String proxy = serve("127.0.0.1", 0, uri -> new Object[] {410, PROXY_BODY});
        Map<String, String> env = env(proxy);
        String go = goError(env, PRIVATE + "@v1.0.0");
        GoTool.Result ours = GofetchRunner.run(Files.createDirectories(tmp.resolve("ours")), env, "download",
                PRIVATE + "@v1.0.0");
        assertThat(ours.exitCode()).isEqualTo(1);
        assertThat(ours.stdout()).isEmpty();
        List<String> lines = ours.stderr().lines().toList();
        assertThat(String.join("\n", lines.subList(0, lines.size() - 1))).isEqualTo("gofetch: " + go);
        assertThat(lines.get(lines.size() - 1)).startsWith("hint: private module sent to a public proxy (the proxy "
                + proxy + " answered 410 Gone for " + PRIVATE + "): add git.corp.example to GOPRIVATE");
    }

    @Test
    void aPrivateModuleLookedUpInTheChecksumDatabaseNamesGonosumdbWhenThatIsSet() throws Exception {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add(PRIVATE, "v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), "module " + PRIVATE + "\n", Map.of());
        String sumdb = serve("127.0.0.1", 0, uri -> new Object[] {404, "not found"});
        Map<String, String> env = env(tree.goproxy());
        env.put("GOSUMDB", NoteSigner.generate("sum.corp.test").verifierKey() + " " + sumdb);
        env.put("GONOSUMDB", "other.example");
        String message = goError(env, PRIVATE + "@v1.0.0");
        assertThat(message).contains("/lookup/" + PRIVATE + "@v1.0.0: 404 Not Found");

        Diagnosis d = Diagnosis.of(message, GoEnv.load(env)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.PRIVATE_PATH_SENT_TO_CHECKSUM_DB);
        assertThat(d.summary()).isEqualTo("private module sent to a public checksum database (the checksum database "
                + sumdb + " answered 404 Not Found for " + PRIVATE + ")");
        assertThat(d.fix()).isEqualTo("add git.corp.example to GONOSUMDB so that it is fetched directly and not checked"
                + " against the checksum database: export GONOSUMDB='other.example,git.corp.example' where your shell or"
                + " CI sets it (GONOSUMDB is set in the environment, which `go env -w` does not override) (GONOSUMDB is"
                + " set, so GOPRIVATE does not apply to this)");
        assertThat(d.change()).isNull();

        env.put("GONOSUMDB", "other.example,git.corp.example");
        Path dir = Files.createDirectories(tmp.resolve("work"));
        GoTool.run(dir, env, "mod", "download", PRIVATE + "@v1.0.0").requireSuccess();
    }

    @Test
    void anUnknownRevisionIsNamedEvenWhenAProxyReportsIt() throws Exception {
        String proxy = serve("127.0.0.1", 0, uri -> new Object[] {404,
                "not found: example.com/lib@v9.9.9: invalid version: unknown revision v9.9.9"});
        Map<String, String> env = env(proxy);
        String message = goError(env, "example.com/lib@v9.9.9");
        Diagnosis d = Diagnosis.of(message, GoEnv.load(env)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.UNKNOWN_REVISION);
        assertThat(d.summary()).isEqualTo("unknown revision v9.9.9 of example.com/lib");
        assertThat(d.change()).isNull();
    }

    @Test
    void govcsRefusingAPublicPathAsksForGoprivate() throws Exception {
        Map<String, String> env = env("direct");
        String message = goError(env, "svn.corp.example/repo.svn@v1.0.0");
        Diagnosis d = Diagnosis.of(message, GoEnv.load(env)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.MISSING_GOPRIVATE);
        assertThat(d.fix()).isEqualTo("if it is private, add svn.corp.example to GOPRIVATE: export "
                + "GOPRIVATE='svn.corp.example' (GOENV=off, so `go env -w` cannot store it)");
        env.put("GOPRIVATE", "svn.corp.example");
        assertThat(goError(env, "svn.corp.example/repo.svn@v1.0.0")).doesNotContain("GOVCS");
    }

    @Test
    void gitAskingForCredentialsIsAnAuthenticationFailure() throws Exception {
        String base = serve("127.0.0.1", 0, uri -> new Object[] {401, "auth required"});
        Map<String, String> gitEnv = env("direct");
        ProcessBuilder pb = new ProcessBuilder("git", "ls-remote", base + "/repo").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(VcsPing.commandEnvironment(gitEnv));
        Process p = pb.start();
        String stderr = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        assertThat(stderr).contains("terminal prompts disabled");
        // cmd/go wraps git's stderr like this (codehost.RunError), see GO-MODULES-REFERENCE §9.3
        String message = "git.corp.example/lib@v1.0.0: reading git.corp.example/lib/go.mod at revision v1.0.0: git "
                + "ls-remote -q origin in /cache/vcs/0a1b: exit status 128:\n\t" + stderr + "\nConfirm the import path was "
                + "entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for "
                + "additional information.";
        Diagnosis d = Diagnosis.of(message, GoEnv.load(gitEnv)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.AUTHENTICATION);
        assertThat(d.summary()).startsWith("authentication failed for 127.0.0.1 ");
        assertThat(d.fix()).contains("`machine 127.0.0.1 login <user> password <token>` in " + tmp.resolve("home/.netrc"))
                .contains("add git.corp.example to GOPRIVATE");
    }

    @Test
    void theGoCommandsOwnAuthenticationFailureIsRecognised() throws Exception {
        String ip = "127." + ThreadLocalRandom.current().nextInt(2, 250) + "." + ThreadLocalRandom.current().nextInt(2, 250)
                + "." + ThreadLocalRandom.current().nextInt(2, 250);
        assumeThat(canBind(ip, 80)).as("needs permission to bind port 80 of a loopback address").isTrue();
        serve(ip, 80, uri -> uri.contains("go-get=1")
                ? new Object[] {200, "<meta name=go-import content=\"" + ip + "/priv git http://" + ip + "/repo\">",
                        "text/html"}
                : new Object[] {401, "auth required"});
        Map<String, String> env = env("direct");
        env.put("GOINSECURE", ip);
        String message = goError(env, ip + "/priv@v1.0.0");
        assertThat(message).contains("terminal prompts disabled");
        Diagnosis d = Diagnosis.of(message, GoEnv.load(env)).orElseThrow();
        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.AUTHENTICATION);
        assertThat(d.summary()).startsWith("authentication failed for " + ip + " ");
    }

    private static boolean canBind(String ip, int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com/a@v1.0.0: reading https://proxy.golang.org/example.com/a/@v/v1.0.0.info: 410 Gone",
        "example.com/a@v1.0.0: verifying module: example.com/a@v1.0.0: reading https://sum.golang.org/lookup/example.com/a@v1.0.0: 404 Not Found\n\tserver response: not found",
    })
    void publicServersAnsweringNotFoundPointAtGoprivate(String message) {
        GoEnv env = GoEnv.load(GoTool.pinnedEnv(tmp, "direct"));
        Diagnosis d = Diagnosis.of(message, env).orElseThrow();
        assertThat(d.fix()).startsWith("add example.com to GOPRIVATE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com/a@v1.0.0: reading http://127.0.0.1:9/example.com/a/@v/v1.0.0.info: 404 Not Found\n\tserver response: not found: example.com/a@v1.0.0",
        "example.com/a@v1.0.0: Get \"http://127.0.0.1:9/example.com/a/@v/v1.0.0.info\": dial tcp 127.0.0.1:9: connect: connection refused",
        "verifying example.com/a@v1.0.0: checksum mismatch\n\tdownloaded: h1:x\n\tgo.sum:     h1:y",
    })
    void otherFailuresAreNotDiagnosed(String message) {
        GoEnv env = GoEnv.load(GoTool.pinnedEnv(tmp, "direct"));
        assertThat(Diagnosis.of(message, env)).isEmpty();
    }

    @Test
    void aPathAlreadyCoveredIsNotSentAnywhere() {
        Map<String, String> e = GoTool.pinnedEnv(tmp, "direct");
        e.put("GOPRIVATE", "example.com");
        GoEnv env = GoEnv.load(e);
        assertThat(Diagnosis.of("example.com/a@v1.0.0: reading https://proxy.golang.org/example.com/a/@v/v1.0.0.info: "
                + "410 Gone", env)).isEmpty();
    }

    @Test
    void sharedHostsGetAnOwnerPattern() {
        assertThat(Diagnosis.patternFor("github.com/acme/private/v2")).isEqualTo("github.com/acme");
        assertThat(Diagnosis.patternFor("git.corp.example/a/b")).isEqualTo("git.corp.example");
    }
}

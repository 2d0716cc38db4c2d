package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.testing.GoTool;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/// GOAUTH's `git DIR` and command methods, their order, and the settings the go command refuses.
class GoAuthMethodsTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private GoAuth auth(String goauth) {
        Map<String, String> process = new HashMap<>();
        process.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        process.put("HOME", dir.toString());
        process.put("GOENV", "off");
        process.put("NETRC", dir.resolve("netrc").toString());
        process.put("GOAUTH", goauth);
        return GoAuth.fromEnv(GoEnv.load(process));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandRunsWithoutArgumentsFirstAndWithTheUrlAndTheAnswerOnItsInputAfterA4xx() throws Exception {
        Path log = dir.resolve("log");
        Path cmd = script("creds", "echo \"args:$*\" >> " + log + "\ncat >> " + log + "\n"
                + "printf 'https://a.example/private\\nhttps://b.example\\n\\nAuthorization: Bearer tok-%s\\nX-Extra:  two \\n\\n' $#\n");
        GoAuth auth = auth("'" + cmd + "' ");
        URI url = URI.create("https://a.example/private/mod/@v/list");

        assertThat(auth.headers(url)).isEqualTo(Map.of("Authorization", List.of("Bearer tok-0"), "X-Extra", List.of("two")));
        assertThat(auth.headers(URI.create("https://b.example/x")).get("Authorization")).containsExactly("Bearer tok-0");
        assertThat(auth.headers(URI.create("https://a.example/public"))).isEmpty();
        assertThat(auth.headers(URI.create("http://a.example/private"))).isEmpty();
        assertThat(Files.readString(log)).isEqualTo("args:\n");

        auth.afterClientError(url, "HTTP/1.1 401 Unauthorized", Map.of("www-authenticate", List.of("Basic realm=x")));
        assertThat(auth.authorization(url)).contains("Bearer tok-1");
        assertThat(Files.readString(log)).isEqualTo("args:\nargs:" + url + "\nHTTP/1.1 401 Unauthorized\n"
                + "Www-Authenticate: Basic realm=x\n\n");
    }

    @Test
    void earlierMethodsWinForTheSamePrefixAndAnEmptyHeaderBlockRemovesACredential() throws Exception {
        Files.writeString(dir.resolve("netrc"), "machine a.example login n password p\n"
                + "machine c.example login n password p\n");
        Path first = script("first", "printf 'https://a.example\\n\\nAuthorization: Bearer first\\n\\n'\n");
        Path second = script("second", "printf 'https://a.example\\nhttps://b.example\\n\\nAuthorization: Bearer second\\n\\n'\n");
        Path forget = script("forget", "printf 'https://c.example\\n\\n\\n'\n");
        URI a = URI.create("https://a.example/m");

        assertThat(auth(first + ";" + second).authorization(a)).contains("Bearer first");
        assertThat(auth(second + ";" + first).authorization(a)).contains("Bearer second");
        assertThat(auth("netrc;" + first).authorization(a)).contains(basic("n:p"));
        assertThat(auth(first + ";netrc").authorization(a)).contains("Bearer first");
        GoAuth withForget = auth(forget + ";netrc");
        assertThat(withForget.authorization(URI.create("https://c.example/m"))).isEmpty();
        assertThat(withForget.authorization(a)).contains(basic("n:p"));
    }

    @Test
    void aFailingOrMisbehavingCommandContributesNothingButTheOthersStillDo() throws Exception {
        Files.writeString(dir.resolve("netrc"), "machine a.example login n password p\n");
        Path fails = script("fails", "printf 'https://a.example\\n\\nAuthorization: Bearer x\\n\\n'\nexit 3\n");
        Path garbage = script("garbage", "echo 'not a credential'\n");
        URI a = URI.create("https://a.example/m");
        assertThat(auth(fails + ";netrc").authorization(a)).contains(basic("n:p"));
        assertThat(auth(garbage + ";netrc").authorization(a)).contains(basic("n:p"));
        assertThat(auth(dir.resolve("missing") + ";netrc").authorization(a)).contains(basic("n:p"));
    }

    /// The go command's own words, from a run that stops before its first https request.
    @ParameterizedTest
    @ValueSource(strings = {";", "netrc;", "netrc;off", "off;netrc", "git", "git rel/dir", "git /a /b",
        "git NOTADIR", "git MISSING"})
    void settingsTheGoCommandRefusesStopWithItsMessage(String goauth, @TempDir Path scratch) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        String setting = goauth.replace("NOTADIR", file.toString()).replace("MISSING", dir.resolve("missing").toString());
        Map<String, String> env = GoTool.pinnedEnv(scratch, "https://127.0.0.1:1/");
        env.put("GOAUTH", setting);
        env.put("GOFLAGS", "");
        GoTool.Result go = GoTool.run(Files.createDirectories(scratch.resolve("work")), env, "mod", "download",
                "example.com/x@v1.0.0");
        assertThat(go.exitCode()).isEqualTo(1);

        assertThatThrownBy(() -> auth(setting).headers(URI.create("https://example.com/")))
                .isInstanceOf(GoEnvException.class)
                .extracting(e -> "go: " + e.getMessage() + "\n").isEqualTo(go.stderr());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "protocol=https\\nhost=example.com\\nusername=u\\npassword=p\\n | https://example.com | u | p",
        "protocol=https\\nhost=example.com:8443\\npath=org/repo\\nusername=u\\npassword=p\\n | https://example.com:8443/org/repo | u | p",
        "url=https://example.com/x\\nusername=u\\npassword=p=q\\n | https://example.com/x | u | p=q",
        "url=::bad\\nprotocol=https\\nhost=h\\n | https://h | '' | ''",
        "username=u\\npassword=p\\n | '' | u | p",
        "protocol=https\\n | 'https:' | '' | ''",
    })
    void gitCredentialAnswersAreReadAsTheGoCommandReadsThem(String out, String prefix, String user, String password) {
        GitCredential c = GitCredential.parse(out.replace("\\n", "\n"));
        assertThat(c.prefix()).isEqualTo(prefix);
        assertThat(c.username()).isEqualTo(user);
        assertThat(c.password()).isEqualTo(password);
        assertThat(c.toString()).doesNotContain("password").doesNotContain("=q");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://a\\n | invalid format: missing empty line after URLs",
        "https://a\\n\\nAuthorization: x\\n | invalid format: missing empty line after headers",
        "https://a\\n\\nAuthorization x\\n\\n | invalid format: invalid header line",
        "https://a\\n\\nBad Name: x\\n\\n | invalid format: invalid header line",
        "not a url\\n\\nAuthorization: x\\n\\n | could not parse URL not a url",
    })
    void malformedCommandOutputIsRefused(String out, String message) {
        assertThatThrownBy(() -> AuthCommand.parse(out.replace("\\n", "\n"))).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cmd a b | [cmd, a, b]",
        "  cmd\t'a b'  \"c 'd\" | [cmd, a b, c 'd]",
        "cmd x'y z' | [cmd, x'y, z']",
    })
    void commandsAreSplitAsTheGoCommandSplitsThem(String command, String words) throws Exception {
        assertThat(AuthCommand.split(command).toString()).isEqualTo(words);
    }

    @Test
    void onARedirectToAnotherDomainOnlyTheSensitiveHeadersStayBehind() {
        Map<String, List<String>> h = Map.of("Authorization", List.of("Bearer x"), "Cookie", List.of("c"),
                "X-Token", List.of("t"));
        assertThat(GoAuth.forRedirect(URI.create("https://a.example/x"), URI.create("https://cdn.example/y"), h))
                .isEqualTo(Map.of("X-Token", List.of("t")));
        assertThat(GoAuth.forRedirect(URI.create("https://a.example/x"), URI.create("https://s.a.example/y"), h))
                .isEqualTo(h);
    }

    @Test
    void theSettingIsShownWithoutTheCommandsArguments() {
        assertThat(auth("netrc;git /srv/repo;/bin/helper --token=s3cret").toString())
                .isEqualTo("GOAUTH=netrc;git;command");
    }
}

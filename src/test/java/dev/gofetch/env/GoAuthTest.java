package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoAuthTest {
    private static final GoAuth AUTH = GoAuth.of(Netrc.parse("""
            machine api.github.com login user password pwd
            machine test.host login user2 password pwd2
            machine https://prefixed.example/ login user3 password pwd3
            machine example.org/private login user4 password pwd4
            machine example.org:8443 login user5 password pwd5
            machine twice.example login first password one
            machine twice.example login second password two
            """));

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /// Vectors after cmd/go/internal/auth's TestCredentialCache, plus the port and scheme rules.
    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "https://api.github.com, user:pwd",
        "https://api.github.com/, user:pwd",
        "https://api.github.com/foo, user:pwd",
        "https://api.github.com/foo/bar/baz, user:pwd",
        "https://example.com/abc, none",
        "https://example.com/?/../api.github.com/, none",
        "https://example.com/../api.github.com, none",
        "https://prefixed.example/x, user3:pwd3",
        "https://example.org/private/repo, user4:pwd4",
        "https://example.org/public/repo, none",
        "https://example.org:8443/public/repo, user5:pwd5",
        "https://test.host:443/x, none",
        "http://api.github.com/foo, none",
        "https://twice.example/, first:one",
        "https://API.github.com/, none",
    })
    void credentialsBelongToAUrlPrefixAndToHttpsOnly(String url, String pair) {
        assertThat(AUTH.authorization(URI.create(url)).orElse(null)).isEqualTo(pair == null ? null : basic(pair));
    }

    /// net/http's shouldCopyHeaderOnRedirect: same host:port, or the same domain or a subdomain.
    @ParameterizedTest
    @CsvSource({
        "https://example.com/a, https://example.com/b, true",
        "https://example.com/a, https://sub.example.com/b, true",
        "https://example.com/a, https://example.com:8443/b, true",
        "https://example.com:8443/a, https://example.com:8443/b, true",
        "https://sub.example.com/a, https://example.com/b, false",
        "https://example.com/a, https://notexample.com/b, false",
        "https://example.com/a, https://example.org/b, false",
        "https://[::1]:1/a, https://[::1]:2/b, true",
        "https://127.0.0.1:1/a, https://127.0.0.2:1/b, false",
    })
    void authorizationFollowsRedirectsToTheSameDomainOnly(String first, String next, boolean kept) {
        assertThat(GoAuth.keepsAuthorization(URI.create(first), URI.create(next))).isEqualTo(kept);
    }

    @Test
    void goauthOffOrUnsetHomeMeansNoCredentialsAndNetrcIsReadFromNetrcOrHome(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(".netrc"), "machine example.com login u password p\n");
        Path other = home.resolve("other-netrc");
        Files.writeString(other, "machine example.com login o password q\n");
        URI url = URI.create("https://example.com/x");
        Map<String, String> process = new HashMap<>(Map.of("HOME", home.toString(), "GOENV", "off"));

        assertThat(GoAuth.fromEnv(GoEnv.load(process)).authorization(url)).contains(basic("u:p"));
        process.put("NETRC", other.toString());
        assertThat(GoAuth.fromEnv(GoEnv.load(process)).authorization(url)).contains(basic("o:q"));
        process.put("GOAUTH", "off");
        GoAuth off = GoAuth.fromEnv(GoEnv.load(process));
        assertThat(off.isOff()).isTrue();
        assertThat(off.authorization(url)).isEmpty();
        process.put("GOAUTH", "git " + home);
        assertThat(GoAuth.fromEnv(GoEnv.load(process)).authorization(url)).isEmpty();
        process.put("GOAUTH", "git " + home + "; netrc");
        assertThat(GoAuth.fromEnv(GoEnv.load(process)).authorization(url)).contains(basic("o:q"));
        process.put("NETRC", home.resolve("missing").toString());
        assertThat(GoAuth.fromEnv(GoEnv.load(process)).authorization(url)).isEmpty();
        assertThat(GoAuth.fromEnv(GoEnv.load(process)).toString()).doesNotContain("q");
    }

    @Test
    void theNetrcFileIsReadOnceWhenFirstAskedNotWhenLoaded(@TempDir Path home) throws Exception {
        Path netrc = home.resolve(".netrc");
        GoAuth auth = GoAuth.fromEnv(GoEnv.load(Map.of("HOME", home.toString(), "GOENV", "off")));
        Files.writeString(netrc, "machine example.com login u password p\n");
        URI url = URI.create("https://example.com/x");
        assertThat(auth.authorization(url)).contains(basic("u:p"));
        Files.writeString(netrc, "machine example.com login v password w\n");
        assertThat(auth.authorization(url)).contains(basic("u:p"));
    }
}

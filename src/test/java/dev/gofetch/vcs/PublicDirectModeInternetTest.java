package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/// Real public modules fetched straight from their repositories (GOPROXY=direct): go-get discovery on
/// the real hosts, then git. The go command and gofetch each download on a fresh cache; versions,
/// hashes and origins must agree (and where the origin cannot be reached, the errors). Needs the
/// internet: run with `-Dgofetch.internet`.
@Tag("internet")
class PublicDirectModeInternetTest {
    @TempDir
    Path tmp;

    Map<String, String> env(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tmp.resolve(name + "/home").toString());
        env.put("GOPATH", tmp.resolve(name + "/gopath").toString());
        env.put("GOMODCACHE", tmp.resolve(name + "/modcache").toString());
        env.put("GOCACHE", tmp.resolve(name + "/gocache").toString());
        env.put("GOENV", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOPROXY", "direct");
        env.put("GOSUMDB", "sum.golang.org");
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rsc.io/quote@v1.5.2", // a vanity path: go-get discovery, then github
        "github.com/google/uuid@v1.1.1", // a known host
        "golang.org/x/mod@v0.1.0", // go.googlesource.com behind a go-import tag
        "rsc.io/quote@v1.5.3-pre1",
    })
    void directDownloadsAgreeWithTheGoCommand(String query) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        GoTool.Result go = GoTool.run(work, env("go"), "mod", "download", "-json", query);
        GoTool.Result ours = GofetchRunner.run(work, env("gofetch"), "download", "-json", query);
        assertThat(ours.exitCode()).as(ours.stderr()).isEqualTo(go.exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode g = json.readTree(go.stdout());
        JsonNode o = json.readTree(ours.stdout());
        System.out.println("go:      " + g);
        System.out.println("gofetch: " + o);
        for (String field : new String[] {"Path", "Version", "Sum", "GoModSum"}) {
            assertThat(o.path(field)).as(field).isEqualTo(g.path(field));
        }
        // Where the origin cannot be reached, the errors agree but for each tool's own cache directory
        // and the DNS server the go command names (the JDK does not know it).
        assertThat(o.path("Error").asText().replace(tmp + "/gofetch/", "<cache>/"))
                .isEqualTo(g.path("Error").asText().replace(tmp + "/go/", "<cache>/").replaceAll(" on [0-9.:]+:53:", ":"));
        assertThat(o.path("Origin")).as("Origin").isEqualTo(g.path("Origin"));
    }
}

package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.ProxyTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A go-import `mod` tag's URL serves its one path over the GOPROXY protocol.
class ModServerRepoTest {
    @TempDir
    Path tmp;

    @Test
    void aModTagsServerAnswersForThePath() throws Exception {
        ProxyTree tree = new ProxyTree(tmp.resolve("p"));
        tree.add("go.corp.example/m", "v1.2.0", Instant.parse("2024-01-01T00:00:00Z"), "module go.corp.example/m\n", Map.of());
        try (LabServer server = LabServer.start(tree.root())) {
            ModuleProxy proxy = new ModuleProxy(ProxyList.parse("direct", ""), "", Transport.createDefault());
            ProxyRepo repo = proxy.modServerRepo(server.baseUri().toString(), "go.corp.example/m");
            assertThat(new String(repo.goMod("v1.2.0"), StandardCharsets.UTF_8)).isEqualTo("module go.corp.example/m\n");
            assertThat(repo.versions()).containsExactly("v1.2.0");
        }
    }

    @Test
    void onlyHttpAndHttpsServersAreUsable() throws Exception {
        ModuleProxy proxy = new ModuleProxy(ProxyList.parse("direct", ""), "", Transport.createDefault());
        assertThatThrownBy(() -> proxy.modServerRepo("ftp://mods.corp.example/", "go.corp.example/m"))
                .hasMessage("module go.corp.example/m: invalid proxy URL scheme (must be https, http, file): "
                        + "ftp://mods.corp.example/");
    }
}

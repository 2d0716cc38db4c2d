package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.ProxyTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleProxyTest {
    @TempDir
    Path tmp;

    @Test
    void anUnreachableMirrorInAPipeGroupIsTriedLastAfterItsFirstFailure() throws Exception {
        ProxyTree tree = new ProxyTree(tmp.resolve("p"));
        tree.add("example.com/a", "v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), "module example.com/a\n", Map.of());
        tree.add("example.com/b", "v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), "module example.com/b\n", Map.of());
        String dead = "http://127.0.0.1:1";
        ModuleProxy proxy = new ModuleProxy(ProxyList.parse(dead + "|" + tree.goproxy() + ",off", ""), "",
                Transport.createDefault());
        assertThat(proxy.ordered().get(0).text()).isEqualTo(dead);

        Fetched<byte[]> first = proxy.goMod("example.com/a", "v1.0.0");
        assertThat(first.mirror()).startsWith("file:");
        assertThat(proxy.ordered()).extracting(ProxyList.Entry::text)
                .containsExactly(tree.goproxy().replaceAll("/$", "/"), dead, "off");
        // The reordered group still means "any of these": the dead one keeps falling through.
        assertThat(proxy.ordered().get(0).fallBackOnError()).isTrue();
        assertThat(proxy.goMod("example.com/b", "v1.0.0").mirror()).startsWith("file:");
    }

    @Test
    void commaSeparatedEntriesKeepTheirOrder() throws Exception {
        ModuleProxy proxy = new ModuleProxy(ProxyList.parse("http://127.0.0.1:1,file:///nonexistent", ""), "",
                Transport.createDefault());
        try {
            proxy.goMod("example.com/a", "v1.0.0");
        } catch (ModuleFetchException expected) {
            assertThat(expected).hasMessageContaining("connection refused");
        }
        assertThat(proxy.ordered()).extracting(ProxyList.Entry::text)
                .containsExactly("http://127.0.0.1:1", "file:///nonexistent");
    }
}

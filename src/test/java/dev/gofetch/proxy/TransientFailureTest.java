package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.ProxyTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Metadata requests survive a mirror's hiccups (a few 5xx, a truncated body) but still fail, in the
/// go command's words, when the mirror keeps failing.
class TransientFailureTest {
    @TempDir
    Path tmp;

    private ProxyTree tree() throws Exception {
        ProxyTree t = new ProxyTree(tmp.resolve("p"));
        t.add("example.com/a", "v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), "module example.com/a\n", Map.of());
        return t;
    }

    @Test
    void twoServerErrorsInARowAreRetried() throws Exception {
        try (LabServer lab = LabServer.builder(tree().root()).faults(Faults.parse("5xx=2")).start()) {
            ModuleProxy proxy = new ModuleProxy(ProxyList.parse(lab.baseUri().toString(), ""), "", Transport.createDefault());
            assertThat(new String(proxy.goMod("example.com/a", "v1.0.0").value())).isEqualTo("module example.com/a\n");
            assertThat(lab.exchanges()).hasSize(3);
        }
    }

    @Test
    void aMirrorThatKeepsFailingIsReportedAsTheGoCommandWouldAfterThreeTries() throws Exception {
        try (LabServer lab = LabServer.builder(tree().root()).faults(Faults.parse("5xx=10")).start()) {
            ModuleProxy proxy = new ModuleProxy(ProxyList.parse(lab.baseUri().toString(), ""), "", Transport.createDefault());
            try {
                proxy.goMod("example.com/a", "v1.0.0");
                throw new AssertionError("expected a failure");
            } catch (ModuleFetchException e) {
                assertThat(e.getMessage()).startsWith("example.com/a@v1.0.0: reading " + lab.baseUri()
                        + "example.com/a/@v/v1.0.0.mod: 503 Service Unavailable");
            }
            assertThat(lab.exchanges()).hasSize(3);
        }
    }

    @Test
    void notFoundIsNotRetried() throws Exception {
        try (LabServer lab = LabServer.start(tree().root())) {
            ModuleProxy proxy = new ModuleProxy(ProxyList.parse(lab.baseUri().toString(), ""), "", Transport.createDefault());
            try {
                proxy.goMod("example.com/a", "v9.0.0");
            } catch (ModuleFetchException e) {
                assertThat(e.isNotFound()).isTrue();
            }
            assertThat(lab.exchanges()).hasSize(1);
        }
    }
}

package dev.gofetch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import dev.gofetch.ui.graph.TextMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoResolvesAndDownloadsFromTheLabMirrorAndStopsItWhenAnotherProjectOpens() throws Exception {
        // The user's settings point nowhere useful: the demo must not depend on them.
        Engine engine = Engine.of(Map.of("HOME", tmp.resolve("home").toString(), "GOPATH", tmp.resolve("gopath").toString(),
                "GOPROXY", "off", "GOENV", "off"));
        MainViewModel vm = new MainViewModel(engine, UiBridge.direct(), Runnable::run,
                new AppSettings(new MemoryPreferences()), TextMetrics.fixed(7));
        vm.demoFaults("latency=5ms");

        vm.openFromArguments(java.util.List.of("--demo"), tmp);

        String proxy = vm.demoProxy();
        assertThat(proxy).startsWith("http://127.0.0.1:");
        assertThat(vm.projectProperty().get()).isNotNull();
        assertThat(vm.graph().getSnapshot().nodes()).hasSizeGreaterThan(5);
        assertThat(vm.downloads().rows()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.phase()).as(r.module().toString()).isEqualTo(DownloadsViewModel.Phase.DONE));
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.DOWNLOADS);
        assertThat(vm.modCacheProperty().get()).contains("gofetch-demo-");
        Path demoRoot = Path.of(vm.modCacheProperty().get()).getParent();

        Path other = TestProjects.standard(tmp.resolve("other"));
        vm.open(other);

        assertThat(vm.demoProxy()).isEmpty();
        assertThat(Files.exists(demoRoot)).as("demo files deleted").isFalse();
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(proxy + "/")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(java.io.IOException.class);
    }
}

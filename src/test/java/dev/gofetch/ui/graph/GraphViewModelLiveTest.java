package dev.gofetch.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.TestProjects;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The graph fills in while resolution runs: a loopback GOPROXY holds back one go.mod, and the nodes
/// already read show up (with the held one resolving) before resolution finishes.
class GraphViewModelLiveTest {
    @TempDir
    Path tmp;

    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop(0);
        }
        uiThread.shutdownNow();
        background.shutdownNow();
        // A cancelled resolution may still be finishing its writes to the module cache; let it end
        // before the temporary directory is deleted.
        background.awaitTermination(10, TimeUnit.SECONDS);
    }

    private <T> T onUi(Callable<T> c) throws Exception {
        return uiThread.submit(c).get(10, TimeUnit.SECONDS);
    }

    private void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onUi(condition)) {
            assertThat(System.nanoTime()).as("waiting for the graph").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void nodesAppearAsGoModFilesArrive() throws Exception {
        Path app = TestProjects.standard(tmp);
        Path root = tmp.resolve("proxy");
        CountDownLatch release = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring(1);
            try {
                if (path.equals("golang.org/x/text/@v/v0.3.0.mod")) {
                    release.await(20, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Path file = root.resolve(path).normalize();
            byte[] body = file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp, url));
        GraphViewModel vm = onUi(() -> new GraphViewModel(engine, new UiBridge(uiThread), background, TextMetrics.fixed(7)));

        onUi(() -> {
            vm.resolve(app);
            return null;
        });
        await(() -> {
            GraphSnapshot s = vm.getSnapshot();
            return s.node("example.com/lib@v1.2.0") != null
                    && s.node("example.com/lib@v1.2.0").state() == NodeState.RESOLVED
                    && s.node("golang.org/x/text@v0.3.0") != null
                    && s.node("golang.org/x/text@v0.3.0").state() == NodeState.RESOLVING;
        });
        assertThat(onUi(() -> vm.runningProperty().get())).isTrue();
        assertThat(onUi(() -> vm.progressProperty().get())).isEqualTo(-1.0);
        assertThat(onUi(() -> vm.statusProperty().get())).startsWith("Resolving example.com/app: ")
                .containsPattern("[1-9][0-9]* in flight");

        release.countDown();
        await(() -> !vm.runningProperty().get());
        assertThat(onUi(() -> vm.getSnapshot().node("golang.org/x/text@v0.3.0").state())).isEqualTo(NodeState.RESOLVED);
        assertThat(onUi(() -> vm.getSnapshot().nodes().size())).isEqualTo(7);
    }

    @Test
    void cancellingStopsAHangingResolutionAndKeepsWhatWasLoaded() throws Exception {
        Path app = TestProjects.standard(tmp);
        CountDownLatch never = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Path root = tmp.resolve("proxy");
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring(1);
            if (path.startsWith("example.com/util/")) {
                try {
                    never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Path file = root.resolve(path).normalize();
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        Engine engine = Engine.of(GoTool.pinnedEnv(tmp, "http://127.0.0.1:" + server.getAddress().getPort()));
        GraphViewModel vm = onUi(() -> new GraphViewModel(engine, new UiBridge(uiThread), background, TextMetrics.fixed(7)));
        onUi(() -> {
            vm.resolve(app);
            return null;
        });
        await(() -> vm.getSnapshot().node("example.com/lib@v1.2.0") != null
                && vm.getSnapshot().node("example.com/lib@v1.2.0").state() == NodeState.RESOLVED);
        onUi(() -> {
            vm.cancel();
            return null;
        });
        assertThat(onUi(() -> vm.runningProperty().get())).isFalse();
        assertThat(onUi(() -> vm.statusProperty().get())).isEqualTo("Resolution cancelled");
        assertThat(onUi(() -> vm.getSnapshot().node("example.com/util@v1.1.0").state())).isEqualTo(NodeState.RESOLVING);
        never.countDown();
    }

}

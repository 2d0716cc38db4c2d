package dev.gofetch.ui;

import dev.gofetch.cache.CacheTree;
import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/// The demo: a generated module universe served by the built-in lab mirror on loopback, with a few
/// faults so that retries and per-range progress are visible, and the Go settings that point the app
/// at it (its own module cache in the same scratch directory). Works without internet.
final class DemoLab implements AutoCloseable {
    /// Some latency, an occasional 503, and a per-connection rate so progress can be watched.
    static final String FAULTS = "latency=30ms,5xx=0.03,rate=384k";
    /// The second mirror (after `|`, so any error of the first falls through to it): steadier and slower.
    static final String SECOND_FAULTS = "latency=60ms,rate=256k";

    private final Path dir;
    private final LabServer server;
    private final LabServer second;
    private final Path mainModule;

    private DemoLab(Path dir, LabServer server, LabServer second, Path mainModule) {
        this.dir = dir;
        this.server = server;
        this.second = second;
        this.mainModule = mainModule;
    }

    /// Generates the universe under a new temporary directory and starts the mirror. Blocking I/O.
    static DemoLab start(String faults) throws IOException {
        Path dir = Files.createTempDirectory("gofetch-demo-");
        try {
            UniverseSpec spec = UniverseSpec.builder().seed(2024).modulePaths(40).versionsPerPath(2).mainModules(1)
                    .requirementsPerModule(2.5).ghostRequirements(0)
                    .zipSizes(new UniverseSpec.ZipSizes(48 << 10, 0.3, 300 << 10, 1500 << 10, 0.05, 2 << 20, 3 << 20))
                    .build();
            Universe u = UniverseGenerator.generate(spec, dir.resolve("universe"));
            LabServer server = LabServer.builder(u.proxy().root()).faults(Faults.parse(faults)).start();
            LabServer second;
            try {
                second = LabServer.builder(u.proxy().root()).faults(Faults.parse(SECOND_FAULTS)).start();
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return new DemoLab(dir, server, second, u.mainModules().get(0));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    Path mainModule() {
        return mainModule;
    }

    /// The first mirror's address (the one the demo's faults apply to).
    String goproxy() {
        return server.baseUri().toString().replaceFirst("/$", "");
    }

    /// The Go settings the demo runs with, over the user's own.
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOPROXY", goproxy() + "|" + second.baseUri().toString().replaceFirst("/$", ""));
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOMODCACHE", dir.resolve("modcache").toString());
        env.put("GONOPROXY", "");
        env.put("GOPRIVATE", "");
        env.put("GONOSUMDB", "");
        env.put("GOINSECURE", "");
        env.put("GOWORK", "off");
        env.put("GOTOOLCHAIN", "local");
        return env;
    }

    /// Stops the mirror and deletes the scratch directory (the module cache in it is read-only).
    @Override
    public void close() {
        server.close();
        second.close();
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        try {
            CacheTree.removeAll(dir);
        } catch (IOException | RuntimeException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }
}

package dev.gofetch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// A generated universe served by a LabServer, and a bundle made from all of its main modules with
/// `gofetch bundle create`. The server is closed once the bundle is written: from then on no mirror
/// is reachable.
final class BundleFixture {
    final Universe universe;
    final Path bundle;
    final GoTool.Result created;

    private BundleFixture(Universe universe, Path bundle, GoTool.Result created) {
        this.universe = universe;
        this.bundle = bundle;
        this.created = created;
    }

    static BundleFixture create(UniverseSpec spec, Path dir, String... extraArgs) throws IOException {
        Universe u = UniverseGenerator.generate(spec, dir.resolve("universe"));
        Path bundle = dir.resolve("bundle.tar");
        GoTool.Result r;
        try (LabServer lab = LabServer.start(u.proxy().root())) {
            r = create(u, lab.baseUri().toString(), dir.resolve("creator"), bundle, extraArgs);
        }
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return new BundleFixture(u, bundle, r);
    }

    /// Runs `gofetch bundle create -o bundle -C m0 -C m1 ... extraArgs` with its own module cache.
    static GoTool.Result create(Universe u, String goproxy, Path scratch, Path bundle, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("bundle", "create", "-o", bundle.toString()));
        for (Path m : u.mainModules()) {
            args.add("-C");
            args.add(m.toString());
        }
        args.addAll(List.of(extraArgs));
        return GofetchRunner.run(u.root(), goEnv(scratch, goproxy), args.toArray(String[]::new));
    }

    /// An environment with a fresh module cache and no mirror at all.
    static Map<String, String> offline(Path scratch) {
        Map<String, String> env = goEnv(scratch, "off");
        env.put("GOFLAGS", "-mod=mod");
        return env;
    }

    /// {@link GoTool#pinnedEnv} with the go command's telemetry kept out of the test's directory: its
    /// upload child can outlive the go command and write there while JUnit deletes the directory.
    static Map<String, String> goEnv(Path scratch, String goproxy) {
        Map<String, String> env = new HashMap<>(GoTool.pinnedEnv(scratch, goproxy));
        env.put("XDG_CONFIG_HOME", Path.of(System.getProperty("java.io.tmpdir"), "gofetch-test-config").toString());
        return env;
    }
}

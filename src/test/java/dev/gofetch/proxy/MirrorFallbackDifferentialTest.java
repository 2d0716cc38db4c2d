package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.Faults;
import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.Universe;
import dev.gofetch.lab.UniverseGenerator;
import dev.gofetch.lab.UniverseSpec;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import dev.gofetch.testing.TreeCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// GOPROXY lists with failing mirrors, served over loopback HTTP: the go command and gofetch must
/// succeed or fail alike, print the same build list, and word errors the same way.
class MirrorFallbackDifferentialTest {
    @TempDir
    static Path tmp;
    static Universe universe;
    static Map<String, LabServer> servers = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        universe = UniverseGenerator.generate(UniverseSpec.builder().seed(21).plain().uppercase(0.3).build(),
                tmp.resolve("u"));
        Path root = universe.proxy().root();
        servers.put("GOOD", LabServer.start(root));
        servers.put("P403", LabServer.builder(root).faults(Faults.parse("status:/=403")).start());
        servers.put("P404", LabServer.builder(root).faults(Faults.parse("status:/=404")).start());
        servers.put("P410", LabServer.builder(root).faults(Faults.parse("status:/=410")).start());
        servers.put("P500", LabServer.builder(root).faults(Faults.parse("status:/=500")).start());
        servers.put("LOOP", LabServer.builder(root).faults(Faults.parse("redirect-loop:/")).start());
        servers.put("HTML", LabServer.builder(root).faults(Faults.parse("html:/")).start());
        LabServer refused = LabServer.builder(root).faults(Faults.parse("refuse")).start();
        servers.put("REFUSED", refused);
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(LabServer::close);
    }

    private static String expand(String template) {
        String s = template;
        for (Map.Entry<String, LabServer> e : servers.entrySet()) {
            s = s.replace(e.getKey(), e.getValue().baseUri().toString().replaceAll("/$", ""));
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "P404,GOOD", "P410,GOOD", "P403,GOOD", "P403|GOOD", "P500,GOOD", "P500|GOOD", "P404,off",
            "P404,P410", "off", "REFUSED,GOOD", "REFUSED|GOOD", "LOOP,GOOD", "LOOP|GOOD", "HTML|GOOD", "P404|P403,GOOD",
    })
    void fallbackFollowsTheGoCommand(String template, @TempDir Path scratch) {
        String goproxy = expand(template);
        Path main = universe.mainModules().get(0);
        Path goDir = TreeCopy.copy(main.getParent(), scratch.resolve("go")).resolve(main.getFileName().toString());
        Path ourDir = TreeCopy.copy(main.getParent(), scratch.resolve("ours")).resolve(main.getFileName().toString());
        Map<String, String> goEnv = GoTool.pinnedEnv(scratch.resolve("go-env"), goproxy);
        Map<String, String> ourEnv = GoTool.pinnedEnv(scratch.resolve("our-env"), goproxy);
        GoTool.Result want = GoTool.run(goDir, goEnv, "list", "-m", "all");
        GoTool.Result got = GofetchRunner.run(ourDir, ourEnv, "list");
        String ctx = "\nGOPROXY=" + goproxy + "\n--- go stderr:\n" + want.stderr() + "--- gofetch stderr:\n" + got.stderr();
        assertThat(got.exitCode() == 0).as("success" + ctx).isEqualTo(want.exitCode() == 0);
        assertThat(got.stdout()).as("stdout" + ctx).isEqualTo(want.stdout());
        assertThat(normalize(got.stderr())).as("error" + ctx).isEqualTo(normalize(want.stderr()));
    }

    /// Messages without the program's name; gofetch's extra "served by" line (which mirror sent the
    /// bytes) is an intended addition to the go command's security error.
    private static String normalize(String s) {
        List<String> lines = s.lines()
                .map(l -> l.replaceFirst("^(go|gofetch): ", ""))
                .filter(l -> !l.startsWith("\tserved by:"))
                .toList();
        return String.join("\n", lines);
    }
}

package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadFlagsTest {
    @TempDir
    Path tmp;

    @Test
    void traceAndXShowEveryRequestAndConnectionsIsChecked() throws Exception {
        ProxyTree tree = new ProxyTree(tmp.resolve("proxy"));
        tree.add("example.com/t", "v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), "module example.com/t\n",
                Map.of("t.go", "package t\n"));
        try (LabServer lab = LabServer.start(tree.root())) {
            Map<String, String> env = GoTool.pinnedEnv(tmp.resolve("env"), lab.baseUri().toString());
            Path out = Files.createDirectories(tmp.resolve("out"));
            GoTool.Result r = GofetchRunner.run(out, env, "download", "-x", "-trace", "trace.jsonl", "-connections", "2",
                    "example.com/t@v1.0.0");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("# get " + lab.baseUri() + "example.com/t/@v/v1.0.0.info")
                    .containsPattern("# get \\S+v1\\.0\\.0\\.info: 200 OK \\(\\d+\\.\\d{3}s\\)");
            String trace = Files.readString(out.resolve("trace.jsonl"));
            assertThat(trace.lines()).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
            assertThat(trace).contains("example.com/t@v1.0.0 zip");

            GoTool.Result bad = GofetchRunner.run(out, env, "download", "-connections", "0", "example.com/t@v1.0.0");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.stderr()).contains("flag -connections");
        }
    }
}

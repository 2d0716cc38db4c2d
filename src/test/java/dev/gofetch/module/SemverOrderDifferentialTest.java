package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Proves our version order against the real go command: a file:// GOPROXY serves a module whose
/// `@v/list` holds tricky tags in random order, and `go list -m -versions` must print them in exactly
/// the order {@link Semver#sort} gives.
class SemverOrderDifferentialTest {
    private static final String MODULE = "example.com/Versions"; // upper case exercises escaping too

    private static final List<String> TAGS = List.of(
            "v0.0.1", "v0.1.0", "v0.9.0", "v0.10.0", "v0.10.1-alpha",
            "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta", "v1.0.0-beta.2",
            "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0-rc1", "v1.0.0-rc10", "v1.0.0-rc2",
            "v1.0.0-0", "v1.0.0-1", "v1.0.0-10", "v1.0.0-2", "v1.0.0-a-b",
            "v1.0.0-A", "v1.0.0-Z.1", "v1.0.0-x.7.z.92", "v1.0.0-1.2.3", "v1.0.0",
            "v1.0.1", "v1.0.10", "v1.0.9", "v1.1.0-pre", "v1.1.0",
            "v1.2.0-0.1", "v1.2.0-0.a", "v1.9.0", "v1.10.0", "v1.10.0-rc.1",
            "v1.100.0", "v1.11.0", "v1.2.3-alpha.10", "v1.2.3-alpha.9", "v1.2.3-alpha.10.1",
            "v1.2.3-beta-1", "v1.2.3-beta.1", "v1.2.3-99999999999999999999", "v1.2.3-100000000000000000000");

    @Test
    void goListVersionsPrintsTagsInOurSemverOrder(@TempDir Path tmp) throws IOException {
        List<String> shuffled = new ArrayList<>(TAGS);
        Collections.shuffle(shuffled, new Random(7));
        Path proxy = tmp.resolve("proxy");
        Path versionDir = proxy.resolve(ModulePath.escapePath(MODULE)).resolve("@v");
        Files.createDirectories(versionDir);
        Files.writeString(versionDir.resolve("list"), String.join("\n", shuffled) + "\n");
        for (String v : shuffled) {
            String file = ModulePath.escapeVersion(v);
            Files.writeString(versionDir.resolve(file + ".info"), "{\"Version\":\"" + v + "\"}\n");
            Files.writeString(versionDir.resolve(file + ".mod"), "module " + MODULE + "\n");
        }
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n");
        Map<String, String> env = GoTool.pinnedEnv(tmp, proxy.toUri().toString());
        env.put("GO111MODULE", "on");

        String out = GoTool.run(work, env, "list", "-m", "-versions", MODULE).requireSuccess().stdout().strip();

        List<String> ours = new ArrayList<>(shuffled);
        Semver.sort(ours);
        List<String> fields = Arrays.asList(out.split(" "));
        assertThat(fields.get(0)).isEqualTo(MODULE);
        assertThat(fields.subList(1, fields.size())).containsExactlyElementsOf(ours);
    }
}

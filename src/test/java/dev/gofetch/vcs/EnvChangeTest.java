package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The settings fix writes the Go env file byte for byte as `go env -w GOPRIVATE=...` does.
class EnvChangeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "GOPROXY=https://mirror.example\n",
        "GOPRIVATE=a.example\nGOPROXY=direct\nGOPRIVATE=b.example\n",
        "# team settings\nGOSUMDB=off\nGOFLAGS=-mod=mod\n\nZZZ=1\nAAA=2\nGOPRIVATE=x",
        "not a setting\nGOPRIVATE=a.example",
        "GO#X=1\nGOPRIVATE=\n",
    })
    void writesWhatGoEnvWriteWrites(String before) throws Exception {
        Path ours = tmp.resolve("ours/env");
        Path theirs = tmp.resolve("theirs/env");
        Files.createDirectories(ours.getParent());
        Files.createDirectories(theirs.getParent());
        Files.writeString(ours, before);
        Files.writeString(theirs, before);
        Map<String, String> env = GoTool.pinnedEnv(tmp, "direct");
        env.remove("GOPRIVATE");
        env.put("GOENV", theirs.toString());
        GoTool.run(tmp, env, "env", "-w", "GOPRIVATE=a.example,git.corp.example").requireSuccess();
        new Diagnosis.EnvChange("GOPRIVATE", "git.corp.example", "a.example,git.corp.example", ours).apply();
        assertThat(Files.readString(ours)).isEqualTo(Files.readString(theirs));
    }
}

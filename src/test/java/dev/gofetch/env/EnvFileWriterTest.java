package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// What the differential test cannot pass through a process's argument list, and the reading side.
class EnvFileWriterTest {
    @TempDir
    Path tmp;

    private EnvFileWriter writer(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", tmp.resolve("home").toString(),
                "GOPATH", tmp.resolve("gopath").toString(), "GOENV", tmp.resolve("env").toString()));
        env.putAll(extra);
        return EnvFileWriter.of(GoEnv.load(env));
    }

    @Test
    void valuesGoCannotStoreAreRefused() {
        EnvFileWriter w = writer(Map.of());
        assertThatThrownBy(() -> w.set(List.of("GOPRIVATE=a\u0000b"), x -> { }))
                .hasMessage("invalid NUL in GOPRIVATE=... value");
        assertThatThrownBy(() -> w.set(List.of("GOPRIVATE=a\ud800b"), x -> { }))
                .hasMessage("invalid UTF-8 in GOPRIVATE=... value");
        assertThatThrownBy(() -> w.set(List.of("GOOS=plan9"), x -> { })).hasMessageStartingWith("GOOS is not written by gofetch");
        assertThat(tmp.resolve("env")).doesNotExist();
    }

    @Test
    void writtenValuesAreReadBackAsTheGoCommandReadsThem() throws Exception {
        EnvFileWriter w = writer(Map.of("GOPROXY", "https://env.example"));
        List<String> warnings = new ArrayList<>();
        w.set(List.of("GOPROXY=https://file.example", "GOPRIVATE=*.corp.example"), warnings::add);

        assertThat(warnings).containsExactly(EnvFileWriter.overrideWarning("GOPROXY"));
        assertThat(w.values()).containsExactly(Map.entry("GOPRIVATE", "*.corp.example"),
                Map.entry("GOPROXY", "https://file.example"));
        assertThat(GoEnv.load(Map.of("HOME", tmp.resolve("home").toString(), "GOPATH", tmp.resolve("gopath").toString(),
                "GOENV", tmp.resolve("env").toString())).get("GOPRIVATE")).isEqualTo("*.corp.example");

        w.unset(List.of("GOPRIVATE"));
        assertThat(Files.readString(tmp.resolve("env"))).isEqualTo("GOPROXY=https://file.example\n");
    }
}

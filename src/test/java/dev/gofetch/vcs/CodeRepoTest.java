package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeRepoTest {
    @ParameterizedTest
    @CsvSource({"'',''", "/v2,v2", ".v3,v3", ".v2-unstable,v2", "/v10,v10"})
    void pathMajorPrefixDropsSeparatorAndUnstable(String pathMajor, String want) {
        assertThat(CodeRepo.pathMajorPrefix(pathMajor)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({
        "example.com/m,'',true",
        "example.com/m/v2,'',false",
        "gopkg.in/yaml.v1,'',true",
        "example.com/m/v2,/v2,true",
        "example.com/m,/v2,false",
        "gopkg.in/x.v2-unstable,/v2,false",
        "gopkg.in/x.v2,/v2,true",
        "'',/v2,false"})
    void isMajorComparesOnlyTheMajorVersion(String mpath, String pathMajor, boolean want) {
        assertThat(CodeRepo.isMajor(mpath, pathMajor)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "module example.com/m\\n|example.com/m",
        "// comment\\nmodule   example.com/m // trailing\\n|example.com/m",
        "module \"example.com/q\"\\n|example.com/q",
        "module\\n|''",
        "modules example.com/m\\n|''",
        "go 1.20\\n|''"})
    void modulePathIsReadLeniently(String gomod, String want) {
        assertThat(CodeRepo.modfileModulePath(gomod.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"a/b,a,true", "a,a,true", "ab,a,false", "a/b,a/,true", "a,a/b,false"})
    void hasPathPrefixRespectsElementBoundaries(String s, String prefix, boolean want) {
        assertThat(CodeRepo.hasPathPrefix(s, prefix)).isEqualTo(want);
    }

    @Test
    void workDirIsNamedByTheHashOfTypeAndUrlWithItsInfoFile(@TempDir Path cache) throws Exception {
        Path dir = GitRepo.workDir(cache, "git3", "https://example.com/r");
        String hex = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("git3:https://example.com/r".getBytes(StandardCharsets.UTF_8)));
        assertThat(dir).isEqualTo(cache.resolve("cache/vcs/" + hex));
        assertThat(dir).isDirectory();
        assertThat(Files.readString(Path.of(dir + ".info"))).isEqualTo("git3:https://example.com/r");
        assertThat(Path.of(dir + ".lock")).exists();

        Files.writeString(Path.of(dir + ".info"), "git3:https://elsewhere\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GitRepo.workDir(cache, "git3", "https://example.com/r"))
                .hasMessage(dir + ".info exists with wrong content (have \"git3:https://elsewhere\" want "
                        + "\"git3:https://example.com/r\")");
    }
}

package dev.gofetch.lab;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoTestdataTreeTest {
    @TempDir
    static Path shared;

    static ProxyTree tree;
    static List<ModuleVersion> converted;

    @BeforeAll
    static void convertTheGoCommandsFixtures() throws IOException {
        tree = new ProxyTree(shared.resolve("proxy"));
        converted = GoTestdataTree.convert(GoTestdataTree.fixtureDir(GoTool.goroot()), tree);
    }

    @ParameterizedTest
    @CsvSource({
        "rsc.io_quote_v1.5.2.txt,                 rsc.io/quote,     v1.5.2",
        "rsc.io_quote_v2_v2.0.1.txt,              rsc.io/quote/v2,  v2.0.1",
        "rsc.io_!q!u!o!t!e_v1.5.3-!p!r!e.txt,     rsc.io/QUOTE,     v1.5.3-PRE",
        "example.com_v1.0.0.txt,                  example.com,      v1.0.0",
        "not-rsc.io_quote_v0.1.0-nomod.txt,       not-rsc.io/quote, v0.1.0-nomod",
    })
    void fixtureFileNamesSplitAtTheLastUnderscoreV(String file, String path, String version) {
        assertThat(GoTestdataTree.moduleVersionOf(file)).isEqualTo(ModuleVersion.of(path, version));
    }

    @Test
    void namesThatAreNotModuleVersionsAreSkipped() {
        assertThat(GoTestdataTree.moduleVersionOf("README")).isNull();
        assertThat(GoTestdataTree.moduleVersionOf("example.com_retract_self_pseudo_v0.0.0-20200325131415-0123456789ab")).isNull();
        assertThat(GoTestdataTree.moduleVersionOf("noversion.txt")).isNull();
        // the test proxy skips this one too: the path does not unescape (a bare /v1 suffix is invalid)
        assertThat(GoTestdataTree.moduleVersionOf("example.com_invalidpath_v1_v1.0.0.txt")).isNull();
    }

    @Test
    void everyFixtureWithAValidNameIsConverted() throws IOException {
        long txtFiles;
        try (var s = Files.list(GoTestdataTree.fixtureDir(GoTool.goroot()))) {
            txtFiles = s.filter(f -> f.toString().endsWith(".txt")).count();
        }
        assertThat(converted).hasSizeGreaterThan(200).hasSizeLessThanOrEqualTo((int) txtFiles)
                .contains(ModuleVersion.of("rsc.io/quote", "v1.5.2"), ModuleVersion.of("rsc.io/QUOTE", "v1.5.2"));
        assertThat(tree.root().resolve("rsc.io/!q!u!o!t!e/@v/v1.5.3-!p!r!e.mod")).isRegularFile();
    }

    @Test
    void listLeavesOutPseudoVersionsAndVersionsThatDoNotMatchThePath() throws IOException {
        // rsc.io/quote has v2.0.0 (no /v2 path) and nine pseudo-versions among its fixtures
        assertThat(tree.listedVersions("rsc.io/quote")).containsExactly(
                "v1.0.0", "v1.1.0", "v1.2.0", "v1.2.1", "v1.3.0", "v1.4.0", "v1.5.0", "v1.5.1", "v1.5.2", "v1.5.3-pre1");
    }

    @Test
    void theGoCommandDownloadsFixturesWithTheTestProxysHashes(@TempDir Path tmp) throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(tmp, tree.goproxy());
        Path work = Files.createDirectories(tmp.resolve("work"));

        GoTool.Result r = GoTool.run(work, env, "mod", "download", "-json",
                "rsc.io/quote@v1.5.2", "rsc.io/QUOTE@v1.5.2", "rsc.io/quote/v3@v3.0.0", "rsc.io/sampler@v1.3.0",
                "golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c").requireSuccess();

        // the fixture copy of rsc.io/quote v1.5.2 (not the real module): reference §8.3
        assertThat(r.stdout()).contains("\"Sum\": \"h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=\"");
        assertThat(r.stdout()).doesNotContain("\"Error\"");
        assertThat(tmp.resolve("modcache/rsc.io/!q!u!o!t!e@v1.5.2/QUOTE/quote.go")).isRegularFile();
    }

    @Test
    void theGoCommandResolvesAModuleGraphAndRetractionsFromTheFixtures(@TempDir Path tmp) throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(tmp, tree.goproxy());
        Path main = Files.createDirectories(tmp.resolve("main"));
        Files.writeString(main.resolve("go.mod"), "module example.com/m\n\ngo 1.16\n\nrequire rsc.io/quote v1.5.2\n");

        GoTool.Result all = GoTool.run(main, env, "list", "-m", "all").requireSuccess();
        assertThat(all.stdout().lines()).contains("rsc.io/quote v1.5.2", "rsc.io/sampler v1.3.0");

        assertThat(GoTool.run(main, env, "list", "-m", "-versions", "example.com/retract").requireSuccess().stdout())
                .isEqualTo("example.com/retract v1.0.0-good v1.1.0\n");
        assertThat(GoTool.run(main, env, "list", "-m", "-retracted", "-versions", "example.com/retract").requireSuccess().stdout())
                .isEqualTo("example.com/retract v1.0.0-bad v1.0.0-good v1.0.0-unused v1.1.0\n");
    }

    @Test
    void verbatimSectionsBuildTheDeliberatelyBadZip(@TempDir Path tmp) throws IOException {
        Map<String, String> env = GoTool.pinnedEnv(tmp, tree.goproxy());
        Path work = Files.createDirectories(tmp.resolve("work"));

        GoTool.Result r = GoTool.run(work, env, "mod", "download", "rsc.io/badzip@v1.0.0");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("zip for rsc.io/badzip@v1.0.0 has unexpected file rsc.io/badzip@v1.0.0.txt");
    }
}

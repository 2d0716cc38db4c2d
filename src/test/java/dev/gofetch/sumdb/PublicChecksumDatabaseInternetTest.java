package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.proxy.Transport;
import dev.gofetch.testing.GoTool;
import dev.gofetch.testing.GofetchRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Real modules verified against the public checksum database (sum.golang.org) through the default
/// proxy, as the go command does by default. Needs the internet: run with `-Dgofetch.internet`.
@Tag("internet")
class PublicChecksumDatabaseInternetTest {
    static final Path ZIP_SUMS = Path.of("/usr/local/go/src/cmd/go/internal/modfetch/zip_sum_test/testdata/zip_sums.csv");
    /// Rows of cmd/go's zip_sums.csv: module path, version, h1 of the content, SHA-256 of the zip file.
    static final List<String> ROWS = List.of("github.com/davecgh/go-spew,v1.1.1", "github.com/google/uuid,v1.1.1",
            "github.com/pkg/errors,v0.8.1", "rsc.io/pdf,v0.1.1", "rsc.io/qr,v0.1.0");

    @TempDir
    Path tmp;

    Map<String, String> defaultEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tmp.resolve("home").toString());
        env.put("GOPATH", tmp.resolve("gopath").toString());
        env.put("GOENV", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOTOOLCHAIN", "local");
        // The go command's defaults, spelled out.
        env.put("GOPROXY", "https://proxy.golang.org,direct");
        env.put("GOSUMDB", "sum.golang.org");
        return env;
    }

    @Test
    void realModulesVerifyAgainstThePublicDatabase() throws Exception {
        Map<String, String> env = defaultEnv();
        ChecksumDatabase db = new ChecksumDatabase("sum.golang.org", "", env.get("GOPROXY"),
                ProxyList.parse(env.get("GOPROXY"), ""), Transport.createDefault(),
                () -> tmp.resolve("gopath/pkg/sumdb"), tmp.resolve("gopath/pkg/mod/cache/download/sumdb"));
        assertThat(db.lookup("rsc.io/quote", "v1.5.2")).containsExactly(
                "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=");
        assertThat(db.lookup("rsc.io/quote", "v1.5.2/go.mod")).containsExactly(
                "rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=");
        assertThat(db.lookup("golang.org/x/text", "v0.3.0")).containsExactly(
                "golang.org/x/text v0.3.0 h1:g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=");
        assertThat(db.lookup("golang.org/x/text", "v0.3.0/go.mod")).containsExactly(
                "golang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=");

        Path latest = tmp.resolve("gopath/pkg/sumdb/sum.golang.org/latest");
        Note note = Note.open(Files.readAllBytes(latest), List.of(NoteVerifier.parse(SumdbConfig.KNOWN.get("sum.golang.org"))));
        Tree tree = Tree.parse(note.text().getBytes(StandardCharsets.UTF_8));
        System.out.println("sum.golang.org tree size " + tree.n() + ", root " + tree.hash());
        assertThat(tree.n()).isGreaterThan(1_000_000);
        try (var files = Files.walk(tmp.resolve("gopath/pkg/mod/cache/download/sumdb/sum.golang.org/tile"))) {
            System.out.println("tiles cached: " + files.filter(Files::isRegularFile).count());
        }

        // The go command, on the same GOPATH, accepts the tree gofetch stored and moves it forward.
        Path work = Files.createDirectories(tmp.resolve("work"));
        GoTool.Result go = GoTool.run(work, env, "mod", "download", "-json", "rsc.io/sampler@v1.3.0");
        assertThat(go.exitCode()).as(go.stderr()).isZero();
    }

    @Test
    void downloadsVerifyAgainstTheDatabaseAndMatchCmdGoZipSums() throws Exception {
        Map<String, String> zipSums = new HashMap<>();
        for (String line : Files.readAllLines(ZIP_SUMS)) {
            String[] f = line.split(",");
            zipSums.put(f[0] + "," + f[1], f[2] + "," + f[3]);
        }
        List<String> args = new ArrayList<>(List.of("download", "-json", "rsc.io/quote@v1.5.2", "golang.org/x/text@v0.3.0"));
        for (String row : ROWS) {
            args.add(row.replace(',', '@'));
        }
        Path work = Files.createDirectories(tmp.resolve("work"));
        long start = System.nanoTime();
        GoTool.Result r = GofetchRunner.run(work, defaultEnv(), args.toArray(String[]::new));
        System.out.printf("gofetch download of %d modules: exit %d in %.1f s%n", args.size() - 2, r.exitCode(),
                (System.nanoTime() - start) / 1e9);
        assertThat(r.exitCode()).as(r.stderr() + r.stdout()).isZero();
        Map<String, JsonNode> byModule = new HashMap<>();
        var parser = new ObjectMapper().getFactory().createParser(r.stdout());
        for (var it = new ObjectMapper().readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode n = it.next();
            byModule.put(n.get("Path").asText() + "," + n.get("Version").asText(), n);
        }
        assertThat(byModule.get("rsc.io/quote,v1.5.2").get("Sum").asText())
                .isEqualTo("h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=");
        assertThat(byModule.get("golang.org/x/text,v0.3.0").get("Sum").asText())
                .isEqualTo("h1:g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=");
        for (String row : ROWS) {
            JsonNode n = byModule.get(row);
            String[] want = zipSums.get(row).split(",");
            String zipSha = sha256(Path.of(n.get("Zip").asText()));
            System.out.printf("%-40s Sum %s (zip_sums.csv: %s) zip sha256 %s%n", row, n.get("Sum").asText(),
                    want[0].equals(n.get("Sum").asText()) ? "same" : "DIFFERENT", zipSha.equals(want[1]) ? "same" : "different");
            assertThat(n.get("Sum").asText()).as(row).isEqualTo(want[0]);
            assertThat(zipSha).as(row + " zip bytes").isEqualTo(want[1]);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

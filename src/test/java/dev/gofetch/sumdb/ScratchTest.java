package dev.gofetch.sumdb;

import dev.gofetch.lab.LabServer;
import dev.gofetch.lab.ProxyTree;
import dev.gofetch.testing.GoTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    Path main;
    GoTool.Result run(Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(main.resolve("go.sum"));
        GoTool.Result r = GoTool.run(main, env, args);
        System.out.println("=== " + String.join(" ", args) + "\nexit " + r.exitCode() + "\n" + r.stdout() + "\n--stderr:\n" + r.stderr());
        return r;
    }
    @Test
    void scratch(@TempDir Path tmp) throws Exception {
        ProxyTree good = new ProxyTree(tmp.resolve("good"));
        ProxyTree evil = new ProxyTree(tmp.resolve("evil"));
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        good.add("example.com/a", "v1.0.0", t, "module example.com/a\n\ngo 1.20\n\nrequire example.com/B v1.0.0\n", Map.of("a.go", "package a\n"));
        good.add("example.com/B", "v1.0.0", t, "module example.com/B\n\ngo 1.20\n", Map.of("b.go", "package b\n"));
        evil.add("example.com/a", "v1.0.0", t, "module example.com/a\n\ngo 1.20\n\nrequire example.com/B v1.0.0\n", Map.of("a.go", "package a // evil\n"));
        evil.add("example.com/B", "v1.0.0", t, "module example.com/B\n\ngo 1.20\n\n// evil\n", Map.of("b.go", "package b\n"));
        main = Files.createDirectories(tmp.resolve("main"));
        Files.writeString(main.resolve("go.mod"), "module m\n\ngo 1.20\n\nrequire example.com/a v1.0.0\n");
        try (LabServer lab = LabServer.start(good.root()); LabServer bad = LabServer.start(evil.root());
             TestServer db = TestServer.builder("sum.lab.test", TestServer.proxyDir(good.root())).upstream(lab.baseUri()).start()) {
            int[] k = {0};
            java.util.function.Function<String, Map<String, String>> env = proxy -> {
                Map<String, String> e = GoTool.pinnedEnv(tmp.resolve("env" + k[0]++), proxy);
                e.put("GOSUMDB", db.gosumdb());
                return e;
            };
            run(env.apply(bad.baseUri().toString()), "mod", "download", "-json", "all");
            run(env.apply(bad.baseUri().toString()), "mod", "download", "-json", "example.com/a@v1.0.0");
            run(env.apply(bad.baseUri().toString()), "mod", "download", "example.com/a@v1.0.0");
            run(env.apply(bad.baseUri().toString()), "list", "-m", "all");
            db.alterLookup("example.com/a", "v1.0.0", "example.com/a v1.0.0 h1:kCqwmrwgj2DzGQ9pWxJJAW9f0HvAo7xvJ7gnPKgvqDI=\n");
            run(env.apply(lab.baseUri().toString()), "mod", "download", "-json", "all");
            db.alterLookup("example.com/a", "v1.0.0", "example.com/a v1.0.0/go.mod h1:kCqwmrwgj2DzGQ9pWxJJAW9f0HvAo7xvJ7gnPKgvqDI=\n");
            run(env.apply(lab.baseUri().toString()), "mod", "download", "-json", "all");
            Map<String, String> e = env.apply(lab.baseUri().toString());
            db.alterLookup("example.com/a", "v1.0.0", new String(db.recordText("example.com/a", "v1.0.0")));
            run(e, "mod", "download", "-json", "example.com/a@v1.0.0");
            db.rewriteRecord("example.com/a", "v1.0.0", "example.com/a v1.0.0 h1:kCqwmrwgj2DzGQ9pWxJJAW9f0HvAo7xvJ7gnPKgvqDI=\n");
            run(e, "mod", "download", "-json", "example.com/B@v1.0.0");
            Map<String, String> e4 = env.apply(lab.baseUri().toString());
            db.corruptSignatures(true);
            run(e4, "mod", "download", "-json", "example.com/B@v1.0.0");
            db.corruptSignatures(false);
            db.corruptTiles(true);
            run(e4, "mod", "download", "-json", "example.com/B@v1.0.0");
            db.corruptTiles(false);
            db.signerKey(NoteSigner.generate("sum.lab.test").signerKey());
            run(env.apply(lab.baseUri().toString()), "mod", "download", "-json", "example.com/B@v1.0.0");
        }
    }
}

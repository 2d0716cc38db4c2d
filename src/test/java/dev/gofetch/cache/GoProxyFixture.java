package dev.gofetch.cache;

import dev.gofetch.testing.GoTool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/// A static `file://` GOPROXY tree built at test time (`<escaped path>/@v/{list,<v>.info,<v>.mod,<v>.zip}`),
/// and the real go command filling a module cache from it.
final class GoProxyFixture {

    /// One module version as the proxy serves it. files: zip entries relative to `path@version/`.
    record Module(String path, String version, String info, Map<String, String> files) {
        String goMod() {
            return files.getOrDefault("go.mod", "module " + path + "\n");
        }
    }

    static Module module(String path, String version, String info) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("go.mod", "module " + path + "\n");
        files.put("hello.go", "package hello\n");
        files.put("sub/dir/x.go", "package dir\n");
        return new Module(path, version, info, files);
    }

    final Path proxyDir;
    final List<Module> modules = new ArrayList<>();

    GoProxyFixture(Path proxyDir) {
        this.proxyDir = proxyDir;
    }

    GoProxyFixture add(Module m) {
        modules.add(m);
        try {
            Path v = Files.createDirectories(proxyDir.resolve(escape(m.path())).resolve("@v"));
            String ev = escape(m.version());
            Files.writeString(v.resolve(ev + ".info"), m.info());
            Files.writeString(v.resolve(ev + ".mod"), m.goMod());
            try (OutputStream out = Files.newOutputStream(v.resolve(ev + ".zip"));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> f : m.files().entrySet()) {
                    zip.putNextEntry(new ZipEntry(m.path() + "@" + m.version() + "/" + f.getKey()));
                    zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            Path list = v.resolve("list");
            Files.writeString(list, (Files.exists(list) ? Files.readString(list) : "") + m.version() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String url() {
        return proxyDir.toUri().toString();
    }

    /// `go mod download -json` of every module into scratch/modcache; returns go's JSON output.
    GoTool.Result download(Path scratch, String... extraGoFlags) {
        Map<String, String> env = GoTool.pinnedEnv(scratch, url());
        env.put("GOFLAGS", String.join(" ", extraGoFlags));
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        for (Module m : modules) {
            args.add(m.path() + "@" + m.version());
        }
        try {
            Path work = Files.createDirectories(scratch.resolve("work"));
            return GoTool.run(work, env, args.toArray(String[]::new)).requireSuccess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// Test-local case escaping (`!` + lower case), independent of the code under test.
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                b.append('!').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

package dev.gofetch.ui;

import dev.gofetch.module.ModulePath;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.base.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/// Projects for UI tests: a local file:// GOPROXY tree the test writes, a main module beside it, and
/// an engine pinned to them (nothing from the machine's own Go settings or the network).
public final class TestProjects {
    private TestProjects() {}

    /// A GOPROXY directory tree: `<path>/@v/list`, `<v>.info`, `<v>.mod` per module version.
    public static final class ProxyTree {
        private final Path root;

        public ProxyTree(Path root) {
            this.root = root;
        }

        public ProxyTree module(String path, String version, String goMod) {
            try {
                Path dir = root.resolve(ModulePath.escapePath(path)).resolve("@v");
                Files.createDirectories(dir);
                String v = ModulePath.escapeVersion(version);
                Files.writeString(dir.resolve(v + ".info"), "{\"Version\":\"" + version + "\"}\n");
                Files.writeString(dir.resolve(v + ".mod"), goMod);
                Path list = dir.resolve("list");
                String old = Files.exists(list) ? Files.readString(list) : "";
                Files.writeString(list, old + version + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /// A module version whose go.mod only declares its path and go version, plus requirements.
        public ProxyTree simple(String path, String version, String... requires) {
            StringBuilder b = new StringBuilder("module " + path + "\n\ngo 1.21\n");
            if (requires.length > 0) {
                b.append("\nrequire (\n");
                for (String r : requires) {
                    b.append('\t').append(r).append('\n');
                }
                b.append(")\n");
            }
            return module(path, version, b.toString());
        }

        public String url() {
            return root.toUri().toString().replaceFirst("/$", "");
        }
    }

    public static Path writeMainModule(Path dir, String goMod) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("go.mod"), goMod);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /// The pinned environment: GOPROXY=the tree, GOFLAGS=-mod=mod, GONOPROXY/GOPRIVATE empty,
    /// GOMODCACHE and HOME in scratch.
    public static Map<String, String> env(Path scratch, ProxyTree proxy) {
        return GoTool.pinnedEnv(scratch, proxy.url());
    }

    public static Engine engine(Path scratch, ProxyTree proxy) {
        return Engine.of(env(scratch, proxy));
    }

    /// The project most tests use. example.com/app (go 1.21) requires lib v1.2.0, util v1.1.0,
    /// golang.org/x/text v0.3.0 and old v1.0.0 (replaced by new v1.0.0), and excludes util v1.0.5.
    /// lib requires util v1.0.0 and text v0.2.0, which graph pruning reaches without reading and MVS
    /// supersedes.
    public static Path standard(Path tmp) {
        ProxyTree proxy = new ProxyTree(tmp.resolve("proxy"))
                .simple("example.com/lib", "v1.2.0", "example.com/util v1.0.0", "golang.org/x/text v0.2.0")
                .simple("example.com/lib", "v1.1.0")
                .simple("example.com/util", "v1.1.0", "golang.org/x/text v0.3.0")
                .simple("example.com/util", "v1.0.0")
                .simple("golang.org/x/text", "v0.3.0")
                .simple("golang.org/x/text", "v0.2.0")
                .simple("example.com/new", "v1.0.0");
        writeMainModule(tmp.resolve("app"), """
                module example.com/app

                go 1.21

                require (
                \texample.com/lib v1.2.0
                \texample.com/old v1.0.0
                \texample.com/util v1.1.0
                \tgolang.org/x/text v0.3.0
                )

                replace example.com/old v1.0.0 => example.com/new v1.0.0

                exclude example.com/util v1.0.5
                """);
        return tmp.resolve("app");
    }

    public static ProxyTree proxyOf(Path tmp) {
        return new ProxyTree(tmp.resolve("proxy"));
    }
}

package dev.gofetch.verify;

import dev.gofetch.module.ModulePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/// A static GOPROXY tree on disk for `GOPROXY=file://...`:
/// `<escaped path>/@v/list`, `<v>.info`, `<v>.mod`, `<v>.zip`.
final class FileProxyTree {
    private final Path root;

    FileProxyTree(Path root) {
        this.root = root;
    }

    String url() {
        return "file://" + root.toAbsolutePath();
    }

    /// Publishes one module version and returns where its zip goes (the caller writes it there).
    Path add(String path, String version, byte[] goMod) throws IOException {
        Path dir = root.resolve(ModulePath.escapePath(path)).resolve("@v");
        Files.createDirectories(dir);
        String v = ModulePath.escapeVersion(version);
        Files.writeString(dir.resolve("list"), version + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(v + ".info"), "{\"Version\":\"" + version + "\"}", StandardCharsets.UTF_8);
        Files.write(dir.resolve(v + ".mod"), goMod);
        return dir.resolve(v + ".zip");
    }
}

package dev.gofetch.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// Files written as `-- name --` followed by their lines (the txtar layout x/mod's fixtures use),
/// so fixture trees can be written inline in tests. Names may repeat.
record Txtar(List<Txtar.File> files) {
    record File(String name, String content) {
        byte[] bytes() {
            return content.getBytes(StandardCharsets.UTF_8);
        }
    }

    static Txtar parse(String text) {
        List<File> files = new ArrayList<>();
        String name = null;
        StringBuilder content = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- ") && line.endsWith(" --") && line.length() >= 6) {
                if (name != null) {
                    files.add(new File(name, content.toString()));
                }
                name = line.substring(3, line.length() - 3);
                content.setLength(0);
            } else if (name != null) {
                content.append(line).append('\n');
            }
        }
        if (name != null) {
            // The text block's final newline does not start another line.
            String last = content.toString();
            files.add(new File(name, last.endsWith("\n") ? last.substring(0, last.length() - 1) : last));
        }
        return new Txtar(List.copyOf(files));
    }

    /// A zip with every file as an entry, names as written.
    RawZip zip() {
        RawZip z = new RawZip();
        files.forEach(f -> z.add(RawZip.entry(f.name(), f.bytes())));
        return z;
    }

    /// A zip with every file under `path@version/`.
    RawZip moduleZip(String path, String version) {
        RawZip z = new RawZip();
        files.forEach(f -> z.add(RawZip.entry(path + "@" + version + "/" + f.name(), f.bytes())));
        return z;
    }

    void writeTree(Path dir) throws IOException {
        for (File f : files) {
            Path p = dir.resolve(f.name());
            Files.createDirectories(p.getParent());
            Files.write(p, f.bytes());
        }
    }

    String content(String name) {
        return files.stream().filter(f -> f.name().equals(name)).reduce((a, b) -> b).orElseThrow().content();
    }
}

package dev.gofetch.vcs;

import dev.gofetch.module.GoStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Writes a setting to the Go env file exactly as `go env -w NAME=value` does: duplicate lines of a
/// name are dropped (the last one stays and takes the new value), a new name is appended, and runs
/// of `KEY=VALUE` lines are sorted by key.
final class GoEnvFile {
    private GoEnvFile() {}

    static void set(Path file, String name, String value) throws IOException {
        String data;
        try {
            data = GoStrings.decodeUtf8(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            data = "";
        }
        List<String> lines = new ArrayList<>(Arrays.asList(data.split("(?<=\n)", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        } else {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n");
        }
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String key = key(lines.get(i));
            if (!key.isEmpty()) {
                Integer previous = last.put(key, i);
                if (previous != null) {
                    lines.set(previous, "");
                }
            }
        }
        Integer at = last.get(name);
        if (at != null) {
            lines.set(at, name + "=" + value + "\n");
        } else {
            lines.add(name + "=" + value + "\n");
        }
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || key(lines.get(i)).isEmpty()) {
                // Go's sort.Slice is not stable, but keys in a run are unique after de-duplication.
                lines.subList(start, i).sort(Comparator.comparing(GoEnvFile::key, GoStrings::compare));
                start = i + 1;
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, String.join("", lines).getBytes(StandardCharsets.UTF_8));
    }

    /// `KEY` of a `KEY=VALUE` line; "" for other lines (no '=', or a '#' before it).
    private static String key(String line) {
        int eq = line.indexOf('=');
        if (eq < 0 || line.substring(0, eq).contains("#")) {
            return "";
        }
        return line.substring(0, eq);
    }
}

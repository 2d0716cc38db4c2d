package dev.gofetch.env;

import dev.gofetch.module.GoStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// A `.netrc` file read the way the go command reads it (`cmd/go/internal/auth/netrc.go`),
/// quirks included: tokens are taken in pairs within a line; `machine` starts a new entry;
/// an entry counts once machine, login and password are all set; `macdef` skips the following
/// lines up to an empty one; a line ending in an unpaired `default` token ends the file.
public final class Netrc {
    public record Entry(String machine, String login, String password) {}

    private final List<Entry> entries;

    private Netrc(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /// The complete entries, in file order.
    public List<Entry> entries() {
        return entries;
    }

    /// The first entry for a machine, as the go command prefers it when a machine is listed twice.
    public Optional<Entry> find(String machine) {
        return entries.stream().filter(e -> e.machine().equals(machine)).findFirst();
    }

    /// Reads a netrc file; a missing file is an empty netrc.
    public static Netrc read(Path file) throws IOException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Netrc(List.of());
        }
        return parse(GoStrings.decodeUtf8(data));
    }

    public static Netrc parse(String data) {
        List<Entry> out = new ArrayList<>();
        String machine = "";
        String login = "";
        String password = "";
        boolean inMacro = false;
        for (String line : data.split("\n", -1)) {
            if (inMacro) {
                if (line.isEmpty()) {
                    inMacro = false;
                }
                continue;
            }
            List<String> f = fields(line);
            int i = 0;
            for (; i < f.size() - 1; i += 2) {
                String value = f.get(i + 1);
                switch (f.get(i)) {
                    case "machine" -> {
                        machine = value;
                        login = "";
                        password = "";
                    }
                    case "login" -> login = value;
                    case "password" -> password = value;
                    case "macdef" -> inMacro = true;
                    default -> { } // "default" consumes its partner token; other keywords are ignored
                }
                if (!machine.isEmpty() && !login.isEmpty() && !password.isEmpty()) {
                    out.add(new Entry(machine, login, password));
                    machine = "";
                    login = "";
                    password = "";
                }
            }
            if (i < f.size() && f.get(i).equals("default")) {
                break;
            }
        }
        return new Netrc(out);
    }

    /// `strings.Fields`: split around runs of Unicode white space.
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            if (GoStrings.isSpace(c)) {
                if (start >= 0) {
                    out.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            out.add(line.substring(start));
        }
        return out;
    }
}

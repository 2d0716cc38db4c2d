package dev.gofetch.env;

import dev.gofetch.module.GoStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/// Go's user env file edited as `go env -w` and `go env -u` edit it (`cmd/go/internal/envcmd`):
/// the same checks and messages, and the same bytes written for the same sequence of edits —
/// comments and lines the go command does not read are kept, duplicate keys are reduced to the
/// last one, and each run of `KEY=VALUE` lines between other lines is sorted by key.
///
/// Messages are the go command's without the `go: ` prefix.
public final class EnvFileWriter {
    private final GoEnv env;

    private EnvFileWriter(GoEnv env) {
        this.env = env;
    }

    /// The writer for the env file env was loaded from (GOENV, else the user config directory).
    public static EnvFileWriter of(GoEnv env) {
        return new EnvFileWriter(java.util.Objects.requireNonNull(env));
    }

    /// The file `go env -w` writes: $GOENV, else `go/env` in the user config directory. The go
    /// command (1.26) writes there even under `GOENV=off`, which only stops it from reading the file.
    /// @throws GoEnvException `cannot find go env config: ...`
    public Path file() {
        String goenv = origEnv("GOENV");
        if (!goenv.isEmpty() && !goenv.equals("off")) {
            return Path.of(goenv);
        }
        String dir = env.userConfigDir();
        if (dir.isEmpty()) {
            throw new GoEnvException("cannot find go env config: " + userConfigDirProblem());
        }
        return Path.of(GoPaths.join(dir, "go/env"));
    }

    /// `go env -w KEY=VALUE...`. Every argument is checked before anything is written.
    /// @param warnings receives `warning: go env -w KEY=... does not override conflicting OS environment
    ///                 variable` for each key the process environment sets to something else, as the
    ///                 arguments are checked (so also those before a failing argument)
    /// @throws GoEnvException with the go command's message
    public void set(List<String> keyValues, Consumer<String> warnings) {
        if (keyValues.isEmpty()) {
            throw new GoEnvException("no KEY=VALUE arguments given");
        }
        Map<String, String> add = new LinkedHashMap<>();
        for (String arg : keyValues) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new GoEnvException("arguments must be KEY=VALUE: invalid argument: " + arg);
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            checkWrite(key, value);
            if (add.containsKey(key)) {
                throw new GoEnvException("multiple values for key: " + key);
            }
            add.put(key, value);
            if (overriddenByProcess(key, value)) {
                warnings.accept(overrideWarning(key));
            }
        }
        String tmpdir = add.get("GOTMPDIR");
        if (tmpdir != null && !tmpdir.isEmpty() && !GoPaths.isAbs(tmpdir)) {
            throw new GoEnvException("GOTMPDIR must be an absolute path");
        }
        update(add, Set.of());
    }

    /// `go env -u KEY...`: removes the keys from the file, which must exist.
    /// @throws GoEnvException with the go command's message
    public void unset(List<String> keys) {
        if (keys.isEmpty()) {
            throw new GoEnvException("'go env -u' requires an argument");
        }
        for (String key : keys) {
            checkWrite(key, "");
        }
        update(Map.of(), new LinkedHashSet<>(keys));
    }

    /// Whether the process environment sets key to a non-empty value other than value, so that
    /// writing value to the file changes nothing the go command sees.
    public boolean overriddenByProcess(String key, String value) {
        String os = origEnv(key);
        return !os.isEmpty() && !os.equals(value);
    }

    /// The go command's warning for a key [#overriddenByProcess] holds for.
    public static String overrideWarning(String key) {
        return "warning: go env -w " + key + "=... does not override conflicting OS environment variable";
    }

    /// The values the file sets now, as the go command reads them (later lines win; lines without
    /// `=` or not starting with A-Z are not settings). Empty when there is no readable file.
    public Map<String, String> values() {
        Path file;
        try {
            file = file();
        } catch (GoEnvException e) {
            return Map.of();
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : GoStrings.decodeUtf8(data).split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq >= 0 && line.charAt(0) >= 'A' && line.charAt(0) <= 'Z') {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    // ---- checks ----

    private void checkWrite(String key, String value) {
        switch (key) {
            case "GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOWORK", "GOTOOLDIR", "GOVERSION",
                    "GOTELEMETRY", "GOTELEMETRYDIR" -> throw new GoEnvException(key + " cannot be modified");
            case "GOENV", "GODEBUG" -> throw new GoEnvException(key + " can only be set using the OS environment");
            default -> { }
        }
        if (!env.canGetenv(key)) {
            throw new GoEnvException("unknown go command variable " + key);
        }
        switch (key) {
            case "GO111MODULE" -> {
                if (!List.of("", "auto", "on", "off").contains(value)) {
                    throw new GoEnvException("invalid " + key + " value " + GoStrings.quote(value));
                }
            }
            case "GOPATH" -> {
                if (value.startsWith("~")) {
                    throw new GoEnvException("GOPATH entry cannot start with shell metacharacter '~': "
                            + GoStrings.quote(value));
                }
                if (!value.isEmpty() && !GoPaths.isAbs(value)) {
                    throw new GoEnvException("GOPATH entry is relative; must be absolute path: " + GoStrings.quote(value));
                }
            }
            case "GOMODCACHE" -> {
                if (!value.isEmpty() && !GoPaths.isAbs(value)) {
                    throw new GoEnvException("GOMODCACHE entry is relative; must be absolute path: "
                            + GoStrings.quote(value));
                }
            }
            case "CC", "CXX" -> checkCompiler(key, value);
            // Checking these needs the go command's table of platforms and experiments.
            case "GOOS", "GOARCH", "GOEXPERIMENT" -> throw new GoEnvException(
                    key + " is not written by gofetch; use 'go env -w' (it checks the value against its platforms)");
            default -> { }
        }
        if (!isValidUtf16(value)) {
            throw new GoEnvException("invalid UTF-8 in " + key + "=... value");
        }
        if (value.indexOf('\0') >= 0) {
            throw new GoEnvException("invalid NUL in " + key + "=... value");
        }
        if (value.indexOf('\u000b') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new GoEnvException("invalid newline in " + key + "=... value");
        }
    }

    /// The first word of a CC/CXX value (`cmd/internal/quoted` splitting) must be a bare name or absolute.
    private static void checkCompiler(String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        List<String> words = new ArrayList<>();
        String s = value;
        while (!s.isEmpty()) {
            int i = 0;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            s = s.substring(i);
            if (s.isEmpty()) {
                break;
            }
            char q = s.charAt(0);
            if (q == '"' || q == '\'') {
                int end = s.indexOf(q, 1);
                if (end < 0) {
                    throw new GoEnvException("invalid " + key + ": unterminated " + q + " string");
                }
                words.add(s.substring(1, end));
                s = s.substring(end + 1);
                continue;
            }
            int j = 0;
            while (j < s.length() && !isSpace(s.charAt(j))) {
                j++;
            }
            words.add(s.substring(0, j));
            s = s.substring(j);
        }
        if (words.isEmpty()) {
            throw new GoEnvException(key + " entry cannot contain only space");
        }
        String first = words.get(0);
        if (!GoPaths.isAbs(first) && !first.equals(baseName(first))) {
            throw new GoEnvException(key + " entry is relative; must be absolute path: " + GoStrings.quote(first));
        }
    }

    /// `filepath.Base`: the last element, trailing slashes ignored.
    private static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return ".";
        }
        if (p.equals("/")) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isValidUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private String origEnv(String key) {
        return env.processEnvironment().getOrDefault(key, "");
    }

    /// `os.UserConfigDir`'s error on Unix.
    private String userConfigDirProblem() {
        String xdg = origEnv("XDG_CONFIG_HOME");
        if (xdg.isEmpty()) {
            return origEnv("HOME").isEmpty() ? "neither $XDG_CONFIG_HOME nor $HOME are defined" : "missing user-config dir";
        }
        return GoPaths.isAbs(xdg) ? "missing user-config dir" : "path in $XDG_CONFIG_HOME is relative";
    }

    // ---- the edit ----

    /// `updateEnvFile`. Lines are held as ISO-8859-1 strings so every byte of the file survives
    /// unchanged and comparing keys compares bytes, as Go does.
    private void update(Map<String, String> add, Set<String> del) {
        Path file = file();
        List<String> lines = readLines(file, add.isEmpty());

        // Only the last copy of a key takes effect: the others go.
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String key = lineToKey(lines.get(i));
            if (!key.isEmpty()) {
                Integer previous = last.put(key, i);
                if (previous != null) {
                    lines.set(previous, "");
                }
            }
        }
        List<String> appended = new ArrayList<>();
        add.forEach((key, value) -> {
            String line = bytes(key + "=" + value + "\n");
            Integer at = last.get(bytes(key));
            if (at != null) {
                lines.set(at, line);
            } else {
                appended.add(line);
            }
        });
        lines.addAll(appended);
        for (String key : del) {
            Integer at = last.get(bytes(key));
            if (at != null) {
                lines.set(at, "");
            }
        }
        // Sort each run of KEY=VALUE lines; anything else (even an emptied line) ends a run.
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || lineToKey(lines.get(i)).isEmpty()) {
                lines.subList(start, i).sort((a, b) -> lineToKey(a).compareTo(lineToKey(b)));
                start = i + 1;
            }
        }
        byte[] data = String.join("", lines).getBytes(StandardCharsets.ISO_8859_1);
        try {
            Files.write(file, data);
        } catch (IOException first) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException ignored) {
                // the second write reports the problem
            }
            try {
                Files.write(file, data);
            } catch (IOException e) {
                throw new GoEnvException("writing go env config: open " + file + ": " + reason(e));
            }
        }
    }

    private static List<String> readLines(Path file, boolean mustExist) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (mustExist) {
                throw new GoEnvException("reading go env config: open " + file + ": no such file or directory");
            }
            data = new byte[0];
        } catch (IOException e) {
            String op = Files.isDirectory(file) ? "read " : "open ";
            throw new GoEnvException("reading go env config: " + op + file + ": " + reason(e));
        }
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            if (nl < 0) {
                lines.add(text.substring(from) + "\n");
                break;
            }
            lines.add(text.substring(from, nl + 1));
            from = nl + 1;
        }
        return lines;
    }

    /// The key of a `KEY=VALUE` line, or "" for anything else (no `=`, or a `#` before it).
    private static String lineToKey(String line) {
        int eq = line.indexOf('=');
        if (eq < 0 || line.substring(0, eq).indexOf('#') >= 0) {
            return "";
        }
        return line.substring(0, eq);
    }

    private static String bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /// The system call's complaint as Go words it.
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String r = fse.getReason();
            return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        return String.valueOf(e.getMessage());
    }
}

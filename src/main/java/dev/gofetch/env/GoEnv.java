package dev.gofetch.env;

import dev.gofetch.module.GoStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/// Go's settings as the go command resolves them (`cmd/go/internal/cfg`): process environment, then
/// the user env file written by `go env -w` (GOENV), then `$GOROOT/go.env`, then built-in defaults.
/// Immutable; tests build one from an explicit map so the machine's own settings never leak in.
///
/// Paths follow Go's Unix rules (Linux, macOS): values are spelled exactly as the go command
/// prints them, e.g. the default GOMODCACHE is the cleaned `<first GOPATH entry>/pkg/mod`.
public final class GoEnv {

    /// The variables gofetch knows, in the order `go env` prints them (alphabetical).
    public static final List<String> KNOWN = List.of(
            "GOAUTH", "GOENV", "GOFLAGS", "GOINSECURE", "GOMODCACHE", "GONOPROXY", "GONOSUMDB",
            "GOPATH", "GOPRIVATE", "GOPROXY", "GOROOT", "GOSUMDB", "GOTOOLCHAIN", "GOVCS");

    /// What `$GOROOT/go.env` sets in the Go distribution; used when there is no such file
    /// (Go not installed, or a toolchain older than Go 1.21).
    public static final Map<String, String> BUILT_IN_DEFAULTS = Map.of(
            "GOPROXY", "https://proxy.golang.org,direct",
            "GOSUMDB", "sum.golang.org",
            "GOTOOLCHAIN", "auto");

    /// Names the go command accepts from its env files (`internal/cfg.KnownEnv`); `go env NAME`
    /// prints a setting for these even when gofetch does not compute them.
    private static final Set<String> GO_KNOWN_ENV = Set.of(
            "AR", "CC", "CGO_CFLAGS", "CGO_CFLAGS_ALLOW", "CGO_CFLAGS_DISALLOW", "CGO_CPPFLAGS",
            "CGO_CPPFLAGS_ALLOW", "CGO_CPPFLAGS_DISALLOW", "CGO_CXXFLAGS", "CGO_CXXFLAGS_ALLOW",
            "CGO_CXXFLAGS_DISALLOW", "CGO_ENABLED", "CGO_FFLAGS", "CGO_FFLAGS_ALLOW", "CGO_FFLAGS_DISALLOW",
            "CGO_LDFLAGS", "CGO_LDFLAGS_ALLOW", "CGO_LDFLAGS_DISALLOW", "CXX", "FC", "GCCGO", "GO111MODULE",
            "GO386", "GOAMD64", "GOARCH", "GOARM", "GOARM64", "GOAUTH", "GOBIN", "GOCACHE", "GOCACHEPROG",
            "GOENV", "GOEXE", "GOEXPERIMENT", "GOFIPS140", "GOFLAGS", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS",
            "GOINSECURE", "GOMIPS", "GOMIPS64", "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH",
            "GOPPC64", "GOPRIVATE", "GOPROXY", "GORISCV64", "GOROOT", "GOSUMDB", "GOTMPDIR", "GOTOOLCHAIN",
            "GOTOOLDIR", "GOVCS", "GOWASM", "GOWORK", "GO_EXTLINK_ENABLED", "PKG_CONFIG");

    private record Setting(String value, boolean changed) {}

    private final Map<String, String> process;
    /// User env file entries plus `go.env` entries the user file does not set (`envCache.m`).
    private final Map<String, String> files;
    /// `go.env` entries (or the built-in defaults), which define "changed" (`envCache.goroot`).
    private final Map<String, String> gorootDefaults;
    private final Optional<Path> gorootEnvFile;
    private final Map<String, Setting> settings = new HashMap<>();
    private final String gopathBeforeChecks;
    private final String goPathError;
    private final List<String> warnings = new ArrayList<>();

    private GoEnv(Map<String, String> processEnvironment) {
        process = Map.copyOf(processEnvironment);

        // GOENV: only the process environment can set it.
        String envFile;
        boolean envFileChanged = false;
        String goenv = process("GOENV");
        if (!goenv.isEmpty()) {
            envFile = goenv.equals("off") ? "" : goenv;
            envFileChanged = !goenv.equals("off");
        } else {
            String configDir = userConfigDir();
            envFile = configDir.isEmpty() ? "" : GoPaths.join(configDir, "go/env");
        }
        Map<String, String> user = envFile.isEmpty() ? Map.of() : readEnvFile(envFile).orElse(Map.of());

        // GOROOT: the user file's setting (sic, before the process environment's) locates go.env.
        String gorootForFiles = findGoroot(user.getOrDefault("GOROOT", ""));
        String goEnvPath = gorootForFiles.isEmpty() ? "" : GoPaths.join(gorootForFiles, "go.env");
        Optional<Map<String, String>> goEnvFile = goEnvPath.isEmpty() ? Optional.empty() : readEnvFile(goEnvPath);
        gorootEnvFile = goEnvFile.map(m -> Path.of(goEnvPath));
        gorootDefaults = goEnvFile.orElse(BUILT_IN_DEFAULTS);
        Map<String, String> merged = new LinkedHashMap<>(user);
        gorootDefaults.forEach(merged::putIfAbsent);
        merged.put("GOROOT", gorootForFiles);
        files = Map.copyOf(merged);

        String goroot = getenv("GOROOT");
        put("GOROOT", goroot, false);
        put("GOENV", envFile, envFileChanged);

        // GOPATH: go/build's default looks at the process environment only, cmd/go then
        // layers the env files on top.
        String buildDefault = process("GOPATH");
        String pathError = "";
        if (buildDefault.isEmpty()) {
            String home = process("HOME");
            if (home.isEmpty()) {
                pathError = "HOME is not set";
            } else {
                String def = GoPaths.join(home, "go");
                // runtime.GOROOT() is $GOROOT for a release go command built without a GOROOT.
                if (GoPaths.clean(def).equals(GoPaths.clean(process("GOROOT")))) {
                    pathError = "cannot set GOROOT as GOPATH";
                } else {
                    buildDefault = def;
                }
            }
        }
        goPathError = pathError;
        envOrAndChanged("GOPATH", buildDefault);
        gopathBeforeChecks = get("GOPATH");

        envOrAndChanged("GOMODCACHE", gopathDir(gopathBeforeChecks, "pkg/mod"));
        String goprivate = getenv("GOPRIVATE");
        put("GOPRIVATE", goprivate, !goprivate.isEmpty());
        envOrAndChanged("GONOPROXY", goprivate);
        envOrAndChanged("GONOSUMDB", goprivate);
        envOrAndChanged("GOPROXY", "");
        envOrAndChanged("GOSUMDB", "");
        envOrAndChanged("GOAUTH", "netrc");
        envOrAndChanged("GOTOOLCHAIN", "");
        for (String name : List.of("GOFLAGS", "GOINSECURE", "GOVCS")) {
            String v = getenv(name);
            put(name, v, !v.isEmpty());
        }

        checkGorootAndGopath(goroot);
    }

    /// Resolves the settings from a process environment (normally `System.getenv()`).
    /// Like every go command at startup, fails for a GOROOT that is not a directory and for a
    /// GOPATH entry that is relative or starts with `~`; see also [#warnings()].
    /// @throws GoEnvException with the go command's message
    public static GoEnv load(Map<String, String> processEnvironment) {
        return new GoEnv(processEnvironment);
    }

    /// The effective value of a variable ("" when unset and without default), as `go env NAME`
    /// prints it. Names outside [#KNOWN] are looked up as the go command's raw setting
    /// (process environment, then env files) if the go command accepts them in env files, else "".
    public String get(String name) {
        Setting s = settings.get(name);
        if (s != null) {
            return s.value();
        }
        if (GO_KNOWN_ENV.contains(name) || files.containsKey(name)) {
            return getenv(name);
        }
        return "";
    }

    /// Whether the effective value differs from what an empty environment without an env file
    /// would give (`go env -changed`). Only meaningful for [#KNOWN] names; false for others.
    public boolean changed(String name) {
        Setting s = settings.get(name);
        return s != null && s.changed();
    }

    /// `cfg.CanGetenv`: a name the go command knows, or one its env files set (`go env -w` accepts these).
    boolean canGetenv(String name) {
        return GO_KNOWN_ENV.contains(name) || files.containsKey(name);
    }

    /// What `$GOROOT/go.env` (or the built-in defaults) sets: a variable's value when neither the
    /// process environment nor the user env file sets it.
    public Map<String, String> distributionDefaults() {
        return Map.copyOf(gorootDefaults);
    }

    /// The process environment this was loaded from (for HOME, NETRC, HTTPS_PROXY, ...).
    public Map<String, String> processEnvironment() {
        return process;
    }

    /// Messages the go command prints on stderr at startup but carries on
    /// (GOPATH and GOROOT are the same directory). Print each on its own line.
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /// GOMODCACHE as an absolute path.
    /// @throws GoEnvException (an IllegalStateException) with the go command's message if relative/unset
    public Path modCache() {
        String dir = get("GOMODCACHE");
        if (dir.isEmpty()) {
            throw new GoEnvException("module cache not found: neither GOMODCACHE nor GOPATH is set");
        }
        if (!GoPaths.isAbs(dir)) {
            throw new GoEnvException("GOMODCACHE entry is relative; must be absolute path: " + GoStrings.quote(dir) + ".");
        }
        return Path.of(dir);
    }

    /// The first GOPATH entry (module data such as `pkg/sumdb` lives under it).
    /// @throws GoEnvException `missing $GOPATH: ...` when there is none
    public Path gopath() {
        List<String> list = GoPaths.splitList(get("GOPATH"));
        if (list.isEmpty() || list.get(0).isEmpty()) {
            throw new GoEnvException("missing $GOPATH: " + goPathError);
        }
        return Path.of(list.get(0));
    }

    /// Where the checksum database client keeps its state: `<first GOPATH entry>/pkg/sumdb`
    /// (not configurable, and not under GOMODCACHE).
    /// @throws GoEnvException `missing $GOPATH: ...` when there is no GOPATH
    public Path sumdbDir() {
        String dir = gopathDir(gopathBeforeChecks, "pkg/sumdb");
        if (dir.isEmpty()) {
            throw new GoEnvException("missing $GOPATH: " + goPathError);
        }
        return Path.of(dir);
    }

    /// GOFLAGS parsed as the go command parses it for every command but `go env`.
    /// @throws GoEnvException `parsing $GOFLAGS: ...`
    public GoFlags goFlags() {
        return GoFlags.parse(get("GOFLAGS"));
    }

    /// The GOROOT whose `go.env` supplies defaults, if a Go installation was found
    /// (GOROOT setting, else the first `go` on PATH).
    public Optional<Path> goroot() {
        String goroot = get("GOROOT");
        return goroot.isEmpty() ? Optional.empty() : Optional.of(Path.of(goroot));
    }

    /// `$GOROOT/go.env` if one was read; empty when the built-in defaults are in use.
    public Optional<Path> gorootEnvFile() {
        return gorootEnvFile;
    }

    /// The user env file in use (`go env GOENV`), if any; it need not exist.
    public Optional<Path> envFile() {
        String file = get("GOENV");
        return file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    }

    /// The netrc file the go command reads for GOAUTH=netrc: `$NETRC`, else `$HOME/.netrc`.
    /// @throws GoEnvException `$HOME is not defined`
    public Path netrcPath() {
        String netrc = process("NETRC");
        if (!netrc.isEmpty()) {
            return Path.of(netrc);
        }
        String home = process("HOME");
        if (home.isEmpty()) {
            throw new GoEnvException("$HOME is not defined");
        }
        return Path.of(GoPaths.join(home, ".netrc"));
    }

    // ---- resolution internals ----

    private String process(String name) {
        return process.getOrDefault(name, "");
    }

    /// `cfg.Getenv`: a non-empty process value, else the env files' (possibly empty) value.
    private String getenv(String name) {
        String v = process(name);
        return v.isEmpty() ? files.getOrDefault(name, "") : v;
    }

    private void put(String name, String value, boolean changed) {
        settings.put(name, new Setting(value, changed));
    }

    /// `cfg.EnvOrAndChanged`: "changed" is measured against go.env's value when it has one.
    private void envOrAndChanged(String name, String def) {
        String v = getenv(name);
        if (v.isEmpty()) {
            put(name, def, false);
            return;
        }
        String reference = gorootDefaults.containsKey(name) ? gorootDefaults.get(name) : def;
        put(name, v, !v.equals(reference));
    }

    private static String gopathDir(String gopath, String rel) {
        List<String> list = GoPaths.splitList(gopath);
        if (list.isEmpty() || list.get(0).isEmpty()) {
            return "";
        }
        return GoPaths.join(list.get(0), rel);
    }

    /// The checks `go` runs in `main` before any command.
    private void checkGorootAndGopath(String goroot) {
        if (!goroot.isEmpty() && !isDirectory(goroot)) {
            throw new GoEnvException("cannot find GOROOT directory: " + goroot);
        }
        String gopath = get("GOPATH");
        if (!goroot.isEmpty() && GoPaths.clean(gopath).equals(GoPaths.clean(goroot))) {
            warnings.add("warning: both GOPATH and GOROOT are the same directory (" + gopath
                    + "); see https://go.dev/wiki/InstallTroubleshooting");
            return;
        }
        for (String p : GoPaths.splitList(gopath)) {
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("~")) {
                throw new GoEnvException("GOPATH entry cannot start with shell metacharacter '~': " + GoStrings.quote(p));
            }
            if (!GoPaths.isAbs(p)) {
                if (getenv("GOPATH").isEmpty()) {
                    // The default was inferred from a relative $HOME: the go command drops it.
                    Setting s = settings.get("GOPATH");
                    put("GOPATH", "", s.changed());
                } else {
                    throw new GoEnvException("GOPATH entry is relative; must be absolute path: " + GoStrings.quote(p)
                            + ".\nFor more details see: 'go help gopath'");
                }
            }
        }
    }

    private static boolean isDirectory(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /// `os.UserConfigDir`, or "" where the go command gets an error (GOENV then prints empty).
    String userConfigDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            String home = process("HOME");
            return home.isEmpty() ? "" : home + "/Library/Application Support";
        }
        String xdg = process("XDG_CONFIG_HOME");
        if (!xdg.isEmpty()) {
            return GoPaths.isAbs(xdg) ? xdg : "";
        }
        String home = process("HOME");
        return home.isEmpty() ? "" : home + "/.config";
    }

    /// `cfg.findGOROOT` without the go command's knowledge of its own executable: an explicit
    /// setting (cleaned), else the GOROOT of the first `go` on PATH, else "".
    private String findGoroot(String fromUserFile) {
        String explicit = fromUserFile.isEmpty() ? process("GOROOT") : fromUserFile;
        if (!explicit.isEmpty()) {
            return GoPaths.clean(explicit);
        }
        for (String dir : GoPaths.splitList(process("PATH"))) {
            if (!GoPaths.isAbs(dir)) {
                continue; // exec.LookPath refuses results relative to the working directory
            }
            Path exe;
            try {
                exe = Path.of(dir, "go");
            } catch (InvalidPathException e) {
                continue;
            }
            if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
                continue;
            }
            String found = gorootAround(GoPaths.clean(exe.toString()));
            if (found.isEmpty()) {
                try {
                    found = gorootAround(exe.toRealPath().toString());
                } catch (IOException e) {
                    found = "";
                }
            }
            return found;
        }
        return "";
    }

    /// GOROOT for a go binary at `<GOROOT>/bin/go` or `<GOROOT>/bin/<goos>_<goarch>/go`.
    private static String gorootAround(String exe) {
        for (String up : List.of("../..", "../../..")) {
            String dir = GoPaths.join(exe, up);
            if (Files.isDirectory(Path.of(dir, "pkg", "tool"))) {
                return dir;
            }
        }
        return "";
    }

    /// `cfg.readEnvFile`: `KEY=VALUE` lines; lines without `=` or not starting with A-Z are
    /// ignored; a later line for the same key wins. Empty when the file cannot be read.
    private static Optional<Map<String, String>> readEnvFile(String file) {
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : GoStrings.decodeUtf8(data).split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq < 0 || line.charAt(0) < 'A' || line.charAt(0) > 'Z') {
                continue;
            }
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return Optional.of(out);
    }
}

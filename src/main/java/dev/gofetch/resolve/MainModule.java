package dev.gofetch.resolve;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.GoModParseException;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/// The main module: its directory and go.mod, with the replace and exclude index the module graph
/// applies to every go.mod it reads (`modFileIndex` in cmd/go).
public final class MainModule {
    private final Path dir;
    private final GoMod goMod;
    private final Map<ModuleVersion, ModuleVersion> replace = new HashMap<>();
    private final Set<ModuleVersion> exclude = new HashSet<>();

    private MainModule(Path dir, GoMod goMod) throws ResolveException {
        this.dir = dir;
        this.goMod = goMod;
        for (GoMod.Replace r : goMod.replaces()) {
            ModuleVersion prev = replace.putIfAbsent(r.old(), r.replacement());
            if (prev != null && !prev.equals(r.replacement())) {
                throw new ResolveException("conflicting replacements for " + r.old() + ":\n\t"
                        + show(prev) + "\n\t" + show(r.replacement()));
            }
        }
        for (GoMod.Exclude x : goMod.excludes()) {
            exclude.add(x.mod());
        }
    }

    private static String show(ModuleVersion m) {
        return m.toString();
    }

    /// Reads and strictly parses `dir/go.mod`.
    public static MainModule load(Path dir) throws ResolveException {
        return load(dir, null);
    }

    /// Like {@link #load(Path)}, naming go.mod in messages relative to cwd when that is shorter, as the
    /// go command does (`base.ShortPath`).
    public static MainModule load(Path dir, Path cwd) throws ResolveException {
        Path file = dir.resolve("go.mod");
        String name = file.toString();
        if (cwd != null) {
            String rel = cwd.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
            if (rel.length() < name.length()) {
                name = rel;
            }
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ResolveException("go.mod file not found in current directory or any parent directory; "
                    + "see 'go help modules'");
        } catch (IOException e) {
            throw new ResolveException("reading " + file + ": " + e.getMessage(), e);
        }
        GoMod mod;
        try {
            mod = GoMod.parse(name, data);
        } catch (GoModParseException e) {
            throw new ResolveException("errors parsing go.mod:\n" + e.getMessage(), e);
        }
        if (mod.modulePath().isEmpty()) {
            throw new ResolveException("error reading " + file + ": missing module declaration. "
                    + "To specify the module path:\n\tgo mod edit -module=example.com/mod");
        }
        try {
            ModulePath.checkImportPath(mod.modulePath());
        } catch (InvalidModuleException e) {
            throw new ResolveException(e.getMessage().replaceFirst("^malformed import path", "malformed module path"), e);
        }
        return new MainModule(dir, mod);
    }

    public static MainModule of(Path dir, GoMod goMod) throws ResolveException {
        return new MainModule(dir, goMod);
    }

    public Path dir() {
        return dir;
    }

    public GoMod goMod() {
        return goMod;
    }

    public String path() {
        return goMod.modulePath();
    }

    /// The main module as a graph node (empty version).
    public ModuleVersion version() {
        return new ModuleVersion(goMod.modulePath(), "");
    }

    /// The replacement for m: a version-specific `replace` first, then a path-wide one; null when none.
    public ModuleVersion replacement(ModuleVersion m) {
        ModuleVersion r = replace.get(m);
        if (r == null) {
            r = replace.get(new ModuleVersion(m.path(), ""));
        }
        return r;
    }

    public boolean isExcluded(ModuleVersion m) {
        return exclude.contains(m);
    }

}

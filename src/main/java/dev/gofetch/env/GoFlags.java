package dev.gofetch.env;

import java.util.Map;

/// GOFLAGS split as the go command splits it (`-flag` / `-flag=value`, whitespace separated).
public record GoFlags(Map<String, String> flags) {
    public GoFlags {
        flags = Map.copyOf(flags);
    }

    /// Value of `-name=value`, "true" for a bare `-name`, or null when absent.
    public String get(String name) {
        return flags.get(name);
    }

    public boolean modCacheRw() {
        String v = flags.get("modcacherw");
        return v != null && !v.equals("false");
    }

    /// `-mod=` value or "" when not set.
    public String mod() {
        return flags.getOrDefault("mod", "");
    }
}

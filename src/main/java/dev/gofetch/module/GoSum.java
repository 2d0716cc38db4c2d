package dev.gofetch.module;

import java.util.List;
import java.util.Map;

/// The lines of a go.sum file: for each key (a module version, or `version/go.mod`) its hashes.
public final class GoSum {
    /// Parses go.sum content as `readGoSum` does; blank lines skipped, the empty-go.mod legacy hash dropped.
    /// @throws GoModParseException `malformed go.sum:\n<file>:<line>: wrong number of fields <n>`
    public static GoSum parse(String fileName, byte[] data) { throw new UnsupportedOperationException("TODO"); }

    public static GoSum empty() { throw new UnsupportedOperationException("TODO"); }

    /// The hashes recorded for a key, in file order; empty if none.
    public List<String> hashes(ModuleVersion key) { throw new UnsupportedOperationException("TODO"); }

    /// Adds a hash (no-op if present).
    public void add(ModuleVersion key, String hash) { throw new UnsupportedOperationException("TODO"); }

    public Map<ModuleVersion, List<String>> entries() { throw new UnsupportedOperationException("TODO"); }

    /// The file as the go command writes it: keys in go.sum order, hashes sorted and de-duplicated.
    public byte[] format() { throw new UnsupportedOperationException("TODO"); }
}

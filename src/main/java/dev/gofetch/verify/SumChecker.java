package dev.gofetch.verify;

import dev.gofetch.module.GoSum;
import dev.gofetch.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// Checks downloaded `.mod` and `.zip` hashes against go.sum as `checkModSum` does, and remembers the
/// hashes that go.sum lacks so they can be added. Thread-safe.
public final class SumChecker {
    static final String GO_SUM_MISMATCH = """


            SECURITY ERROR
            This download does NOT match an earlier download recorded in go.sum.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.
            """;

    private final GoSum goSum;
    private final String goSumName;
    private final Map<ModuleVersion, String> added = new ConcurrentHashMap<>();

    /// @param goSum the main module's go.sum, or null outside a module (nothing to check or record)
    public SumChecker(GoSum goSum, String goSumName) {
        this.goSum = goSum;
        this.goSumName = goSumName;
    }

    public static SumChecker none() {
        return new SumChecker(null, "go.sum");
    }

    /// Accepts hash for key (`path version` or `path version/go.mod`) unless go.sum records another.
    /// @param mirror where the bytes came from, for the error
    public void check(ModuleVersion key, String hash, String mirror) throws ChecksumMismatchException {
        if (goSum == null) {
            return;
        }
        List<String> recorded;
        synchronized (goSum) {
            recorded = new ArrayList<>(goSum.hashes(key));
        }
        for (String h : recorded) {
            if (h.equals(hash)) {
                return;
            }
            if (h.startsWith("h1:")) {
                String message = "verifying " + key.path() + "@" + key.version() + ": checksum mismatch\n"
                        + "\tdownloaded: " + hash + "\n"
                        + "\t" + goSumName + ":     " + h
                        + (mirror.isEmpty() ? "" : "\n\tserved by:  " + mirror)
                        + GO_SUM_MISMATCH;
                throw new ChecksumMismatchException(message.stripTrailing(), hash, h, mirror);
            }
        }
        added.putIfAbsent(key, hash);
    }

    /// Whether go.sum (or this run) already has a hash for key (`HaveSum`).
    public boolean have(ModuleVersion key) {
        if (goSum == null) {
            return false;
        }
        synchronized (goSum) {
            if (!goSum.hashes(key).isEmpty()) {
                return true;
            }
        }
        return added.containsKey(key);
    }

    /// Whether the go.sum file itself (not this run's additions) records an `h1:` hash for key —
    /// what `-mod=readonly` requires before a go.mod may be used.
    public boolean recorded(ModuleVersion key) {
        if (goSum == null) {
            return false;
        }
        synchronized (goSum) {
            return goSum.hashes(key).stream().anyMatch(h -> h.startsWith("h1:"));
        }
    }

    /// The `h1:` hash go.sum records for key, or null.
    public String expected(ModuleVersion key) {
        if (goSum == null) {
            return null;
        }
        synchronized (goSum) {
            return goSum.hashes(key).stream().filter(h -> h.startsWith("h1:")).findFirst().orElse(null);
        }
    }

    /// The hashes this run accepted that go.sum did not have.
    public Map<ModuleVersion, String> added() {
        return Map.copyOf(added);
    }

    /// go.sum with the accepted hashes added, or null outside a module.
    public GoSum withAdded() {
        if (goSum == null) {
            return null;
        }
        synchronized (goSum) {
            added.forEach(goSum::add);
            return goSum;
        }
    }
}

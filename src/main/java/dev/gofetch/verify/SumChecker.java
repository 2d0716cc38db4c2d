package dev.gofetch.verify;

import dev.gofetch.module.GoSum;
import dev.gofetch.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// Checks downloaded `.mod` and `.zip` hashes against go.sum as `checkModSum` does, and remembers the
/// hashes that go.sum lacks so they can be added. A hash go.sum lacks is first checked against the
/// checksum database, when there is one and it covers the module (`checkSumDB`). Thread-safe.
public final class SumChecker {
    /// The checksum database behind go.sum.
    public interface Database {
        /// Whether the module path's hashes are checked against the database at all (GOSUMDB, GONOSUMDB).
        boolean uses(String path);

        /// Accepts hash for key (`path version` or `path version/go.mod`) only if the database has it.
        /// The message of a failure starts `verifying module: ` or `verifying go.mod: `; the caller
        /// names the module. A {@link ChecksumMismatchException} is fatal.
        /// @param mirror where the bytes came from ("" for the module cache), for the error
        void verify(ModuleVersion key, String hash, String mirror) throws IOException;
    }

    static final String GO_SUM_MISMATCH = """


            SECURITY ERROR
            This download does NOT match an earlier download recorded in go.sum.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.
            """;

    private final GoSum goSum;
    private final String goSumName;
    private final Database database;
    private final Map<ModuleVersion, String> added = new ConcurrentHashMap<>();

    /// @param goSum the main module's go.sum, or null outside a module (nothing to check or record)
    public SumChecker(GoSum goSum, String goSumName) {
        this(goSum, goSumName, null);
    }

    /// @param goSum    the main module's go.sum, or null outside a module (nothing to record)
    /// @param database the checksum database for hashes go.sum lacks, or null for none
    public SumChecker(GoSum goSum, String goSumName, Database database) {
        this.goSum = goSum;
        this.goSumName = goSumName;
        this.database = database;
    }

    /// No go.sum and no checksum database: every hash is accepted.
    public static SumChecker none() {
        return new SumChecker(null, "go.sum");
    }

    /// Outside any module: no go.sum, but the checksum database is still consulted.
    public static SumChecker outsideModule(Database database) {
        return new SumChecker(null, "go.sum", database);
    }

    /// Accepts hash for key (`path version` or `path version/go.mod`) unless go.sum records another, or,
    /// when go.sum has none, the checksum database disagrees or cannot confirm it.
    /// @param mirror where the bytes came from, for the error
    /// @throws ChecksumMismatchException when go.sum records another hash (fatal)
    /// @throws IOException when the checksum database rejects or cannot confirm the hash
    public void check(ModuleVersion key, String hash, String mirror) throws IOException {
        if (goSum == null) {
            checkDatabase(key, hash, mirror);
            return;
        }
        List<String> recorded;
        synchronized (goSum) {
            recorded = new ArrayList<>(goSum.hashes(key));
        }
        String earlier = added.get(key);
        if (earlier != null) {
            recorded.add(earlier);
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
        checkDatabase(key, hash, mirror);
        added.putIfAbsent(key, hash);
    }

    private void checkDatabase(ModuleVersion key, String hash, String mirror) throws IOException {
        if (database != null && database.uses(key.path())) {
            database.verify(key, hash, mirror);
        }
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

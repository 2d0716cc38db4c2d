package dev.gofetch.sumdb;

import dev.gofetch.env.GoEnv;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.proxy.Transport;
import dev.gofetch.verify.SumChecker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/// The checksum database as the go command consults it for hashes go.sum does not have (`useSumDB`,
/// `lookupSumDB`, `checkSumDB` in cmd/go/internal/modfetch): not at all with `GOSUMDB=off` or for paths
/// matching GONOSUMDB (which defaults to GOPRIVATE); otherwise every hash must be the one the database
/// proves it has. GOSUMDB is only read, and the database only reached, when a first lookup is needed.
/// One per session; thread-safe.
public final class ChecksumDatabase implements SumChecker.Database {
    static final String MISMATCH = """


            SECURITY ERROR
            This download does NOT match the one reported by the checksum server.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.
            """;

    static final String ABSENT = """


            SECURITY ERROR
            This download does NOT match one reported by the checksum server.
            The checksum server has provided checksums, but the checksums do
            not contain an entry for the download.
            The checksum server may be malfunctioning, or an attacker may have
            intercepted the checksum request.
            The download cannot be verified.

            For more information, see 'go help module-auth'.
            """;

    private final String gosumdb;
    private final String gonosumdb;
    private final String goproxy;
    private final ProxyList proxies;
    private final Transport transport;
    private final Supplier<Path> configDir;
    private final Path cacheDir;
    private final Memo<String, Dialed> dial = new Memo<>();

    private record Dialed(String name, SumdbClient client) {}

    /// @param gosumdb   the GOSUMDB setting
    /// @param gonosumdb the GONOSUMDB setting (GOPRIVATE's value when unset)
    /// @param goproxy   the GOPROXY setting as written (for the toolchain exception)
    /// @param configDir `$GOPATH/pkg/sumdb` (may throw `missing $GOPATH: ...` when asked)
    /// @param cacheDir  `$GOMODCACHE/cache/download/sumdb`
    public ChecksumDatabase(String gosumdb, String gonosumdb, String goproxy, ProxyList proxies, Transport transport,
            Supplier<Path> configDir, Path cacheDir) {
        this.gosumdb = Objects.requireNonNull(gosumdb);
        this.gonosumdb = Objects.requireNonNull(gonosumdb);
        this.goproxy = Objects.requireNonNull(goproxy);
        this.proxies = Objects.requireNonNull(proxies);
        this.transport = Objects.requireNonNull(transport);
        this.configDir = Objects.requireNonNull(configDir);
        this.cacheDir = Objects.requireNonNull(cacheDir);
    }

    /// The database the go command would use with these settings.
    public static ChecksumDatabase fromEnv(GoEnv env, ProxyList proxies, Transport transport) {
        return new ChecksumDatabase(env.get("GOSUMDB"), env.get("GONOSUMDB"), env.get("GOPROXY"), proxies, transport,
                env::sumdbDir, env.modCache().resolve("cache/download/sumdb"));
    }

    /// Whether a module path's hashes are checked against the database (`useSumDB`). Toolchain modules
    /// always are (they cannot be listed in go.sum), unless GOPROXY is one `file://` URL.
    @Override
    public boolean uses(String path) {
        if (path.equals("golang.org/toolchain")
                && !(goproxy.startsWith("file://") && goproxy.indexOf(',') < 0 && goproxy.indexOf('|') < 0)) {
            return true;
        }
        return !gosumdb.equals("off") && !ModulePath.matchPrefixPatterns(gonosumdb, path);
    }

    /// The database's go.sum lines for path at version (`/go.mod` suffix allowed), proven in its log.
    /// @throws SumdbSecurityException when the database showed a forked log
    public List<String> lookup(String path, String version) throws IOException {
        return dialed().client.lookup(path, version);
    }

    /// The database's name (from GOSUMDB; no network).
    public String name() throws IOException {
        return dialed().name;
    }

    private Dialed dialed() throws IOException {
        try {
            return dial.get("", () -> {
                SumdbConfig config = SumdbConfig.parse(gosumdb);
                SumdbAccess access = new SumdbAccess(config, proxies, transport, configDir, cacheDir);
                return new Dialed(config.name(), new SumdbClient(config.verifierKey(), access));
            });
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new SumdbException(e.toString(), e);
        }
    }

    /// `checkSumDB`: key (`path version` or `path version/go.mod`) must have hash in the database.
    /// Failures read `verifying module: ...` or `verifying go.mod: ...` (the caller names the module);
    /// a different hash is the go command's SECURITY ERROR, naming the database's hash and the mirror.
    /// @throws SumdbSecurityException when the database showed a forked log (fatal)
    @Override
    public void verify(ModuleVersion key, String hash, String mirror) throws IOException {
        String noun = key.version().endsWith("/go.mod") ? "go.mod" : "module";
        String dbName;
        List<String> lines;
        try {
            Dialed d = dialed();
            dbName = d.name;
            lines = d.client.lookup(key.path(), key.version());
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (IOException e) {
            throw new SumdbException("verifying " + noun + ": " + e.getMessage(), e);
        }
        String have = key.path() + " " + key.version() + " " + hash;
        String prefix = key.path() + " " + key.version() + " h1:";
        for (String line : lines) {
            if (line.equals(have)) {
                return;
            }
            if (line.startsWith(prefix)) {
                String theirs = line.substring(prefix.length() - "h1:".length());
                throw new SumdbMismatchException("verifying " + noun + ": checksum mismatch\n"
                        + "\tdownloaded: " + hash + "\n"
                        + "\t" + dbName + ": " + theirs
                        + (mirror.isEmpty() ? "" : "\n\tserved by:  " + mirror)
                        + MISMATCH, hash, theirs, mirror);
            }
        }
        throw new SumdbException("verifying " + noun + ": checksum missing from sumdb response" + ABSENT);
    }
}

package dev.gofetch.proxy;

import dev.gofetch.module.RevInfo;

import dev.gofetch.module.GoStrings;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.PseudoVersion;
import dev.gofetch.module.Semver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/// The GOPROXY protocol against one base URL for one module path (`proxyRepo` in cmd/go).
final class ProxyRepo implements ModuleSource {
    static final long MAX_ZIP_FILE = 500L << 20;

    private final Transport transport;
    private final URI base;
    private final String path;
    private final String escapedPath;

    ProxyRepo(Transport transport, URI base, String path) throws ModuleFetchException {
        this.transport = transport;
        this.base = base;
        this.path = path;
        try {
            this.escapedPath = ModulePath.escapePath(path);
        } catch (InvalidModuleException e) {
            throw new ModuleFetchException(path, "", e.getMessage(), false, e);
        }
    }

    String baseText() {
        return Transport.redact(base);
    }

    @Override
    public VersionList versionList(String prefix) throws ModuleFetchException {
        return new VersionList(versions(), null);
    }

    List<String> versions() throws ModuleFetchException {
        byte[] data = getBytes("@v/list", "");
        List<String> list = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 1 && Semver.isValid(f[0]) && !PseudoVersion.isPseudoVersion(f[0])) {
                list.add(f[0]);
            }
        }
        Semver.sort(list);
        return list;
    }

    @Override
    public RevInfo stat(String rev) throws ModuleFetchException {
        String enc = escapeVersion(rev);
        byte[] data = getBytes("@v/" + enc + ".info", rev);
        RevInfo info = parseInfo(data, rev);
        if (!info.version().equals(rev) && rev.equals(ModulePath.canonicalVersion(rev)) && isValidFor(rev)) {
            throw versionError(rev, "proxy returned info for version " + info.version()
                    + " instead of requested version", false, null);
        }
        return info;
    }

    @Override
    public RevInfo latest() throws ModuleFetchException {
        byte[] data = getBytes("@latest", "");
        return parseInfo(data, "");
    }

    @Override
    public byte[] goMod(String version) throws ModuleFetchException {
        requireCanonical(version, "GoMod");
        return getBytes("@v/" + escapeVersion(version) + ".mod", version);
    }

    /// Streams the zip into dst; at most 500 MiB.
    @Override
    public void zip(String version, OutputStream dst) throws ModuleFetchException {
        requireCanonical(version, "Zip");
        String enc = escapeVersion(version);
        try (Transport.Response res = get("@v/" + enc + ".zip", version)) {
            InputStream in = res.body();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_ZIP_FILE) {
                        throw versionError(version, "downloaded zip file too large", false, null);
                    }
                    dst.write(buf, 0, n);
                }
            } catch (ModuleFetchException e) {
                throw e;
            } catch (IOException e) {
                throw versionError(version, "read " + GoStrings.quote(res.redactedUrl()) + ": "
                        + Transport.describeReadError(e), false, e);
            }
        } catch (IOException e) {
            if (e instanceof ModuleFetchException mfe) {
                throw mfe;
            }
            throw versionError(version, e.getMessage(), false, e);
        }
    }

    private boolean isValidFor(String version) {
        try {
            ModulePath.check(path, version);
            return true;
        } catch (InvalidModuleException e) {
            return false;
        }
    }

    private void requireCanonical(String version, String what) throws ModuleFetchException {
        if (!version.equals(ModulePath.canonicalVersion(version))) {
            throw versionError(version, "internal error: version passed to " + what + " is not canonical",
                    false, null);
        }
    }

    private String escapeVersion(String version) throws ModuleFetchException {
        try {
            return ModulePath.escapeVersion(version);
        } catch (InvalidModuleException e) {
            throw versionError(version, e.getMessage(), false, e);
        }
    }

    private RevInfo parseInfo(byte[] data, String rev) throws ModuleFetchException {
        try {
            return RevInfo.parse(data);
        } catch (RevInfo.InvalidInfoException e) {
            throw versionError(rev, "invalid response from proxy " + GoStrings.quote(baseText()) + ": "
                    + e.getMessage(), false, e);
        }
    }

    private byte[] getBytes(String rel, String version) throws ModuleFetchException {
        // A body cut off part-way (truncation, reset) is read again, at most twice more.
        for (int attempt = 0; ; attempt++) {
            try (Transport.Response res = get(rel, version)) {
                return res.readAll();
            } catch (FetchException e) {
                if (attempt >= 2 || !e.getMessage().startsWith("read ")) {
                    throw wrap(version, e);
                }
            } catch (ModuleFetchException e) {
                throw e;
            } catch (IOException e) {
                throw versionError(version, e.getMessage(), false, e);
            }
        }
    }

    private Transport.Response get(String rel, String version) throws ModuleFetchException {
        try {
            return transport.get(resolve(rel));
        } catch (FetchException e) {
            throw wrap(version, e);
        }
    }

    private ModuleFetchException wrap(String version, FetchException e) {
        return versionError(version, e.getMessage(), e.isNotFound(), e);
    }

    /// cmd/go's `versionError`: a non-canonical query is reported as an invalid version.
    ModuleFetchException versionError(String version, String detail, boolean notFound, Throwable cause) {
        if (!version.isEmpty() && !version.equals(ModulePath.canonicalVersion(version))) {
            String kind = PseudoVersion.isPseudoVersion(version) ? "invalid pseudo-version: " : "invalid version: ";
            return new ModuleFetchException(path, version, kind + detail, notFound, cause);
        }
        return new ModuleFetchException(path, version, detail, notFound, cause);
    }

    URI resolve(String rel) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        while (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        String full = basePath + "/" + pathEscape(escapedPath) + "/" + pathEscape(rel);
        String s = base.getScheme() + ":" + (base.getRawAuthority() != null ? "//" + base.getRawAuthority() : "//")
                + full;
        return URI.create(s);
    }

    /// Go's `url.PathEscape` with `/` kept: `!` becomes `%21` on the wire as the go command sends it.
    static String pathEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte by : s.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/'
                    || c == '$' || c == '&' || c == '+' || c == '=' || c == ':' || c == '@') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}

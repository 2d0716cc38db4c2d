package dev.gofetch.bundle;

import dev.gofetch.module.GoSum;
import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.module.PseudoVersion;
import dev.gofetch.module.Semver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// The files of a bundle that follow from its manifest (`list` files, `go.sum`, `SHA256SUMS`):
/// the creator writes them from here and the verifier compares against them byte for byte.
final class Derived {
    private Derived() {}

    /// `@v/list` of each module path, by file name: the versions that are complete (info, go.mod and
    /// zip), valid for the path and not pseudo-versions, in semver order — what a GOPROXY lists.
    static Map<String, byte[]> lists(List<Manifest.Module> modules) {
        Map<String, List<String>> versions = new TreeMap<>();
        for (Manifest.Module m : modules) {
            List<String> vs = versions.computeIfAbsent(m.path(), k -> new ArrayList<>());
            if (m.info() != null && m.zip() != null && !PseudoVersion.isPseudoVersion(m.version())
                    && checks(m.path(), m.version())) {
                vs.add(m.version());
            }
        }
        Map<String, byte[]> lists = new TreeMap<>();
        versions.forEach((path, vs) -> {
            Semver.sort(vs);
            StringBuilder b = new StringBuilder();
            vs.forEach(v -> b.append(v).append('\n'));
            lists.put(Layout.listFile(path), b.toString().getBytes(StandardCharsets.UTF_8));
        });
        return lists;
    }

    private static boolean checks(String path, String version) {
        try {
            ModulePath.check(path, version);
            return true;
        } catch (InvalidModuleException e) {
            return false;
        }
    }

    /// go.sum lines for every go.mod and zip in the bundle, formatted as the go command writes go.sum.
    static byte[] goSum(List<Manifest.Module> modules) {
        GoSum sum = GoSum.empty();
        for (Manifest.Module m : modules) {
            sum.add(new ModuleVersion(m.path(), m.version() + "/go.mod"), m.mod().h1());
            if (m.zip() != null) {
                sum.add(new ModuleVersion(m.path(), m.version()), m.zip().h1());
            }
        }
        return sum.format();
    }

    /// `sha256sum` output for the given files (name → hex digest), in name order.
    static byte[] sha256sums(Map<String, String> hexByName) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(hexByName).forEach((name, hex) -> b.append(hex).append("  ").append(name).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    static String sha256Hex(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

package dev.gofetch.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

/// The `h1:` hash of golang.org/x/mod/sumdb/dirhash: SHA-256 over the lines
/// `<hex sha256 of content>  <name>\n` of all files sorted by name, base64-encoded.
/// This is what go.sum, the checksum database and `.ziphash` files hold.
public final class Hash1 {
    private Hash1() {}

    /// Opens the content of one file named in the list being hashed.
    @FunctionalInterface
    public interface Opener {
        InputStream open(String name) throws IOException;
    }

    /// `dirhash.Hash1`: names are sorted by Go's byte-wise order; each file is opened once, streamed
    /// and closed. A name containing a newline is rejected.
    public static String hash(Collection<String> names, Opener opener) throws IOException {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(GoStrings.BYTE_ORDER);
        MessageDigest summary = sha256();
        byte[] buf = new byte[64 * 1024];
        for (String name : sorted) {
            if (name.indexOf('\n') >= 0) {
                throw new IOException("dirhash: filenames with newlines are not supported");
            }
            MessageDigest file = sha256();
            try (InputStream in = opener.open(name)) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    file.update(buf, 0, n);
                }
            }
            summary.update((hex(file.digest()) + "  " + name + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }

    /// `dirhash.HashZip`: every entry under its stored name (directory entries count as empty files;
    /// for a repeated name the last entry's content is used for each occurrence).
    public static String hashZip(Path zip) throws IOException {
        try (GoZip z = GoZip.open(zip)) {
            List<String> names = new ArrayList<>();
            Map<String, ZipEntry> byName = new HashMap<>();
            for (ZipEntry e : z.entries()) {
                names.add(e.getName());
                byName.put(e.getName(), e);
            }
            return hash(names, name -> z.open(byName.get(name)));
        }
    }

    /// `dirhash.HashDir(dir, prefix, Hash1)`, as `go mod verify` uses it with prefix `path@version`.
    /// Every non-directory below dir is hashed as `prefix/<relative path>`; symbolic links are listed
    /// but not descended into, and their targets' bytes are read (a link to a directory fails).
    public static String hashDir(Path dir, String prefix) throws IOException {
        Map<String, Path> files = dirFiles(dir, prefix);
        return hash(files.keySet(), name -> Files.newInputStream(files.get(name)));
    }

    /// The `/go.mod` hash: Hash1 over the single file `go.mod` with exactly these bytes.
    public static String hashGoMod(byte[] goMod) {
        try {
            return hash(List.of("go.mod"), name -> new ByteArrayInputStream(goMod));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// `dirhash.DirFiles`: hashed name → file, found like `filepath.Walk` (lstat, no link following).
    static Map<String, Path> dirFiles(Path dir, String prefix) throws IOException {
        Path root = dir.normalize();
        BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            throw new IOException(root + " is not a directory");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        walk(root, "", prefix, files);
        return files;
    }

    private static void walk(Path dir, String rel, String prefix, Map<String, Path> files) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            String childRel = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
            BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                walk(child, childRel, prefix, files);
            } else {
                files.put(prefix.isEmpty() ? childRel : GoStrings.cleanPath(prefix + "/" + childRel), child);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }
}

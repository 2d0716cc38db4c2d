package dev.gofetch.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/// A minimal stand-in for the real module unzipper (ModuleZip.unzip lives in another package):
/// entries `path@version/<name>` become `<dir>/<name>`, files mode 0444 as cmd/go creates them.
final class TestUnzip {
    private TestUnzip() {}

    static ModCache.Extractor from(Path zip, String prefix) {
        return dir -> unzip(zip, prefix, dir);
    }

    static void unzip(Path zip, String prefix, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().startsWith(prefix + "/")) {
                    throw new IOException("unexpected file " + entry.getName());
                }
                Path target = dir.resolve(entry.getName().substring(prefix.length() + 1));
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
            }
        }
    }
}

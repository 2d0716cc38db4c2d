package dev.gofetch.vcs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/// The Unix file modes `git archive --format=zip` records in a zip's central directory, which
/// java.util.zip does not expose: read there, the symbolic links cost no second git command (the go
/// command sees them through its zip reader, so `-x` shows no `git ls-tree` either).
final class ArchiveModes {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int UNIX = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int SYMLINK = 0120000;

    private ArchiveModes() {
    }

    /// The names (without the archive's top-level prefix) of the symbolic links in zip, or empty when
    /// the central directory is not one this reader understands (zip64, damaged).
    static Optional<Set<String>> symlinks(byte[] zip, String prefix) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int i = zip.length - END_SIZE; i >= 0 && i >= zip.length - END_SIZE - 0xffff; i--) {
            if (b.getInt(i) == END_SIGNATURE) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        int count = Short.toUnsignedInt(b.getShort(end + 10));
        long offset = Integer.toUnsignedLong(b.getInt(end + 16));
        if (count == 0xffff || offset == 0xffffffffL || offset > zip.length) {
            return Optional.empty();
        }
        Set<String> links = new HashSet<>();
        int p = (int) offset;
        for (int n = 0; n < count; n++) {
            if (p + 46 > zip.length || b.getInt(p) != CENTRAL_SIGNATURE) {
                return Optional.empty();
            }
            int madeBy = Short.toUnsignedInt(b.getShort(p + 4)) >> 8;
            int nameLen = Short.toUnsignedInt(b.getShort(p + 28));
            int extraLen = Short.toUnsignedInt(b.getShort(p + 30));
            int commentLen = Short.toUnsignedInt(b.getShort(p + 32));
            int mode = b.getInt(p + 38) >>> 16;
            if (p + 46 + nameLen > zip.length) {
                return Optional.empty();
            }
            String name = new String(zip, p + 46, nameLen, StandardCharsets.UTF_8);
            if (madeBy == UNIX && (mode & TYPE_MASK) == SYMLINK && name.startsWith(prefix)) {
                links.add(name.substring(prefix.length()));
            }
            p += 46 + nameLen + extraLen + commentLen;
        }
        return Optional.of(links);
    }
}

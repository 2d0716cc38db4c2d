package dev.gofetch.sumdb;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/// A tree head: the log's size and root hash, as signed by a checksum database server
/// (`tlog.Tree`). Its note text is `go.sum database tree\n<N>\n<base64 hash>\n`.
public record Tree(long n, Hash hash) {
    private static final String PREFIX = "go.sum database tree\n";

    public Tree {
        Objects.requireNonNull(hash);
        if (n < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
    }

    /// The empty tree, where a client starts that has seen nothing.
    public static final Tree EMPTY = new Tree(0, Tlog.EMPTY_TREE_HASH);

    /// `tlog.FormatTree`.
    public byte[] format() {
        return (PREFIX + n + "\n" + hash + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /// `tlog.ParseTree`: later lines are ignored; the size must be canonical decimal.
    /// @throws SumdbException `malformed tree note`
    public static Tree parse(byte[] text) throws SumdbException {
        String s = new String(text, StandardCharsets.UTF_8);
        if (!s.startsWith(PREFIX) || s.chars().filter(c -> c == '\n').count() < 3 || text.length > 1_000_000) {
            throw malformed();
        }
        String[] lines = s.split("\n", 4);
        long n;
        try {
            n = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (n < 0 || !lines[1].equals(Long.toString(n))) {
            throw malformed();
        }
        try {
            return new Tree(n, Hash.parse(lines[2]));
        } catch (SumdbException e) {
            throw malformed();
        }
    }

    private static SumdbException malformed() {
        return new SumdbException("malformed tree note");
    }
}

package dev.gofetch.sumdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/// A log held in memory for tests: records appended with their stored hashes, read back as hashes
/// or tiles.
final class MemoryLog implements Tlog.HashReader, TileReader {
    final List<Hash> hashes = new ArrayList<>();
    private final int height;
    long n;

    MemoryLog(int height) {
        this.height = height;
    }

    /// A log of records "leaf 0" … "leaf count-1", as in tlog's TestTree.
    static MemoryLog leaves(int height, int count) throws IOException {
        MemoryLog log = new MemoryLog(height);
        for (int i = 0; i < count; i++) {
            log.add(leaf(i));
        }
        return log;
    }

    static byte[] leaf(long i) {
        return ("leaf " + i).getBytes(StandardCharsets.UTF_8);
    }

    void add(byte[] data) throws IOException {
        hashes.addAll(Tlog.storedHashesForRecordHash(n, Tlog.recordHash(data), this));
        n++;
    }

    Tree tree() throws IOException {
        return new Tree(n, Tlog.treeHash(n, this));
    }

    @Override
    public List<Hash> readHashes(long[] indexes) {
        List<Hash> out = new ArrayList<>();
        for (long i : indexes) {
            out.add(hashes.get((int) i));
        }
        return out;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Tile t : tiles) {
            out.add(Tile.readTileData(t, this));
        }
        return out;
    }

    @Override
    public void saveTiles(List<Tile> tiles, List<byte[]> data) {
        // nothing to save
    }
}

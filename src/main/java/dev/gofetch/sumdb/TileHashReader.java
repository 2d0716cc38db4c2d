package dev.gofetch.sumdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Reads stored hashes of a signed tree from tiles, authenticating every tile first
/// (`tlog.TileHashReader`): the tiles holding the tree's maximal complete subtrees must fold to the
/// signed root, and every other tile must hash to the entry its (authenticated) parent tile holds.
/// Hashes it returns are therefore proven to be in the tree.
public final class TileHashReader implements Tlog.HashReader {
    static final String INCONSISTENT = "downloaded inconsistent tile";

    private final Tree tree;
    private final TileReader reader;

    public TileHashReader(Tree tree, TileReader reader) {
        this.tree = tree;
        this.reader = reader;
    }

    @Override
    public List<Hash> readHashes(long[] indexes) throws IOException {
        int h = reader.height();
        Map<Tile, Integer> tileOrder = new HashMap<>();
        List<Tile> tiles = new ArrayList<>();

        // The tiles that recompute the tree hash: if it matches, they are authentic.
        long[] stx = Tlog.subTreeIndex(0, tree.n(), new Tlog.LongList()).toArray();
        int[] stxTileOrder = new int[stx.length];
        for (int i = 0; i < stx.length; i++) {
            Tile tile = Tile.forIndex(h, stx[i]).parent(0, tree.n());
            Integer j = tileOrder.get(tile);
            if (j != null) {
                stxTileOrder[i] = j;
                continue;
            }
            stxTileOrder[i] = tiles.size();
            tileOrder.put(tile, tiles.size());
            tiles.add(tile);
        }

        // The tiles holding the indexes, with the parents needed to authenticate them.
        int[] indexTileOrder = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            long x = indexes[i];
            if (x >= Tlog.storedHashIndex(0, tree.n())) {
                throw new SumdbException("indexes not in tree");
            }
            Tile tile = Tile.forIndex(h, x);
            int k = 0;
            for (;; k++) {
                Tile p = tile.parent(k, tree.n());
                Integer j = tileOrder.get(p);
                if (j != null) {
                    if (k == 0) {
                        indexTileOrder[i] = j;
                    }
                    break;
                }
            }
            for (k--; k >= 0; k--) {
                Tile p = tile.parent(k, tree.n());
                if (!p.isFull()) {
                    throw new SumdbException("bad math in tileHashReader: " + tree.n() + " " + x + " " + p);
                }
                tileOrder.put(p, tiles.size());
                if (k == 0) {
                    indexTileOrder[i] = tiles.size();
                }
                tiles.add(p);
            }
        }

        List<byte[]> data = reader.readTiles(tiles);
        if (data.size() != tiles.size()) {
            throw new SumdbException("TileReader returned bad result slice (len=" + data.size() + ", want "
                    + tiles.size() + ")");
        }
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            if (data.get(i).length != tile.w() * Hash.SIZE) {
                throw new SumdbException("TileReader returned bad result slice (" + tile.path() + " len="
                        + data.get(i).length + ", want " + tile.w() * Hash.SIZE + ")");
            }
        }

        // Parents are authenticated before their children: first the tree hash.
        Hash th = null;
        for (int i = stx.length - 1; i >= 0; i--) {
            Hash sub = Tile.hashFromTile(tiles.get(stxTileOrder[i]), data.get(stxTileOrder[i]), stx[i]);
            th = th == null ? sub : Tlog.nodeHash(sub, th);
        }
        if (th == null) {
            th = Tlog.EMPTY_TREE_HASH;
        }
        if (!th.equals(tree.hash())) {
            throw new SumdbException(INCONSISTENT);
        }

        // Then the remaining (full) tiles against their parents.
        int first = stx.length == 0 ? 0 : stxTileOrder[stx.length - 1] + 1;
        for (int i = first; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            Tile p = tile.parent(1, tree.n());
            Integer j = tileOrder.get(p);
            if (j == null) {
                throw new SumdbException("bad math in tileHashReader " + tree.n() + ": lost parent of " + tile);
            }
            Hash expected = Tile.hashFromTile(p, data.get(j), Tlog.storedHashIndex(p.l() * p.h(), tile.n()));
            byte[] d = data.get(i);
            if (!expected.equals(Tile.tileHash(d, 0, d.length))) {
                throw new SumdbException(INCONSISTENT);
            }
        }

        reader.saveTiles(tiles, data);

        List<Hash> hashes = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            int j = indexTileOrder[i];
            hashes.add(Tile.hashFromTile(tiles.get(j), data.get(j), indexes[i]));
        }
        return hashes;
    }
}

package dev.gofetch.sumdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// A tile of the log (`tlog.Tile`): the w consecutive stored hashes at tree level h·l starting at
/// offset n·2^h; complete when w = 2^h. Level −1 is a data tile (the records themselves).
/// Its path is `tile/<h>/<l or data>/<n in 3-digit groups, all but the last prefixed x>[.p/<w>]`.
public record Tile(int h, int l, long n, int w) {
    private static final int PATH_BASE = 1000;

    /// The tile of height h and least width holding the stored hash index.
    public static Tile forIndex(int h, long index) {
        return locate(h, index).tile;
    }

    /// A tile, and the byte range of its data whose tile hash is the stored hash asked for.
    record Located(Tile tile, int start, int end) {}

    static Located locate(int h, long index) {
        if (h <= 0) {
            throw new IllegalArgumentException("TileForIndex: invalid height " + h);
        }
        long[] split = Tlog.splitStoredHashIndex(index);
        int level = (int) split[0];
        long n = split[1];
        int l = level / h;
        level -= l * h; // level within the tile
        long tileN = n << level >> h;
        n -= tileN << h >> level; // n within the tile at that level
        int w = (int) ((n + 1) << level);
        return new Located(new Tile(h, l, tileN, w), (int) (n << level) * Hash.SIZE, (int) ((n + 1) << level) * Hash.SIZE);
    }

    public boolean isFull() {
        return w == 1 << h;
    }

    /// This tile at full width.
    public Tile full() {
        return new Tile(h, l, n, 1 << h);
    }

    /// The stored hash at index, computed from this tile's data (this tile, or a wider one, must hold it).
    public static Hash hashFromTile(Tile t, byte[] data, long index) throws SumdbException {
        if (t.h < 1 || t.h > 30 || t.l < 0 || t.l >= 64 || t.w < 1 || t.w > 1 << t.h) {
            throw new SumdbException("invalid tile " + t.path());
        }
        if (data.length < t.w * Hash.SIZE) {
            throw new SumdbException("data len " + data.length + " too short for tile " + t.path());
        }
        Located x = locate(t.h, index);
        if (t.l != x.tile.l || t.n != x.tile.n || t.w < x.tile.w) {
            throw new SumdbException("index " + index + " is in " + x.tile.path() + " not " + t.path());
        }
        return tileHash(data, x.start, x.end);
    }

    /// The subtree hash over the hashes in data[from, to) (a power of two of them).
    static Hash tileHash(byte[] data, int from, int to) {
        if (to - from == Hash.SIZE) {
            return Hash.of(data, from);
        }
        int mid = from + (to - from) / 2;
        return Tlog.nodeHash(tileHash(data, from, mid), tileHash(data, mid, to));
    }

    /// The tiles of height h to publish when the tree grows from oldSize to newSize records.
    public static List<Tile> newTiles(int h, long oldSize, long newSize) {
        if (h <= 0) {
            throw new IllegalArgumentException("NewTiles: invalid height " + h);
        }
        List<Tile> tiles = new ArrayList<>();
        for (int level = 0; (newSize >> (h * level)) > 0; level++) {
            long oldN = oldSize >> (h * level);
            long newN = newSize >> (h * level);
            if (oldN == newN) {
                continue;
            }
            for (long n = oldN >> h; n < newN >> h; n++) {
                tiles.add(new Tile(h, level, n, 1 << h));
            }
            long n = newN >> h;
            int w = (int) (newN - (n << h));
            if (w > 0) {
                tiles.add(new Tile(h, level, n, w));
            }
        }
        return tiles;
    }

    /// The hash data of tile t (w × 32 bytes) read from r.
    public static byte[] readTileData(Tile t, Tlog.HashReader r) throws IOException {
        int size = t.w == 0 ? 1 << t.h : t.w;
        long start = t.n << t.h;
        long[] indexes = new long[size];
        for (int i = 0; i < size; i++) {
            indexes[i] = Tlog.storedHashIndex(t.h * t.l, start + i);
        }
        List<Hash> hashes = r.readHashes(indexes);
        if (hashes.size() != size) {
            throw new SumdbException("tlog: ReadHashes(" + size + " indexes) = " + hashes.size() + " hashes");
        }
        byte[] data = new byte[size * Hash.SIZE];
        for (int i = 0; i < size; i++) {
            hashes.get(i).copyTo(data, i * Hash.SIZE);
        }
        return data;
    }

    /// This tile's k'th ancestor among the tiles of a tree of size treeSize, or null if there is none.
    Tile parent(int k, long treeSize) {
        int pl = l + k;
        long pn = n >> (k * h);
        int pw = 1 << h;
        long max = treeSize >> (pl * h);
        if ((pn << h) + pw >= max) {
            if ((pn << h) >= max) {
                return null;
            }
            pw = (int) (max - (pn << h));
        }
        return new Tile(h, pl, pn, pw);
    }

    /// The tile coordinate path, e.g. `tile/8/0/x001/234.p/17`.
    public String path() {
        long x = n;
        StringBuilder digits = new StringBuilder(String.format("%03d", x % PATH_BASE));
        while (x >= PATH_BASE) {
            x /= PATH_BASE;
            digits.insert(0, String.format("x%03d/", x % PATH_BASE));
        }
        String partial = w != 1 << h ? ".p/" + w : "";
        String level = l == -1 ? "data" : Integer.toString(l);
        return "tile/" + h + "/" + level + "/" + digits + partial;
    }

    /// `tlog.ParseTilePath`: only the canonical encoding is accepted.
    /// @throws SumdbException `malformed tile path "<path>"`
    public static Tile parse(String path) throws SumdbException {
        String[] f = path.split("/", -1);
        if (f.length < 4 || !f[0].equals("tile")) {
            throw badPath(path);
        }
        Integer h = atoi(f[1]);
        boolean isData = f[2].equals("data");
        Integer l = isData ? Integer.valueOf(0) : atoi(f[2]);
        if (h == null || l == null || h < 1 || l < 0 || h > 30) {
            throw badPath(path);
        }
        int w = 1 << h;
        List<String> parts = new ArrayList<>(Arrays.asList(f));
        String dotP = parts.get(parts.size() - 2);
        if (dotP.endsWith(".p")) {
            Integer ww = atoi(parts.get(parts.size() - 1));
            if (ww == null || ww <= 0 || ww >= w) {
                throw badPath(path);
            }
            w = ww;
            parts.set(parts.size() - 2, dotP.substring(0, dotP.length() - 2));
            parts.remove(parts.size() - 1);
        }
        long n = 0;
        for (String s : parts.subList(3, parts.size())) {
            Integer nn = atoi(s.startsWith("x") ? s.substring(1) : s);
            if (nn == null || nn < 0 || nn >= PATH_BASE) {
                throw badPath(path);
            }
            n = n * PATH_BASE + nn;
        }
        Tile t = new Tile(h, isData ? -1 : l, n, w);
        if (!path.equals(t.path())) {
            throw badPath(path);
        }
        return t;
    }

    /// `strconv.Atoi` on short decimal strings (sign allowed), or null.
    private static Integer atoi(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return null;
        }
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(s);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : (int) v;
    }

    private static SumdbException badPath(String path) {
        return new SumdbException("malformed tile path " + dev.gofetch.module.GoStrings.quote(path));
    }
}

package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/// Vectors from golang.org/x/mod/sumdb/tlog/tile_test.go and GO-MODULES-REFERENCE §5.8.
class TileTest {

    @ParameterizedTest
    @CsvSource({
        "8, 0, 0, 256, tile/8/0/000",
        "8, 0, 1234, 17, tile/8/0/x001/234.p/17",
        "8, 1, 5, 256, tile/8/1/005",
        "8, -1, 1234567, 3, tile/8/data/x001/x234/567.p/3",
        "4, 0, 1, 16, tile/4/0/001",
        "4, 0, 1, 5, tile/4/0/001.p/5",
        "3, 5, 123456078, 8, tile/3/5/x123/x456/078",
        "3, 5, 123456078, 2, tile/3/5/x123/x456/078.p/2",
        "1, -1, 3057500, 2, tile/1/data/x003/x057/500",
        "3, 4, 1234067, 1, tile/3/4/x001/x234/067.p/1",
    })
    void tilePathsEncodeAndParse(int h, int l, long n, int w, String path) throws Exception {
        Tile t = new Tile(h, l, n, w);
        assertThat(t.path()).isEqualTo(path);
        assertThat(Tile.parse(path)).isEqualTo(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tile/3/5/123/456/078", "tile/3/-1/123/456/078", "tile/1/0/x003/x057/500.p/2",
        "tile/4/0/001.p/16", "tile/4/0/001.p/0", "tile/0/0/000", "tile/31/0/000", "tile/4/0", "tyle/4/0/000",
        "tile/4/0/0001", "tile/4/0/01", "tile/+4/0/000", "tile/4/0/x000/001"})
    void nonCanonicalTilePathsAreRejected(String path) {
        assertThatThrownBy(() -> Tile.parse(path)).hasMessage("malformed tile path \"" + path + "\"");
    }

    @Test
    void tileForIndexHasTheLeastWidth() {
        assertThat(Tile.forIndex(8, Tlog.storedHashIndex(0, 1000)).path()).isEqualTo("tile/8/0/003.p/233");
        assertThat(Tile.forIndex(8, Tlog.storedHashIndex(0, 255))).isEqualTo(new Tile(8, 0, 0, 256));
        assertThat(Tile.forIndex(8, Tlog.storedHashIndex(8, 0))).isEqualTo(new Tile(8, 1, 0, 1));
        // A hash inside a tile (level 3 of 8) is rebuilt from 8 level-0 hashes.
        assertThat(Tile.forIndex(8, Tlog.storedHashIndex(3, 2))).isEqualTo(new Tile(8, 0, 0, 24));
    }

    @ParameterizedTest
    @CsvSource({"1,1,0", "100,101,1", "1023,1025,3", "1024,1030,1", "1030,2000,1", "1030,10000,10",
        "49516517,49516586,3"})
    void newTilesCountWhatAGrowingTreePublishes(long oldSize, long newSize, int count) {
        assertThat(Tile.newTiles(10, oldSize, newSize)).hasSize(count);
    }

    @Test
    void hashFromTileRecomputesInteriorHashes() throws Exception {
        MemoryLog log = MemoryLog.leaves(2, 30);
        for (long index = 0; index < Tlog.storedHashIndex(0, 28); index++) {
            Tile t = Tile.forIndex(2, index);
            byte[] data = Tile.readTileData(t, log);
            assertThat(Tile.hashFromTile(t, data, index)).as("index %d", index).isEqualTo(log.hashes.get((int) index));
            Tile full = t.full();
            if (Tlog.storedHashIndex(full.l() * full.h(), (full.n() << full.h()) + full.w() - 1) < log.hashes.size()) {
                assertThat(Tile.hashFromTile(full, Tile.readTileData(full, log), index)).isEqualTo(log.hashes.get((int) index));
            }
        }
        assertThatThrownBy(() -> Tile.hashFromTile(new Tile(2, 0, 1, 4), new byte[128], 0))
                .hasMessage("index 0 is in tile/2/0/000.p/1 not tile/2/0/001");
        assertThatThrownBy(() -> Tile.hashFromTile(new Tile(2, 0, 0, 4), new byte[64], 0))
                .hasMessage("data len 64 too short for tile tile/2/0/000");
    }

    /// tile_test.go's TestTileHashReader: every hash of every tree size reads back through tiles, and
    /// zeroing any stored hash in the served tiles is detected.
    @Test
    void tileHashReaderReadsEveryHashAndDetectsEveryTamperedOne() throws Exception {
        MemoryLog log = new MemoryLog(2);
        for (int size = 1; size <= 36; size++) {
            log.add(MemoryLog.leaf(log.n));
            Tree tree = log.tree();
            long count = Tlog.storedHashIndex(0, log.n);
            long[] all = new long[(int) count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
                TileHashReader r = new TileHashReader(tree, log);
                assertThat(r.readHashes(new long[] {i})).containsExactly(log.hashes.get(i));
            }
            assertThat(new TileHashReader(tree, log).readHashes(all)).isEqualTo(log.hashes.subList(0, (int) count));
            for (long i = 0; i < count; i++) {
                TileHashReader tampered = new TileHashReader(tree, zeroIndex(log, i));
                long index = i;
                assertThatThrownBy(() -> tampered.readHashes(new long[] {index})).as("N=%d tampered=%d", log.n, i)
                        .isInstanceOf(SumdbException.class);
                assertThatThrownBy(() -> tampered.readHashes(all)).isInstanceOf(SumdbException.class);
            }
        }
        assertThatThrownBy(() -> new TileHashReader(log.tree(), log).readHashes(new long[] {Tlog.storedHashIndex(0, log.n)}))
                .hasMessage("indexes not in tree");
    }

    @Test
    void inconsistentTileIsReportedAsSuch() throws Exception {
        MemoryLog log = MemoryLog.leaves(2, 9);
        TileHashReader r = new TileHashReader(log.tree(), zeroIndex(log, 0));
        assertThatThrownBy(() -> r.readHashes(new long[] {0})).hasMessage("downloaded inconsistent tile");
    }

    @Test
    void onlyAuthenticatedTilesAreSaved() throws Exception {
        MemoryLog log = MemoryLog.leaves(2, 20);
        List<Tile> saved = new ArrayList<>();
        TileReader recording = new TileReader() {
            @Override
            public int height() {
                return 2;
            }

            @Override
            public List<byte[]> readTiles(List<Tile> tiles) throws java.io.IOException {
                return log.readTiles(tiles);
            }

            @Override
            public void saveTiles(List<Tile> tiles, List<byte[]> data) {
                saved.addAll(tiles);
            }
        };
        new TileHashReader(log.tree(), recording).readHashes(new long[] {Tlog.storedHashIndex(0, 5)});
        assertThat(saved).isNotEmpty().contains(new Tile(2, 0, 1, 4));
        saved.clear();
        TileReader tampered = zeroIndex(recording, Tlog.storedHashIndex(0, 5));
        assertThatThrownBy(() -> new TileHashReader(log.tree(), tampered).readHashes(new long[] {Tlog.storedHashIndex(0, 5)}))
                .isInstanceOf(SumdbException.class);
        assertThat(saved).isEmpty();
    }

    /// Serves the same tiles as r except that the stored hash at index is zeroed (or, for a hash inside a
    /// tile, the bottom-row hashes it is computed from).
    static TileReader zeroIndex(TileReader r, long index) {
        Tile.Located x = Tile.locate(r.height(), index);
        return new TileReader() {
            @Override
            public int height() {
                return r.height();
            }

            @Override
            public List<byte[]> readTiles(List<Tile> tiles) throws java.io.IOException {
                List<byte[]> data = new ArrayList<>(r.readTiles(tiles));
                for (int i = 0; i < tiles.size(); i++) {
                    Tile t = tiles.get(i);
                    if (t.h() == x.tile().h() && t.l() == x.tile().l() && t.n() == x.tile().n()
                            && x.end() <= data.get(i).length) {
                        byte[] copy = data.get(i).clone();
                        Arrays.fill(copy, x.start(), x.end(), (byte) 0);
                        data.set(i, copy);
                    }
                }
                return data;
            }

            @Override
            public void saveTiles(List<Tile> tiles, List<byte[]> data) {
                r.saveTiles(tiles, data);
            }
        };
    }
}

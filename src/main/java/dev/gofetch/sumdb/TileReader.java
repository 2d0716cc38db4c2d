package dev.gofetch.sumdb;

import java.io.IOException;
import java.util.List;

/// Reads tiles of a log (`tlog.TileReader`), typically from a disk cache or a server. Tiles it returns
/// are suspect until {@link #saveTiles} says they were authenticated.
public interface TileReader {
    int height();

    /// One data array per tile, each exactly `w × 32` bytes.
    List<byte[]> readTiles(List<Tile> tiles) throws IOException;

    /// These tiles were authenticated against a signed tree and may be stored.
    void saveTiles(List<Tile> tiles, List<byte[]> data);
}

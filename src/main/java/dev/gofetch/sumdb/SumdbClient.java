package dev.gofetch.sumdb;

import dev.gofetch.module.InvalidModuleException;
import dev.gofetch.module.ModulePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/// A client of one checksum database (`golang.org/x/mod/sumdb.Client`): looks up a module version's
/// go.sum lines and believes them only once the record is proven to be in a signed tree that is
/// consistent with every tree this client (and, through the shared "latest" file, the go command) has
/// seen before. Thread-safe.
public final class SumdbClient {
    /// The client's window on the world: server, configuration and cache (`sumdb.ClientOps`).
    public interface Ops {
        /// The content the server serves at path (`/lookup/...` or `/tile/...`); any non-200 is an error.
        byte[] readRemote(String path) throws IOException;

        /// A configuration file: `<name>/latest`, the latest signed tree head seen; empty when none.
        byte[] readConfig(String file) throws IOException;

        /// Replaces a configuration file's content old with now, atomically.
        /// @throws WriteConflictException when the file no longer holds old
        void writeConfig(String file, byte[] old, byte[] now) throws IOException;

        /// A cache file (`<name>/lookup/...`, `<name>/tile/...`), or empty when there is none.
        Optional<byte[]> readCache(String file);

        /// Stores a cache file (only data that was verified is ever stored).
        void writeCache(String file, byte[] data);
    }

    /// {@link Ops#writeConfig} lost a race with another writer.
    public static final class WriteConflictException extends IOException {
        private static final long serialVersionUID = 1L;

        public WriteConflictException() {
            super("write conflict");
        }
    }

    private static final int DEFAULT_TILE_HEIGHT = 8;
    private static final ExecutorService TILE_FETCHERS = Executors.newCachedThreadPool(daemonThreads());

    private final String verifierKey;
    private final Ops ops;
    private final int tileHeight;
    private final Memo<String, Object> init = new Memo<>();
    private final Memo<String, byte[]> records = new Memo<>();
    private final Memo<Tile, byte[]> tiles = new Memo<>();
    private final Set<Tile> tileSaved = ConcurrentHashMap.newKeySet();
    private final TileReader tileReader = new ClientTileReader();
    private final java.util.Map<String, Tree> verifiedNotes = new ConcurrentHashMap<>();

    private volatile NoteVerifier verifier;
    private final Object latestLock = new Object();
    private Tree latest = Tree.EMPTY; // guarded by latestLock
    private byte[] latestMsg = new byte[0]; // guarded by latestLock

    public SumdbClient(String verifierKey, Ops ops) {
        this(verifierKey, ops, DEFAULT_TILE_HEIGHT);
    }

    SumdbClient(String verifierKey, Ops ops, int tileHeight) {
        this.verifierKey = Objects.requireNonNull(verifierKey);
        this.ops = Objects.requireNonNull(ops);
        this.tileHeight = tileHeight;
    }

    private void init() throws SumdbException {
        try {
            init.get("", () -> {
                try {
                    verifier = NoteVerifier.parse(verifierKey.strip());
                    mergeLatest(ops.readConfig(verifier.name() + "/latest"));
                } catch (SumdbSecurityException e) {
                    throw e;
                } catch (IOException e) {
                    throw new SumdbException("initializing sumdb.Client: " + e.getMessage(), e);
                }
                return Boolean.TRUE;
            });
        } catch (SumdbException e) {
            throw e;
        } catch (Exception e) {
            throw new SumdbException("initializing sumdb.Client: " + e.getMessage(), e);
        }
    }

    /// The go.sum lines the database has for path at version (a version may end in `/go.mod`), after
    /// proving the record. Failures read `<path>@<version>: <reason>`.
    /// @throws SumdbSecurityException when the server showed a tree inconsistent with an earlier one
    public List<String> lookup(String path, String version) throws IOException {
        String remotePath;
        String file;
        byte[] text;
        try {
            init();
            String escVersion;
            String escPath;
            try {
                escPath = ModulePath.escapePath(path);
                escVersion = ModulePath.escapeVersion(version.endsWith("/go.mod")
                        ? version.substring(0, version.length() - "/go.mod".length()) : version);
            } catch (InvalidModuleException e) {
                throw new SumdbException(e.getMessage(), e);
            }
            remotePath = "/lookup/" + escPath + "@" + escVersion;
            file = verifier.name() + remotePath;
            text = records.get(file, () -> fetchRecord(remotePath, file));
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new SumdbException(path + "@" + version + ": " + e.getMessage(), e);
        }
        String prefix = path + " " + version + " ";
        List<String> lines = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith(prefix)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private byte[] fetchRecord(String remotePath, String file) throws IOException {
        boolean fromServer = false;
        byte[] data = ops.readCache(file).orElse(null);
        if (data == null) {
            data = ops.readRemote(remotePath);
            fromServer = true;
        }
        LogRecord.Parsed parsed = LogRecord.parse(data);
        mergeLatest(parsed.rest());
        checkRecord(parsed.record().id(), parsed.record().text());
        if (fromServer) {
            ops.writeCache(file, data);
        }
        return parsed.record().text();
    }

    /// The latest tree head this client believes (the empty tree before any).
    public Tree latest() {
        synchronized (latestLock) {
            return latest;
        }
    }

    // ---- merging tree heads ----

    private enum When { PAST, NOW, FUTURE }

    /// Merges the signed tree in msg into the latest one, proving they are on one timeline; when it moves
    /// the timeline forward, the shared "latest" file is updated too (compare-and-swap, merging any
    /// update made there in the meantime).
    private void mergeLatest(byte[] msg) throws IOException {
        if (mergeLatestMem(msg) != When.FUTURE) {
            return;
        }
        String file = verifier.name() + "/latest";
        while (true) {
            byte[] config = ops.readConfig(file);
            if (mergeLatestMem(config) != When.PAST) {
                return;
            }
            byte[] mine;
            synchronized (latestLock) {
                mine = latestMsg;
            }
            try {
                ops.writeConfig(file, config, mine);
                return;
            } catch (WriteConflictException e) {
                // someone else wrote: merge theirs and try again
            }
        }
    }

    private When mergeLatestMem(byte[] msg) throws IOException {
        if (msg.length == 0) {
            synchronized (latestLock) {
                return latest.n() == 0 ? When.NOW : When.PAST;
            }
        }
        Tree tree = openTree(msg);
        Tree current;
        byte[] currentMsg;
        synchronized (latestLock) {
            current = latest;
            currentMsg = latestMsg;
        }
        while (true) {
            if (tree.n() <= current.n()) {
                checkTrees(tree, msg, current, currentMsg);
                return tree.n() < current.n() ? When.PAST : When.NOW;
            }
            checkTrees(current, currentMsg, tree, msg);
            synchronized (latestLock) {
                if (latest.equals(current)) {
                    latest = tree;
                    latestMsg = msg;
                    return When.FUTURE;
                }
                current = latest;
                currentMsg = latestMsg;
            }
        }
    }

    /// The tree a signed note describes, once its signature is checked. Notes already checked are
    /// remembered: most lookups carry the same signed tree, and JDK Ed25519 is not quick.
    private Tree openTree(byte[] msg) throws SumdbException {
        String key = new String(msg, StandardCharsets.ISO_8859_1);
        Tree known = verifiedNotes.get(key);
        if (known != null) {
            return known;
        }
        Note note;
        try {
            note = Note.open(msg, List.of(verifier));
        } catch (SumdbException e) {
            throw new SumdbException("reading tree note: " + e.getMessage() + "\nnote:\n"
                    + new String(msg, StandardCharsets.UTF_8), e);
        }
        Tree tree;
        try {
            tree = Tree.parse(note.text().getBytes(StandardCharsets.UTF_8));
        } catch (SumdbException e) {
            throw new SumdbException("reading tree: " + e.getMessage() + "\ntree:\n" + note.text(), e);
        }
        if (verifiedNotes.size() > 64) {
            verifiedNotes.clear();
        }
        verifiedNotes.put(key, tree);
        return tree;
    }

    /// Proves that older is a prefix of newer by recomputing older's root from newer's tiles.
    private void checkTrees(Tree older, byte[] olderNote, Tree newer, byte[] newerNote) throws IOException {
        TileHashReader thr = new TileHashReader(newer, tileReader);
        Hash h;
        try {
            h = Tlog.treeHash(older.n(), thr);
        } catch (IOException e) {
            String what = older.n() == newer.n() ? "checking tree#" + older.n()
                    : "checking tree#" + older.n() + " against tree#" + newer.n();
            throw new SumdbException(what + ": " + e.getMessage(), e);
        }
        if (h.equals(older.hash())) {
            return;
        }
        // A fork: report both signed heads and the proof, which needs no further server access.
        StringBuilder b = new StringBuilder();
        b.append("SECURITY ERROR\n");
        b.append("go.sum database server misbehavior detected!\n\n");
        b.append("old database:\n\t").append(indent(olderNote)).append('\n');
        b.append("new database:\n\t").append(indent(newerNote)).append('\n');
        b.append("proof of misbehavior:\n\t").append(h);
        try {
            List<Hash> p = Tlog.proveTree(newer.n(), older.n(), thr);
            try {
                Tlog.checkTree(p, newer.n(), newer.hash(), older.n(), h);
                for (Hash x : p) {
                    b.append("\n\t").append(x);
                }
            } catch (SumdbException e) {
                b.append("\tinternal error: generated inconsistent proof\n");
            }
        } catch (IOException e) {
            b.append("\tinternal error: ").append(e.getMessage()).append('\n');
        }
        throw new SumdbSecurityException(b.toString(), h.toString(), older.hash().toString(), verifier.name(),
                olderNote, newerNote);
    }

    private static String indent(byte[] note) {
        return new String(note, StandardCharsets.UTF_8).replace("\n", "\n\t");
    }

    /// Proves record id's text is in the latest tree: its leaf hash, read through authenticated tiles.
    private void checkRecord(long id, byte[] text) throws IOException {
        Tree tree = latest();
        if (id >= tree.n()) {
            throw new SumdbException("cannot validate record " + id + " in tree of size " + tree.n());
        }
        List<Hash> hashes = new TileHashReader(tree, tileReader).readHashes(new long[] {Tlog.storedHashIndex(0, id)});
        if (!hashes.get(0).equals(Tlog.recordHash(text))) {
            throw new SumdbException("cannot authenticate record data in server response");
        }
    }

    // ---- tiles ----

    private final class ClientTileReader implements TileReader {
        @Override
        public int height() {
            return tileHeight;
        }

        @Override
        public List<byte[]> readTiles(List<Tile> list) throws IOException {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (Tile t : list) {
                futures.add(TILE_FETCHERS.submit(() -> readTile(t)));
            }
            List<byte[]> out = new ArrayList<>();
            IOException first = null;
            for (Future<byte[]> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof IOException io ? io
                                : new SumdbException(String.valueOf(e.getCause()), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(x -> x.cancel(true));
                    throw new SumdbException("interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return out;
        }

        @Override
        public void saveTiles(List<Tile> list, List<byte[]> data) {
            for (int i = 0; i < list.size(); i++) {
                if (tileSaved.add(list.get(i))) {
                    ops.writeCache(verifier.name() + "/" + list.get(i).path(), data.get(i));
                }
            }
        }
    }

    /// The tile from the disk cache, else the full tile from the disk cache (sliced), else the server,
    /// else the full tile from the server (sliced: a completed tile may have replaced the partial one).
    private byte[] readTile(Tile tile) throws IOException {
        try {
            return tiles.get(tile, () -> {
                String name = verifier.name();
                Optional<byte[]> cached = ops.readCache(name + "/" + tile.path());
                if (cached.isPresent()) {
                    tileSaved.add(tile);
                    return cached.get();
                }
                Tile full = tile.full();
                if (!full.equals(tile)) {
                    Optional<byte[]> fullCached = ops.readCache(name + "/" + full.path());
                    if (fullCached.isPresent() && fullCached.get().length >= tile.w() * Hash.SIZE) {
                        tileSaved.add(tile);
                        return prefix(fullCached.get(), full, tile);
                    }
                }
                try {
                    return ops.readRemote("/" + tile.path());
                } catch (IOException e) {
                    if (!full.equals(tile)) {
                        try {
                            return prefix(ops.readRemote("/" + full.path()), full, tile);
                        } catch (IOException ignored) {
                            // report the error for the tile asked for
                        }
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new SumdbException(e.toString(), e);
        }
    }

    /// `data[:len(data)/full.W*tile.W]`.
    private static byte[] prefix(byte[] data, Tile full, Tile tile) {
        int len = Math.min(data.length, data.length / full.w() * tile.w());
        return java.util.Arrays.copyOf(data, len);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "gofetch-sumdb-tile-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

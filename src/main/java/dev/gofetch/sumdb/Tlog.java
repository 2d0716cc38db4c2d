package dev.gofetch.sumdb;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The tamper-evident log of the checksum database (`golang.org/x/mod/sumdb/tlog`): RFC 6962 record and
/// node hashes, the dense "stored hash" numbering of every complete subtree, tree hashes, and the
/// inclusion ("record") and consistency ("tree") proofs.
public final class Tlog {
    private Tlog() {}

    /// Reads stored hashes by their stored hash index ({@link #storedHashIndex}).
    @FunctionalInterface
    public interface HashReader {
        /// Exactly one hash per index, in order.
        List<Hash> readHashes(long[] indexes) throws IOException;
    }

    /// The hash of the empty tree: SHA-256 of nothing.
    public static final Hash EMPTY_TREE_HASH = Hash.of(sha256().digest());

    static final String PROOF_FAILED = "invalid transparency proof";

    /// SHA-256(0x00 ‖ data), a leaf.
    public static Hash recordHash(byte[] data) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        d.update(data);
        return Hash.of(d.digest());
    }

    /// SHA-256(0x01 ‖ left ‖ right), an interior node.
    public static Hash nodeHash(Hash left, Hash right) {
        byte[] buf = new byte[1 + 2 * Hash.SIZE];
        buf[0] = 1;
        left.copyTo(buf, 1);
        right.copyTo(buf, 1 + Hash.SIZE);
        return Hash.of(sha256().digest(buf));
    }

    /// The largest power of two smaller than n (n ≥ 2).
    static long maxPow2(long n) {
        long k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    static int log2(long powerOfTwo) {
        return Long.numberOfTrailingZeros(powerOfTwo);
    }

    /// Where the hash of the n'th node at this level is stored: level L's n'th hash comes right after
    /// level L+1's (2n+1)'th, and level 0's n'th sits at n + n/2 + n/4 + ….
    public static long storedHashIndex(int level, long n) {
        for (int l = level; l > 0; l--) {
            n = 2 * n + 1;
        }
        long i = 0;
        for (; n > 0; n >>= 1) {
            i += n;
        }
        return i + level;
    }

    /// The inverse of {@link #storedHashIndex}: {level, n}.
    public static long[] splitStoredHashIndex(long index) {
        long n = index / 2;
        long indexN = storedHashIndex(0, n);
        if (indexN > index) {
            throw new IllegalStateException("bad math");
        }
        while (true) {
            // Record n adds 1 + trailingZeros(n+1) hashes.
            long x = indexN + 1 + Long.numberOfTrailingZeros(n + 1);
            if (x > index) {
                break;
            }
            n++;
            indexN = x;
        }
        int level = (int) (index - indexN);
        return new long[] {level, n >> level};
    }

    /// How many hashes a tree with n records stores.
    public static long storedHashCount(long n) {
        if (n == 0) {
            return 0;
        }
        long count = storedHashIndex(0, n - 1) + 1;
        for (long i = n - 1; (i & 1) != 0; i >>= 1) {
            count++;
        }
        return count;
    }

    /// The hashes to store, from `storedHashIndex(0, n)` on, when record n (with this record hash) is
    /// appended: the leaf, then one node per subtree the leaf completes.
    public static List<Hash> storedHashesForRecordHash(long n, Hash h, HashReader r) throws IOException {
        int m = Long.numberOfTrailingZeros(n + 1);
        long[] indexes = new long[m];
        for (int i = 0; i < m; i++) {
            indexes[m - 1 - i] = storedHashIndex(i, (n >> i) - 1);
        }
        List<Hash> old = m == 0 ? List.of() : r.readHashes(indexes);
        checkCount(old, indexes);
        List<Hash> hashes = new ArrayList<>(m + 1);
        hashes.add(h);
        for (int i = 0; i < m; i++) {
            h = nodeHash(old.get(m - 1 - i), h);
            hashes.add(h);
        }
        return hashes;
    }

    /// The root hash of the tree with n records, from at most 1 + log₂ n stored hashes.
    public static Hash treeHash(long n, HashReader r) throws IOException {
        if (n == 0) {
            return EMPTY_TREE_HASH;
        }
        long[] indexes = subTreeIndex(0, n, new LongList()).toArray();
        List<Hash> hashes = r.readHashes(indexes);
        checkCount(hashes, indexes);
        Cursor c = new Cursor(hashes);
        Hash h = subTreeHash(0, n, c);
        if (c.remaining() != 0) {
            throw new IllegalStateException("tlog: bad index math in TreeHash");
        }
        return h;
    }

    /// The stored indexes of the maximal complete subtrees covering records [lo, hi), left to right.
    static LongList subTreeIndex(long lo, long hi, LongList need) {
        while (lo < hi) {
            long k = maxPow2(hi - lo + 1);
            if ((lo & (k - 1)) != 0) {
                throw new IllegalStateException("tlog: bad math in subTreeIndex");
            }
            need.add(storedHashIndex(log2(k), lo >> log2(k)));
            lo += k;
        }
        return need;
    }

    /// Folds the hashes of the subtrees covering [lo, hi) (as listed by subTreeIndex) right to left.
    static Hash subTreeHash(long lo, long hi, Cursor hashes) {
        int numTree = 0;
        while (lo < hi) {
            long k = maxPow2(hi - lo + 1);
            if ((lo & (k - 1)) != 0) {
                throw new IllegalStateException("tlog: bad math in subTreeHash");
            }
            numTree++;
            lo += k;
        }
        List<Hash> taken = hashes.take(numTree);
        Hash h = taken.get(numTree - 1);
        for (int i = numTree - 2; i >= 0; i--) {
            h = nodeHash(taken.get(i), h);
        }
        return h;
    }

    // ---- record (inclusion) proofs ----

    /// The proof that the tree of size t contains record n (RFC 6962 audit path).
    public static List<Hash> proveRecord(long t, long n, HashReader r) throws IOException {
        if (t < 0 || n < 0 || n >= t) {
            throw new SumdbException("tlog: invalid inputs in ProveRecord");
        }
        long[] indexes = leafProofIndex(0, t, n, new LongList()).toArray();
        if (indexes.length == 0) {
            return List.of();
        }
        List<Hash> hashes = r.readHashes(indexes);
        checkCount(hashes, indexes);
        Cursor c = new Cursor(hashes);
        List<Hash> p = leafProof(0, t, n, c);
        if (c.remaining() != 0) {
            throw new IllegalStateException("tlog: bad index math in ProveRecord");
        }
        return p;
    }

    private static LongList leafProofIndex(long lo, long hi, long n, LongList need) {
        if (lo + 1 == hi) {
            return need;
        }
        long k = maxPow2(hi - lo);
        if (n < lo + k) {
            leafProofIndex(lo, lo + k, n, need);
            subTreeIndex(lo + k, hi, need);
        } else {
            subTreeIndex(lo, lo + k, need);
            leafProofIndex(lo + k, hi, n, need);
        }
        return need;
    }

    private static List<Hash> leafProof(long lo, long hi, long n, Cursor hashes) {
        if (lo + 1 == hi) {
            return new ArrayList<>();
        }
        List<Hash> p;
        Hash th;
        long k = maxPow2(hi - lo);
        if (n < lo + k) {
            p = leafProof(lo, lo + k, n, hashes);
            th = subTreeHash(lo + k, hi, hashes);
        } else {
            th = subTreeHash(lo, lo + k, hashes);
            p = leafProof(lo + k, hi, n, hashes);
        }
        p.add(th);
        return p;
    }

    /// Checks that p proves the tree of size t with root th has record n with hash h.
    /// @throws SumdbException `invalid transparency proof`
    public static void checkRecord(List<Hash> p, long t, Hash th, long n, Hash h) throws SumdbException {
        if (t < 0 || n < 0 || n >= t) {
            throw new SumdbException("tlog: invalid inputs in CheckRecord");
        }
        if (!runRecordProof(p, 0, t, n, h).equals(th)) {
            throw new SumdbException(PROOF_FAILED);
        }
    }

    private static Hash runRecordProof(List<Hash> p, long lo, long hi, long n, Hash leaf) throws SumdbException {
        if (lo + 1 == hi) {
            if (!p.isEmpty()) {
                throw new SumdbException(PROOF_FAILED);
            }
            return leaf;
        }
        if (p.isEmpty()) {
            throw new SumdbException(PROOF_FAILED);
        }
        long k = maxPow2(hi - lo);
        Hash last = p.get(p.size() - 1);
        List<Hash> rest = p.subList(0, p.size() - 1);
        if (n < lo + k) {
            return nodeHash(runRecordProof(rest, lo, lo + k, n, leaf), last);
        }
        return nodeHash(last, runRecordProof(rest, lo + k, hi, n, leaf));
    }

    // ---- tree (consistency) proofs ----

    /// The proof that the tree of size t contains the tree of size n as a prefix (RFC 6962 consistency proof).
    public static List<Hash> proveTree(long t, long n, HashReader r) throws IOException {
        if (t < 1 || n < 1 || n > t) {
            throw new SumdbException("tlog: invalid inputs in ProveTree");
        }
        long[] indexes = treeProofIndex(0, t, n, new LongList()).toArray();
        if (indexes.length == 0) {
            return List.of();
        }
        List<Hash> hashes = r.readHashes(indexes);
        checkCount(hashes, indexes);
        Cursor c = new Cursor(hashes);
        List<Hash> p = treeProof(0, t, n, c);
        if (c.remaining() != 0) {
            throw new IllegalStateException("tlog: bad index math in ProveTree");
        }
        return p;
    }

    private static LongList treeProofIndex(long lo, long hi, long n, LongList need) {
        if (n == hi) {
            return lo == 0 ? need : subTreeIndex(lo, hi, need);
        }
        long k = maxPow2(hi - lo);
        if (n <= lo + k) {
            treeProofIndex(lo, lo + k, n, need);
            subTreeIndex(lo + k, hi, need);
        } else {
            subTreeIndex(lo, lo + k, need);
            treeProofIndex(lo + k, hi, n, need);
        }
        return need;
    }

    private static List<Hash> treeProof(long lo, long hi, long n, Cursor hashes) {
        if (n == hi) {
            List<Hash> p = new ArrayList<>();
            if (lo != 0) {
                p.add(subTreeHash(lo, hi, hashes));
            }
            return p;
        }
        List<Hash> p;
        Hash th;
        long k = maxPow2(hi - lo);
        if (n <= lo + k) {
            p = treeProof(lo, lo + k, n, hashes);
            th = subTreeHash(lo + k, hi, hashes);
        } else {
            th = subTreeHash(lo, lo + k, hashes);
            p = treeProof(lo + k, hi, n, hashes);
        }
        p.add(th);
        return p;
    }

    /// Checks that p proves the tree of size t with root th contains the tree of size n with root h.
    /// @throws SumdbException `invalid transparency proof`
    public static void checkTree(List<Hash> p, long t, Hash th, long n, Hash h) throws SumdbException {
        if (t < 1 || n < 1 || n > t) {
            throw new SumdbException("tlog: invalid inputs in CheckTree");
        }
        Hash[] got = runTreeProof(p, 0, t, n, h);
        if (!got[0].equals(h) || !got[1].equals(th)) {
            throw new SumdbException(PROOF_FAILED);
        }
    }

    /// {old subtree hash, new subtree hash} of [lo, hi).
    private static Hash[] runTreeProof(List<Hash> p, long lo, long hi, long n, Hash old) throws SumdbException {
        if (n == hi) {
            if (lo == 0) {
                if (!p.isEmpty()) {
                    throw new SumdbException(PROOF_FAILED);
                }
                return new Hash[] {old, old};
            }
            if (p.size() != 1) {
                throw new SumdbException(PROOF_FAILED);
            }
            return new Hash[] {p.get(0), p.get(0)};
        }
        if (p.isEmpty()) {
            throw new SumdbException(PROOF_FAILED);
        }
        long k = maxPow2(hi - lo);
        Hash last = p.get(p.size() - 1);
        List<Hash> rest = p.subList(0, p.size() - 1);
        if (n <= lo + k) {
            Hash[] sub = runTreeProof(rest, lo, lo + k, n, old);
            return new Hash[] {sub[0], nodeHash(sub[1], last)};
        }
        Hash[] sub = runTreeProof(rest, lo + k, hi, n, old);
        return new Hash[] {nodeHash(last, sub[0]), nodeHash(last, sub[1])};
    }

    // ---- helpers ----

    private static void checkCount(List<Hash> hashes, long[] indexes) throws SumdbException {
        if (hashes.size() != indexes.length) {
            throw new SumdbException("tlog: ReadHashes(" + indexes.length + " indexes) = " + hashes.size() + " hashes");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /// A growable list of longs.
    static final class LongList {
        private long[] a = new long[8];
        private int size;

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /// Consumes a list of hashes front to back.
    static final class Cursor {
        private final List<Hash> hashes;
        private int pos;

        Cursor(List<Hash> hashes) {
            this.hashes = hashes;
        }

        List<Hash> take(int n) {
            if (hashes.size() - pos < n) {
                throw new IllegalStateException("tlog: bad index math");
            }
            List<Hash> out = hashes.subList(pos, pos + n);
            pos += n;
            return out;
        }

        int remaining() {
            return hashes.size() - pos;
        }
    }
}

package dev.gofetch.sumdb;

import java.util.Arrays;
import java.util.Base64;

/// A SHA-256 hash identifying a log record or a tree node (`tlog.Hash`); printed in standard base64.
public final class Hash {
    public static final int SIZE = 32;

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /// The hash with these 32 bytes (copied).
    public static Hash of(byte[] bytes) {
        return of(bytes, 0);
    }

    /// The hash held in `data[offset:offset+32]`.
    public static Hash of(byte[] data, int offset) {
        if (offset < 0 || data.length - offset < SIZE) {
            throw new IllegalArgumentException("a hash has 32 bytes");
        }
        return new Hash(Arrays.copyOfRange(data, offset, offset + SIZE));
    }

    /// `tlog.ParseHash`. @throws SumdbException `malformed hash`
    public static Hash parse(String base64) throws SumdbException {
        byte[] data = Base64s.decode(base64).orElse(null);
        if (data == null || data.length != SIZE) {
            throw new SumdbException("malformed hash");
        }
        return new Hash(data);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, SIZE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

package dev.gofetch.sumdb;

import dev.gofetch.verify.ChecksumMismatchException;

/// Proof that a checksum database server misbehaved: it signed two trees that cannot both be true (a
/// forked log). Like the go command's `SecurityError`, this ends everything; the message is its
/// report (`SECURITY ERROR\ngo.sum database server misbehavior detected!` with both signed tree heads
/// and the proof). As a checksum mismatch, it carries the hash the newer tree gives for the older
/// tree's size ({@link #downloaded()}) and the older tree's own hash ({@link #recorded()}).
public final class SumdbSecurityException extends ChecksumMismatchException {
    private static final long serialVersionUID = 1L;
    private final byte[] olderNote;
    private final byte[] newerNote;

    SumdbSecurityException(String message, String computed, String older, String dbName, byte[] olderNote,
            byte[] newerNote) {
        super(message, computed, older, dbName);
        this.olderNote = olderNote.clone();
        this.newerNote = newerNote.clone();
    }

    /// The signed tree head seen first.
    public byte[] olderNote() {
        return olderNote.clone();
    }

    /// The signed tree head that contradicts it.
    public byte[] newerNote() {
        return newerNote.clone();
    }
}

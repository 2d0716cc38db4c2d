package dev.gofetch.sumdb;

/// Downloaded bytes whose hash differs from the one the checksum database proves it has. As in the go
/// command this fails the module (the bytes are not kept) without ending the whole run; the message
/// is its SECURITY ERROR text, with the mirror that served the bytes added.
public final class SumdbMismatchException extends SumdbException {
    private static final long serialVersionUID = 1L;
    private final String downloaded;
    private final String database;
    private final String mirror;

    SumdbMismatchException(String message, String downloaded, String database, String mirror) {
        super(message);
        this.downloaded = downloaded;
        this.database = database;
        this.mirror = mirror;
    }

    public String downloaded() {
        return downloaded;
    }

    /// The database's hash.
    public String database() {
        return database;
    }

    /// The mirror that served the bytes, or "" when they came from the module cache.
    public String mirror() {
        return mirror;
    }
}

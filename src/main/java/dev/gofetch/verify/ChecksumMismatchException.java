package dev.gofetch.verify;

import java.io.IOException;

/// Downloaded bytes that disagree with a recorded checksum: always fatal, never retried silently.
/// The message is the go command's SECURITY ERROR text, with the mirror that served the bytes added.
public class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String downloaded;
    private final String recorded;
    private final String mirror;

    public ChecksumMismatchException(String message, String downloaded, String recorded, String mirror) {
        super(message);
        this.downloaded = downloaded;
        this.recorded = recorded;
        this.mirror = mirror;
    }

    public String downloaded() {
        return downloaded;
    }

    public String recorded() {
        return recorded;
    }

    /// The mirror that served the bytes, or "" when they came from the module cache.
    public String mirror() {
        return mirror;
    }
}

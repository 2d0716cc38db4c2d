package dev.gofetch.sumdb;

import java.io.IOException;

/// A checksum database operation that failed: a malformed or unverifiable server answer, a bad key,
/// a proof that does not check, or the network. The message is the go command's wording.
public class SumdbException extends IOException {
    private static final long serialVersionUID = 1L;

    public SumdbException(String message) {
        super(message);
    }

    public SumdbException(String message, Throwable cause) {
        super(message, cause);
    }
}

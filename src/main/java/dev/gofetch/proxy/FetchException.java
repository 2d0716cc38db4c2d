package dev.gofetch.proxy;

import java.io.IOException;

/// A failed proxy request, worded as the go command words it (`reading <url>: 404 Not Found ...`).
/// {@link #isNotFound()} is what lets a comma-separated GOPROXY list fall through to the next entry.
public class FetchException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;
    private final int status;

    public FetchException(String message, boolean notFound, int status) {
        super(message);
        this.notFound = notFound;
        this.status = status;
    }

    public FetchException(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
        this.status = 0;
    }

    /// 404/410, a missing file, or an equivalent "not here, ask the next mirror" answer.
    public boolean isNotFound() {
        return notFound;
    }

    /// The HTTP status, or 0 when the request did not get one (connection failure, file proxy).
    public int status() {
        return status;
    }
}

package dev.gofetch.transfer;

import java.io.IOException;

/// Why a download (or one request of it) failed, worded like the go command's messages where it has
/// one (`reading <url>: 404 Not Found`).
public class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    /// What kind of failure; decides retrying and mirror fallback.
    public enum Kind {
        /// 404 or 410 (or a missing file): any GOPROXY list may fall through to the next entry.
        NOT_FOUND,
        /// Another HTTP status that retrying will not fix (403, 401, ...).
        HTTP_STATUS,
        /// A status worth retrying: 5xx, 408, 429.
        SERVER_BUSY,
        /// Connection refused or reset, timeout, stall, early end of the body.
        NETWORK,
        /// The server broke the protocol in a way a new request may not repeat (wrong Content-Range).
        PROTOCOL,
        /// The server's answer cannot be used and asking again will not help: too many redirects, a
        /// redirect from https to http, an unsupported Content-Encoding.
        BAD_SERVER,
        /// The file kept changing on the server.
        CHANGED,
        /// The caller's {@link Verifier} rejected the bytes.
        REJECTED,
        /// Reading or writing local files failed.
        LOCAL_IO
    }

    private final Kind kind;
    private final int status;
    private final String mirror;

    public DownloadException(Kind kind, String message, int status, String mirror, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.mirror = mirror;
    }

    public DownloadException(Kind kind, String message, String mirror) {
        this(kind, message, 0, mirror, null);
    }

    public Kind kind() {
        return kind;
    }

    /// The HTTP status, 0 when there was none.
    public int status() {
        return status;
    }

    /// The mirror the failure came from, or null for local failures.
    public String mirror() {
        return mirror;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }

    /// Whether a new attempt on the same mirror may succeed.
    boolean retryable() {
        return kind == Kind.NETWORK || kind == Kind.SERVER_BUSY || kind == Kind.PROTOCOL;
    }
}

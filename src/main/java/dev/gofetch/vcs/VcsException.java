package dev.gofetch.vcs;

import java.io.IOException;

/// A version-control failure; {@link #notExist()} when it means "no such revision, file or
/// repository" (Go's `fs.ErrNotExist`), which lets the next GOPROXY entry be tried.
class VcsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean notExist;

    VcsException(String message, boolean notExist) {
        super(message);
        this.notExist = notExist;
    }

    boolean notExist() {
        return notExist;
    }
}

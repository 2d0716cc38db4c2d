package dev.gofetch.verify;

import java.io.IOException;

/// A module zip that cannot be extracted. The message is the go command's: `unzip <zipfile>: <reason>`.
public class ModuleZipException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public ModuleZipException(String verbAndPath, String reason, Throwable cause) {
        super(verbAndPath + ": " + reason, cause);
        this.reason = reason;
    }

    /// The message without the `unzip <zipfile>: ` part.
    public String reason() {
        return reason;
    }
}

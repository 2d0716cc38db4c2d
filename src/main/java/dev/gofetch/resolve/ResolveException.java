package dev.gofetch.resolve;

/// The module graph could not be loaded; the message is the go command's text without its `go: ` prefix.
public class ResolveException extends Exception {
    private static final long serialVersionUID = 1L;

    public ResolveException(String message) {
        super(message);
    }

    public ResolveException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.gofetch.env;

/// A setting the go command would refuse, with the go command's own message
/// (without its `go: ` prefix; callers print it after their program name).
/// An IllegalStateException: the configuration, not the call, is at fault.
public final class GoEnvException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GoEnvException(String message) {
        super(message);
    }
}

package dev.gofetch.cli;

/// A command failed; the message is printed after `gofetch: ` and the process exits with the status.
public class CommandException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public CommandException(String message) {
        this(message, 1, null);
    }

    public CommandException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public CommandException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package dev.gofetch.module;

/// A module path, version or file path that Go's rules reject. The message is the go command's text.
public class InvalidModuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidModuleException(String message) {
        super(message);
    }
}

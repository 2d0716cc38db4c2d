package dev.gofetch.module;

import java.util.List;

/// One or more syntax errors in a go.mod file, each `file:line: message` as the go command prints them.
public class GoModParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public GoModParseException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}

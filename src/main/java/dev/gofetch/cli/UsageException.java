package dev.gofetch.cli;

/// Wrong command-line usage: the problem (may be empty) and the usage line; exit status 2.
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String usage;

    UsageException(String problem, String usage) {
        super(problem);
        this.usage = usage;
    }

    String usage() {
        return usage;
    }
}

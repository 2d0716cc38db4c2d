package dev.gofetch.module;

/// The go.mod lexer and parser, following `golang.org/x/mod/modfile` (read.go, rule.go).
final class GoModParser {
    private GoModParser() {}

    static GoMod parse(String fileName, byte[] data, boolean strict) {
        throw new UnsupportedOperationException("TODO");
    }
}

package dev.gofetch.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/// The go.mod lexer and syntax tree of `modfile/read.go`: lines of tokens, factored
/// `verb ( ... )` blocks, and `//` comments attached to the syntax around them.
/// All text is a {@link GoBytes} byte string.
final class GoModSyntax {
    private GoModSyntax() {}

    /// A position: line (from 1), rune in line (from 1), byte offset (from 0).
    record Position(int line, int lineRune, int offset) {
        static final Position ZERO = new Position(0, 0, 0);

        /// The position at the end of s, assuming s starts here.
        Position add(String s) {
            int line = this.line;
            int lineRune = this.lineRune;
            int offset = this.offset + s.length();
            int nl = s.lastIndexOf('\n');
            if (nl >= 0) {
                line += (int) s.chars().filter(c -> c == '\n').count();
                s = s.substring(nl + 1);
                lineRune = 1;
            }
            return new Position(line, lineRune + GoBytes.runeCount(s), offset);
        }
    }

    /// A `//` comment; a blank line inside a block is kept as {@link #BLANK}.
    record Comment(Position start, String token, boolean suffix) {
        static final Comment BLANK = new Comment(Position.ZERO, "", false);
    }

    static final class Comments {
        List<Comment> before = new ArrayList<>();
        final List<Comment> suffix = new ArrayList<>();
    }

    abstract static sealed class Expr permits Line, LineBlock, Paren, CommentBlock {
        final Comments comments = new Comments();

        abstract Position start();

        abstract Position end();
    }

    static final class Line extends Expr {
        final Position start;
        final List<String> tokens;
        final boolean inBlock;
        final Position end;

        Line(Position start, List<String> tokens, boolean inBlock, Position end) {
            this.start = start;
            this.tokens = tokens;
            this.inBlock = inBlock;
            this.end = end;
        }

        @Override
        Position start() {
            return start;
        }

        @Override
        Position end() {
            return end;
        }
    }

    static final class LineBlock extends Expr {
        final Position start;
        final List<String> tokens;
        final Paren lparen;
        final List<Line> lines = new ArrayList<>();
        Paren rparen;

        LineBlock(Position start, List<String> tokens, Paren lparen) {
            this.start = start;
            this.tokens = tokens;
            this.lparen = lparen;
        }

        @Override
        Position start() {
            return start;
        }

        @Override
        Position end() {
            return rparen.end();
        }
    }

    /// The `(` or `)` of a block: a place for comments.
    static final class Paren extends Expr {
        final Position pos;

        Paren(Position pos) {
            this.pos = pos;
        }

        @Override
        Position start() {
            return pos;
        }

        @Override
        Position end() {
            return pos.add(")");
        }
    }

    /// Whole-line comments not attached to a statement.
    static final class CommentBlock extends Expr {
        final Position start;

        CommentBlock(Position start) {
            this.start = start;
        }

        @Override
        Position start() {
            return start;
        }

        @Override
        Position end() {
            return start;
        }
    }

    record FileSyntax(String name, List<Expr> stmts) {}

    /// The single syntax error `modfile` stops at, formatted `file:line[:col]: message`.
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /// `file:line:col: ` as `modfile.Error` prints a position (the column only when past the first rune).
    static String positionPrefix(String fileName, Position pos) {
        if (pos.lineRune() > 1) {
            return fileName + ":" + pos.line() + ":" + pos.lineRune() + ": ";
        } else if (pos.line() > 0) {
            return fileName + ":" + pos.line() + ": ";
        } else if (!fileName.isEmpty()) {
            return fileName + ": ";
        }
        return "";
    }

    /// Parses the syntax of a go.mod file (read.go's `parse`).
    /// @throws SyntaxError with the first lexical or structural error
    static FileSyntax parse(String fileName, String data) {
        Parser p = new Parser(fileName, data);
        p.readToken();
        List<Expr> stmts = p.parseFile();
        p.assignSuffixComments(stmts);
        return new FileSyntax(fileName, stmts);
    }

    private static final int EOF = -1;
    private static final int EOL_COMMENT = -2;
    private static final int IDENT = -3;
    private static final int STRING = -4;
    private static final int COMMENT = -5;

    private record Token(int kind, Position pos, Position endPos, String text) {
        boolean isEol() {
            return isEol(kind);
        }

        static boolean isEol(int kind) {
            return kind == EOF || kind == EOL_COMMENT || kind == '\n';
        }
    }

    private static final class Parser {
        private final String fileName;
        private final String complete;
        private int remaining; // offset of the unread input
        private int tokenStart;
        private Position tokenPos;
        private Token token;
        private Position pos = new Position(1, 1, 0);
        private final List<Comment> suffixComments = new ArrayList<>();

        Parser(String fileName, String data) {
            this.fileName = fileName;
            this.complete = data;
        }

        private SyntaxError error(String message) {
            return new SyntaxError(positionPrefix(fileName, pos) + message);
        }

        private boolean eof() {
            return remaining >= complete.length();
        }

        private int peekRune() {
            return eof() ? 0 : GoBytes.rune(GoBytes.decodeRune(complete, remaining));
        }

        private boolean peekPrefix(String prefix) {
            return complete.startsWith(prefix, remaining);
        }

        private int readRune() {
            long r = GoBytes.decodeRune(complete, remaining);
            remaining += GoBytes.size(r);
            int c = GoBytes.rune(r);
            if (c == '\n') {
                pos = new Position(pos.line() + 1, 1, pos.offset() + 1);
            } else {
                pos = new Position(pos.line(), pos.lineRune() + 1, pos.offset() + GoBytes.size(r));
            }
            return c;
        }

        private void startToken() {
            tokenStart = remaining;
            tokenPos = pos;
        }

        private void endToken(int kind) {
            String text = complete.substring(tokenStart, remaining);
            if (kind == COMMENT || kind == EOL_COMMENT) {
                if (text.endsWith("\r\n")) {
                    text = text.substring(0, text.length() - 2);
                } else if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                }
            }
            token = new Token(kind, tokenPos, pos, text);
        }

        private int peek() {
            return token.kind();
        }

        private Token lex() {
            Token t = token;
            readToken();
            return t;
        }

        void readToken() {
            while (!eof()) {
                int c = peekRune();
                if (c == ' ' || c == '\t' || c == '\r') {
                    readRune();
                    continue;
                }
                if (peekPrefix("//")) {
                    startToken();
                    // A comment alone on its line is a top-level comment token; one after other
                    // text is an end-of-line comment, attached to the syntax before it later.
                    int nl = complete.lastIndexOf('\n', pos.offset() - 1);
                    boolean suffix = !GoBytes.trimSpace(complete.substring(nl + 1, pos.offset())).isEmpty();
                    readRune();
                    readRune();
                    while (!eof() && readRune() != '\n') {
                        // consume the comment
                    }
                    if (!suffix) {
                        endToken(COMMENT);
                        return;
                    }
                    endToken(EOL_COMMENT);
                    suffixComments.add(new Comment(token.pos(), token.text(), true));
                    return;
                }
                if (peekPrefix("/*")) {
                    throw error("mod files must use // comments (not /* */ comments)");
                }
                break;
            }

            startToken();
            if (eof()) {
                endToken(EOF);
                return;
            }

            int c = peekRune();
            switch (c) {
                case '\n', '(', ')', '[', ']', '{', '}', ',' -> {
                    readRune();
                    endToken(c);
                    return;
                }
                case '"', '`' -> {
                    readRune();
                    while (true) {
                        if (eof()) {
                            pos = tokenPos;
                            throw error("unexpected EOF in string");
                        }
                        if (peekRune() == '\n') {
                            throw error("unexpected newline in string");
                        }
                        int d = readRune();
                        if (d == c) {
                            break;
                        }
                        if (d == '\\' && c != '`') {
                            if (eof()) {
                                pos = tokenPos;
                                throw error("unexpected EOF in string");
                            }
                            readRune();
                        }
                    }
                    endToken(STRING);
                    return;
                }
                default -> {
                    // an identifier
                }
            }

            if (!isIdent(peekRune())) {
                throw error("unexpected input character " + GoBytes.quoteRune(peekRune()));
            }
            while (isIdent(peekRune())) {
                if (peekPrefix("//")) {
                    break;
                }
                if (peekPrefix("/*")) {
                    throw error("mod files must use // comments (not /* */ comments)");
                }
                readRune();
            }
            endToken(IDENT);
        }

        private static boolean isIdent(int c) {
            switch (c) {
                case ' ', '(', ')', '[', ']', '{', '}', ',':
                    return false;
                default:
                    return !GoBytes.isSpace(c) && GoBytes.isPrint(c);
            }
        }

        List<Expr> parseFile() {
            List<Expr> stmts = new ArrayList<>();
            CommentBlock cb = null;
            while (true) {
                switch (peek()) {
                    case '\n' -> {
                        lex();
                        if (cb != null) {
                            stmts.add(cb);
                            cb = null;
                        }
                    }
                    case COMMENT -> {
                        Token tok = lex();
                        if (cb == null) {
                            cb = new CommentBlock(tok.pos());
                        }
                        cb.comments.before.add(new Comment(tok.pos(), tok.text(), false));
                    }
                    case EOF -> {
                        if (cb != null) {
                            stmts.add(cb);
                        }
                        return stmts;
                    }
                    default -> {
                        parseStmt(stmts);
                        if (cb != null) {
                            stmts.get(stmts.size() - 1).comments.before = cb.comments.before;
                            cb = null;
                        }
                    }
                }
            }
        }

        private void parseStmt(List<Expr> stmts) {
            Token first = lex();
            Position start = first.pos();
            Position end = first.endPos();
            List<String> tokens = new ArrayList<>();
            tokens.add(first.text());
            while (true) {
                Token tok = lex();
                if (tok.isEol()) {
                    stmts.add(new Line(start, tokens, false, end));
                    return;
                }
                if (tok.kind() == '(') {
                    int next = peek();
                    if (Token.isEol(next)) {
                        stmts.add(parseLineBlock(start, tokens, tok));
                        return;
                    } else if (next == ')') {
                        Token rparen = lex();
                        if (Token.isEol(peek())) {
                            lex();
                            LineBlock empty = new LineBlock(start, tokens, new Paren(tok.pos()));
                            empty.rparen = new Paren(rparen.pos());
                            stmts.add(empty);
                            return;
                        }
                        // '( )' in the middle of a line is not a block.
                        tokens.add(tok.text());
                        tokens.add(rparen.text());
                    } else {
                        tokens.add(tok.text());
                    }
                } else {
                    tokens.add(tok.text());
                    end = tok.endPos();
                }
            }
        }

        private LineBlock parseLineBlock(Position start, List<String> tokens, Token lparen) {
            LineBlock block = new LineBlock(start, tokens, new Paren(lparen.pos()));
            List<Comment> comments = new ArrayList<>();
            while (true) {
                switch (peek()) {
                    case EOL_COMMENT -> lex();
                    case '\n' -> {
                        lex();
                        // A blank line is kept as an empty comment.
                        if (comments.isEmpty() && !block.lines.isEmpty()
                                || !comments.isEmpty() && !comments.get(comments.size() - 1).token().isEmpty()) {
                            comments.add(Comment.BLANK);
                        }
                    }
                    case COMMENT -> {
                        Token tok = lex();
                        comments.add(new Comment(tok.pos(), tok.text(), false));
                    }
                    case EOF -> throw error("syntax error (unterminated block started at "
                            + fileName + ":" + start.line() + ":" + start.lineRune() + ")");
                    case ')' -> {
                        Token rparen = lex();
                        if (comments.size() == 1 && comments.get(0).equals(Comment.BLANK)) {
                            comments = new ArrayList<>();
                        }
                        block.rparen = new Paren(rparen.pos());
                        block.rparen.comments.before = comments;
                        if (!Token.isEol(peek())) {
                            throw error("syntax error (expected newline after closing paren)");
                        }
                        lex();
                        return block;
                    }
                    default -> {
                        Line line = parseLine();
                        block.lines.add(line);
                        line.comments.before = comments;
                        comments = new ArrayList<>();
                    }
                }
            }
        }

        private Line parseLine() {
            Token first = lex();
            Position start = first.pos();
            Position end = first.endPos();
            List<String> tokens = new ArrayList<>();
            tokens.add(first.text());
            while (true) {
                Token tok = lex();
                if (tok.isEol()) {
                    return new Line(start, tokens, true, end);
                }
                tokens.add(tok.text());
                end = tok.endPos();
            }
        }

        /// read.go's assignComments. Whole-line comments never reach its list (the lexer hands
        /// them to the parser as tokens), so only end-of-line comments are assigned here: each to
        /// the last single-line syntax element ending before it.
        void assignSuffixComments(List<Expr> stmts) {
            List<Expr> post = new ArrayList<>();
            for (Expr stmt : stmts) {
                if (stmt instanceof LineBlock block) {
                    post.add(block.lparen);
                    post.addAll(block.lines);
                    post.add(block.rparen);
                }
                post.add(stmt);
            }
            List<Comment> suffix = new ArrayList<>(suffixComments);
            for (int i = post.size() - 1; i >= 0; i--) {
                Expr x = post.get(i);
                Position start = x.start();
                Position end = x.end();
                if (start.line() != end.line()) {
                    continue;
                }
                while (!suffix.isEmpty() && end.offset() <= suffix.get(suffix.size() - 1).start().offset()) {
                    x.comments.suffix.add(suffix.remove(suffix.size() - 1));
                }
            }
            // Assigned in reverse; restore file order.
            for (Expr x : post) {
                Collections.reverse(x.comments.suffix);
            }
        }
    }
}

package dev.gofetch.module;

/// Go's `path.Match` shell patterns, on the UTF-8 bytes of pattern and name as Go sees them:
/// `*` matches any run of non-`/` characters, `?` any single non-`/` character, `[...]`/`[^...]`
/// a character class with ranges, `\` escapes. A malformed pattern matches nothing.
final class GlobMatch {
    private GlobMatch() {}

    /// Raised internally for `path.ErrBadPattern`.
    private static final class BadPattern extends Exception {
        private static final long serialVersionUID = 1L;

        BadPattern() {
            super(null, null, false, false);
        }
    }

    /// Where matchChunk left the name (its new start), or -1 when the chunk does not match.
    private static final int NO_MATCH = -1;

    static boolean matches(String pattern, String name) {
        try {
            return match(GoStrings.utf8(pattern), GoStrings.utf8(name));
        } catch (BadPattern e) {
            return false;
        }
    }

    private static boolean match(byte[] pat, byte[] name) throws BadPattern {
        int p = 0;
        int n = 0;
        pattern:
        while (p < pat.length) {
            // scanChunk: optional stars, then a chunk up to the next star outside a class.
            boolean star = false;
            while (p < pat.length && pat[p] == '*') {
                p++;
                star = true;
            }
            int chunkStart = p;
            int chunkEnd = chunkEnd(pat, p);
            p = chunkEnd;
            if (star && chunkStart == chunkEnd) {
                // A trailing star matches the rest of the name unless it holds a '/'.
                return indexOf(name, n, (byte) '/') < 0;
            }
            int t = matchChunk(pat, chunkStart, chunkEnd, name, n);
            // The last chunk must use up the whole name.
            if (t != NO_MATCH && (t == name.length || p < pat.length)) {
                n = t;
                continue;
            }
            if (star) {
                // Retry with the star swallowing i+1 more bytes; it cannot swallow '/'.
                for (int i = n; i < name.length && name[i] != '/'; i++) {
                    t = matchChunk(pat, chunkStart, chunkEnd, name, i + 1);
                    if (t != NO_MATCH) {
                        if (p == pat.length && t < name.length) {
                            continue;
                        }
                        n = t;
                        continue pattern;
                    }
                }
            }
            // (Go goes on to syntax-check the rest of the pattern, which only changes the error it reports.)
            return false;
        }
        return n == name.length;
    }

    private static int chunkEnd(byte[] pat, int from) {
        boolean inRange = false;
        for (int i = from; i < pat.length; i++) {
            switch (pat[i]) {
                case '\\' -> {
                    if (i + 1 < pat.length) {
                        i++;
                    }
                }
                case '[' -> inRange = true;
                case ']' -> inRange = false;
                case '*' -> {
                    if (!inRange) {
                        return i;
                    }
                }
                default -> { }
            }
        }
        return pat.length;
    }

    /// Matches the star-free chunk pat[c:end] against the start of name[s:]; returns where the
    /// name continues, or NO_MATCH. Keeps parsing after a mismatch to report malformed patterns.
    private static int matchChunk(byte[] pat, int c, int end, byte[] name, int s) throws BadPattern {
        boolean failed = false;
        while (c < end) {
            failed = failed || s >= name.length;
            switch (pat[c]) {
                case '[' -> {
                    int r = 0;
                    if (!failed) {
                        long d = GoStrings.decodeRune(name, s);
                        r = GoStrings.runeOf(d);
                        s += GoStrings.widthOf(d);
                    }
                    c++;
                    boolean negated = false;
                    if (c < end && pat[c] == '^') {
                        negated = true;
                        c++;
                    }
                    boolean match = false;
                    int ranges = 0;
                    while (true) {
                        if (c < end && pat[c] == ']' && ranges > 0) {
                            c++;
                            break;
                        }
                        long lo = classChar(pat, c, end);
                        c = GoStrings.widthOf(lo);
                        long hi = lo;
                        if (pat[c] == '-') {
                            hi = classChar(pat, c + 1, end);
                            c = GoStrings.widthOf(hi);
                        }
                        match = match || GoStrings.runeOf(lo) <= r && r <= GoStrings.runeOf(hi);
                        ranges++;
                    }
                    failed = failed || match == negated;
                }
                case '?' -> {
                    if (!failed) {
                        failed = name[s] == '/';
                        s += GoStrings.widthOf(GoStrings.decodeRune(name, s));
                    }
                    c++;
                }
                default -> {
                    if (pat[c] == '\\') {
                        c++;
                        if (c == end) {
                            throw new BadPattern();
                        }
                    }
                    if (!failed) {
                        failed = pat[c] != name[s];
                        s++;
                    }
                    c++;
                }
            }
        }
        return failed ? NO_MATCH : s;
    }

    /// `getEsc`: a possibly escaped class character at pat[c:end]. Returns the rune in the low half
    /// and, in place of a width, the index after it in the high half.
    private static long classChar(byte[] pat, int c, int end) throws BadPattern {
        if (c >= end || pat[c] == '-' || pat[c] == ']') {
            throw new BadPattern();
        }
        if (pat[c] == '\\') {
            c++;
            if (c >= end) {
                throw new BadPattern();
            }
        }
        long d = GoStrings.decodeRune(pat, c, end);
        int r = GoStrings.runeOf(d);
        int w = GoStrings.widthOf(d);
        if (r == GoStrings.RUNE_ERROR && w == 1) {
            throw new BadPattern();
        }
        int next = c + w;
        if (next >= end) {
            throw new BadPattern();
        }
        return ((long) next << 32) | (r & 0xFFFFFFFFL);
    }

    private static int indexOf(byte[] b, int from, byte x) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}

package dev.gofetch.verify;

import java.util.Arrays;
import java.util.Comparator;

/// The few pieces of Go's string library whose exact behaviour shows up in messages and checks:
/// `strconv.Quote` (`%q`), `path.Clean`, byte-wise string order and the case folding of
/// x/mod/zip's `strToFold` (Unicode simple folding, not Java's `equalsIgnoreCase`).
final class GoStrings {
    private GoStrings() {}

    /// Go compares strings by their UTF-8 bytes, which is code point order (Java's `compareTo` is
    /// UTF-16 order and differs for supplementary characters vs. U+E000..U+FFFF).
    static final Comparator<String> BYTE_ORDER = dev.gofetch.module.GoStrings::compare;

    /// `strconv.Quote`, i.e. what `%q` prints for a string.
    static String quote(String s) {
        return dev.gofetch.module.GoStrings.quote(s);
    }

    /// `path.Clean`: the shortest equivalent slash path (lexical, no file system access).
    static String cleanPath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r));
                    r++;
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /// x/mod/zip's `strToFold`: two strings are `strings.EqualFold` exactly when their folds are equal.
    /// Each code point becomes the smallest member of its `unicode.SimpleFold` orbit, with A-Z then
    /// lower-cased.
    static String fold(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c < 0x80 && !(c >= 'A' && c <= 'Z');
        }
        if (plain) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(r -> {
            int f = FoldTable.smallestInOrbit(r);
            if (f >= 'A' && f <= 'Z') {
                f += 'a' - 'A';
            }
            b.appendCodePoint(f);
        });
        return b.toString();
    }

    static boolean equalFold(String a, String b) {
        return fold(a).equals(fold(b));
    }

    /// `strings.ToLower` (simple per-code-point mapping, unlike Java's locale-aware `toLowerCase`).
    static String toLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(r -> b.appendCodePoint(Character.toLowerCase(r)));
        return b.toString();
    }

    /// Orbits of Unicode simple case folding, built once from the JDK's simple case mappings.
    /// The dotted and dotless Turkish i (U+0130, U+0131) have no simple folding in Unicode's
    /// CaseFolding.txt (only Turkic and full ones), so Go keeps each of them in an orbit of its own.
    private static final class FoldTable {
        /// Case pairs added in Unicode 14 (Go 1.26 knows them, the JDK 17 tables do not):
        /// {upper start, lower start, count - 1}.
        private static final int[][] UNICODE_14_PAIRS = {
            {0x2C2F, 0x2C5F, 0}, {0xA7C0, 0xA7C1, 0}, {0xA7D0, 0xA7D1, 0}, {0xA7D6, 0xA7D7, 0},
            {0xA7D8, 0xA7D9, 0}, {0x10570, 0x10597, 10}, {0x1057C, 0x105A3, 14}, {0x1058C, 0x105B3, 6},
            {0x10594, 0x105BB, 1},
        };
        private static final int[] KEYS;
        private static final int[] MINS;

        static {
            int size = Character.MAX_CODE_POINT + 1;
            int[] parent = new int[size];
            for (int r = 0; r < size; r++) {
                parent[r] = r;
            }
            for (int r = 0; r < size; r++) {
                if (r == 0x130 || r == 0x131) {
                    continue;
                }
                union(parent, r, Character.toLowerCase(r));
                union(parent, r, Character.toUpperCase(r));
                union(parent, r, Character.toTitleCase(r));
            }
            for (int[] range : UNICODE_14_PAIRS) {
                for (int k = 0; k <= range[2]; k++) {
                    union(parent, range[0] + k, range[1] + k);
                }
            }
            int count = 0;
            for (int r = 0; r < size; r++) {
                if (find(parent, r) != r) {
                    count++;
                }
            }
            KEYS = new int[count];
            MINS = new int[count];
            int i = 0;
            for (int r = 0; r < size; r++) {
                int root = find(parent, r);
                if (root != r) {
                    KEYS[i] = r;
                    MINS[i] = root;
                    i++;
                }
            }
        }

        /// Union by smaller root, so every orbit's root is its smallest member.
        private static void union(int[] parent, int a, int b) {
            if (b == 0x130 || b == 0x131) {
                return;
            }
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra < rb) {
                parent[rb] = ra;
            } else if (rb < ra) {
                parent[ra] = rb;
            }
        }

        private static int find(int[] parent, int r) {
            while (parent[r] != r) {
                parent[r] = parent[parent[r]];
                r = parent[r];
            }
            return r;
        }

        static int smallestInOrbit(int r) {
            int i = Arrays.binarySearch(KEYS, r);
            return i >= 0 ? MINS[i] : r;
        }
    }
}

package dev.gofetch.env;

import java.util.ArrayList;
import java.util.List;

/// Lexical path operations with the semantics of Go's `path/filepath` on Unix, so that the
/// values gofetch prints are spelled exactly as the go command spells them.
final class GoPaths {
    private GoPaths() {}

    static boolean isAbs(String path) {
        return path.startsWith("/");
    }

    /// `filepath.Join`: the non-empty elements joined with `/`, then cleaned; "" when all are empty.
    static String join(String... elements) {
        StringBuilder sb = new StringBuilder();
        for (String e : elements) {
            if (e.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(e);
        }
        return sb.length() == 0 ? "" : clean(sb.toString());
    }

    /// `filepath.SplitList`: "" is the empty list, otherwise split on `:` keeping empty entries.
    static List<String> splitList(String list) {
        List<String> out = new ArrayList<>();
        if (list.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            if (i == list.length() || list.charAt(i) == ':') {
                out.add(list.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /// `filepath.Clean`: the shortest lexically equivalent path ("." for the empty path).
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        List<String> parts = new ArrayList<>();
        int dotdotFloor = 0; // leading ".." elements of a relative path cannot be cancelled
        for (String element : path.split("/", -1)) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                if (parts.size() > dotdotFloor) {
                    parts.remove(parts.size() - 1);
                } else if (!rooted) {
                    parts.add("..");
                    dotdotFloor++;
                }
                continue;
            }
            parts.add(element);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}

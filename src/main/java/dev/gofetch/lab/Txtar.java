package dev.gofetch.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The txtar archive format of Go's test data: a free-form comment, then files introduced by
/// marker lines `-- name --`. Parsing follows Go's `txtar.Parse`: a marker must start a line,
/// the name is trimmed, and a non-empty comment or file body gets a final newline if it lacks one.
record Txtar(byte[] comment, List<File> files) {

    record File(String name, byte[] data) {}

    static Txtar parse(byte[] data) {
        List<File> files = new ArrayList<>();
        Split first = nextMarker(data, 0);
        byte[] comment = first.before;
        String name = first.name;
        int pos = first.after;
        while (name != null) {
            Split next = nextMarker(data, pos);
            files.add(new File(name, next.before));
            name = next.name;
            pos = next.after;
        }
        return new Txtar(comment, List.copyOf(files));
    }

    private record Split(byte[] before, String name, int after) {}

    /// Finds the first marker line at or after `from` (which is at a line start).
    private static Split nextMarker(byte[] data, int from) {
        int lineStart = from;
        while (lineStart < data.length) {
            int lineEnd = indexOf(data, (byte) '\n', lineStart);
            int contentEnd = lineEnd < 0 ? data.length : lineEnd;
            String name = markerName(data, lineStart, contentEnd);
            if (name != null) {
                int after = lineEnd < 0 ? data.length : lineEnd + 1;
                return new Split(Arrays.copyOfRange(data, from, lineStart), name, after);
            }
            if (lineEnd < 0) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        return new Split(fixNewline(Arrays.copyOfRange(data, from, data.length)), null, data.length);
    }

    private static String markerName(byte[] data, int start, int end) {
        int len = end - start;
        if (len < 6 || data[start] != '-' || data[start + 1] != '-' || data[start + 2] != ' '
                || data[end - 3] != ' ' || data[end - 2] != '-' || data[end - 1] != '-') {
            return null;
        }
        String name = new String(data, start + 3, len - 6, StandardCharsets.UTF_8).strip();
        return name.isEmpty() ? null : name;
    }

    private static byte[] fixNewline(byte[] b) {
        if (b.length == 0 || b[b.length - 1] == '\n') {
            return b;
        }
        byte[] fixed = Arrays.copyOf(b, b.length + 1);
        fixed[b.length] = '\n';
        return fixed;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}

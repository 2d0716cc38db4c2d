package dev.gofetch.module;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/// The lines of a go.sum file: for each key (a module version, or `version/go.mod`) its hashes.
/// Not thread-safe.
public final class GoSum {
    /// The hash of a module tree holding just an empty go.mod: an old go command bug wrote it for
    /// non-modules, so readers drop it.
    static final String EMPTY_GO_MOD_HASH = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

    /// Go's `sort.Strings` order: by bytes, which for UTF-8 is code point order.
    private static final Comparator<String> BYTE_ORDER = GoStrings::compare;

    private final Map<ModuleVersion, List<String>> sums = new LinkedHashMap<>();

    private GoSum() {}

    /// Parses go.sum content as `readGoSum` does; blank lines skipped, the empty-go.mod legacy hash dropped.
    /// A hash repeated for a key is kept once.
    /// @throws GoModParseException `malformed go.sum:\n<file>:<line>: wrong number of fields <n>`
    public static GoSum parse(String fileName, byte[] data) {
        GoSum sum = new GoSum();
        String text = GoBytes.of(data);
        int lineNo = 0;
        for (int start = 0; start < text.length(); ) {
            lineNo++;
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            List<String> f = GoBytes.fields(text.substring(start, end));
            start = end + 1;
            if (f.isEmpty()) {
                continue;
            }
            if (f.size() != 3) {
                throw new GoModParseException(List.of(
                        "malformed go.sum:\n" + fileName + ":" + lineNo + ": wrong number of fields " + f.size()));
            }
            if (f.get(2).equals(EMPTY_GO_MOD_HASH)) {
                continue;
            }
            sum.add(new ModuleVersion(GoBytes.toJava(f.get(0)), GoBytes.toJava(f.get(1))), GoBytes.toJava(f.get(2)));
        }
        return sum;
    }

    public static GoSum empty() {
        return new GoSum();
    }

    /// The hashes recorded for a key, in file order; empty if none.
    public List<String> hashes(ModuleVersion key) {
        List<String> list = sums.get(key);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    /// Adds a hash (no-op if present).
    public void add(ModuleVersion key, String hash) {
        List<String> list = sums.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(hash)) {
            list.add(hash);
        }
    }

    /// Every key with its hashes, keys in the order they were read or added.
    public Map<ModuleVersion, List<String>> entries() {
        Map<ModuleVersion, List<String>> copy = new LinkedHashMap<>();
        sums.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /// The file as the go command writes it: keys in go.sum order, hashes sorted and de-duplicated.
    public byte[] format() {
        List<ModuleVersion> keys = new ArrayList<>(sums.keySet());
        keys.sort(ModuleVersion.ORDER);
        StringBuilder sb = new StringBuilder();
        for (ModuleVersion key : keys) {
            TreeSet<String> hashes = new TreeSet<>(BYTE_ORDER);
            hashes.addAll(sums.get(key));
            for (String h : hashes) {
                sb.append(key.path()).append(' ').append(key.version()).append(' ').append(h).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package dev.gofetch.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// GOPROXY as something to edit: every entry as written, whether it is in use, and the separator
/// after it (`|`: any error lets the next entry answer; `,`: only "not found" does). Entries switched
/// off are left out of the rendered GOPROXY, so they can be switched on again without retyping.
/// Immutable; every edit returns a new list.
public record MirrorList(List<Entry> entries) {

    /// One GOPROXY entry: a mirror URL (or bare host), `direct` or `off`.
    /// @param anyError the separator after it is `|` (fall through on any error), else `,`
    public record Entry(String text, boolean enabled, boolean anyError) {
        public Entry {
            Objects.requireNonNull(text);
        }

        public boolean isDirect() {
            return text.equals("direct");
        }

        public boolean isOff() {
            return text.equals("off");
        }

        Entry enabled(boolean on) {
            return new Entry(text, on, anyError);
        }

        Entry anyError(boolean pipe) {
            return new Entry(text, enabled, pipe);
        }
    }

    /// A well-known place to get modules from, offered when adding an entry.
    public record Preset(String name, String text, String description) {}

    /// Small on purpose: the public mirrors Go users commonly set, and the two special entries.
    /// A company mirror (Athens, Artifactory, ...) is added by its URL.
    public static final List<Preset> PRESETS = List.of(
            new Preset("Go module mirror (Google)", "https://proxy.golang.org",
                    "The default mirror, run by Google for the Go project."),
            new Preset("goproxy.io", "https://goproxy.io", "A public mirror run by the goproxy.io community."),
            new Preset("goproxy.cn", "https://goproxy.cn", "A public mirror hosted in China (Qiniu)."),
            new Preset("direct", "direct",
                    "The origin repository (git, hg, …) named by the module path; gofetch cannot fetch from it yet."),
            new Preset("off", "off", "No downloads: everything must already be in the module cache."));

    public MirrorList {
        entries = List.copyOf(entries);
    }

    /// The entries of a GOPROXY value, all switched on, each with the separator that follows it
    /// (the last one's is `,`). Entries after `direct` or `off` are kept though Go never reaches them.
    public static MirrorList parse(String goproxy) {
        List<Entry> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= goproxy.length(); i++) {
            char c = i < goproxy.length() ? goproxy.charAt(i) : ',';
            if (c == ',' || c == '|') {
                String t = text.toString().strip();
                if (!t.isEmpty()) {
                    out.add(new Entry(t, true, c == '|'));
                }
                text.setLength(0);
            } else {
                text.append(c);
            }
        }
        return new MirrorList(out);
    }

    /// The GOPROXY value: entries switched on, each followed by its own separator but the last.
    public String goproxy() {
        StringBuilder b = new StringBuilder();
        Entry previous = null;
        for (Entry e : entries) {
            if (!e.enabled()) {
                continue;
            }
            if (previous != null) {
                b.append(previous.anyError() ? '|' : ',');
            }
            b.append(e.text());
            previous = e;
        }
        return b.toString();
    }

    /// What the go command would make of [#goproxy()].
    /// @throws ProxyConfigException with a message for people when nothing is switched on, else the
    ///         go command's message
    public ProxyList toProxyList(String gonoproxy) throws ProxyConfigException {
        String goproxy = goproxy();
        if (goproxy.isEmpty()) {
            throw new ProxyConfigException("no entry is switched on: switch one on, or add \"off\" to allow no downloads");
        }
        return ProxyList.parse(goproxy, gonoproxy);
    }

    /// Whether Go ever tries entry i: not when an earlier switched-on entry is `direct` or `off`.
    public boolean reachable(int i) {
        for (int j = 0; j < i; j++) {
            Entry e = entries.get(j);
            if (e.enabled() && (e.isDirect() || e.isOff())) {
                return false;
            }
        }
        return true;
    }

    public MirrorList withEnabled(int i, boolean on) {
        return replace(i, entries.get(i).enabled(on));
    }

    public MirrorList withAnyError(int i, boolean pipe) {
        return replace(i, entries.get(i).anyError(pipe));
    }

    /// Moves entry from to position to (indexes in this list).
    public MirrorList moved(int from, int to) {
        List<Entry> list = new ArrayList<>(entries);
        Entry e = list.remove(from);
        list.add(Math.max(0, Math.min(to, list.size())), e);
        return new MirrorList(list);
    }

    public MirrorList removed(int i) {
        List<Entry> list = new ArrayList<>(entries);
        list.remove(i);
        return new MirrorList(list);
    }

    /// Adds an entry, switched on, with `|` after it, before the first `direct`/`off` (which end
    /// the list for Go) or else at the end.
    /// @throws ProxyConfigException when text is not a GOPROXY entry (the go command's message)
    public MirrorList added(String text) throws ProxyConfigException {
        String t = checkEntry(text);
        List<Entry> list = new ArrayList<>(entries);
        int at = list.size();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isDirect() || list.get(i).isOff()) {
                at = i;
                break;
            }
        }
        if (t.equals("direct") || t.equals("off")) {
            at = list.size();
        }
        list.add(at, new Entry(t, true, true));
        return new MirrorList(list);
    }

    private MirrorList replace(int i, Entry e) {
        List<Entry> list = new ArrayList<>(entries);
        list.set(i, e);
        return new MirrorList(list);
    }

    /// The entry as it would go into GOPROXY (trimmed).
    /// @throws ProxyConfigException for an empty text, one holding a separator, or one Go's parser refuses
    public static String checkEntry(String text) throws ProxyConfigException {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new ProxyConfigException("type a mirror URL, such as https://athens.corp.example");
        }
        if (t.indexOf(',') >= 0 || t.indexOf('|') >= 0) {
            throw new ProxyConfigException("one entry at a time: " + t + " holds a , or |");
        }
        ProxyList.parse(t, "");
        return t;
    }

    /// Problems with a GOPRIVATE/GONOPROXY/GONOSUMDB value, one message each; empty when fine.
    /// The go command takes any value and silently ignores patterns that cannot match, so these
    /// are the mistakes that make a pattern do nothing.
    public static List<String> checkPatterns(String value) {
        List<String> problems = new ArrayList<>();
        for (String pattern : value.split(",", -1)) {
            if (pattern.isEmpty()) {
                continue;
            }
            if (!pattern.equals(pattern.strip())) {
                problems.add("\"" + pattern + "\" has spaces around it; Go does not trim them, so it matches nothing");
            } else if (pattern.contains("://")) {
                problems.add("\"" + pattern + "\" is a URL; patterns are module path prefixes such as "
                        + "*.corp.example or github.com/acme");
            } else if (!wellFormedGlob(pattern)) {
                problems.add("\"" + pattern + "\" is not a valid pattern (an unclosed [ or a dangling \\); "
                        + "Go ignores it");
            }
        }
        return problems;
    }

    /// Go's `path.Match` syntax: `\` escapes one character; a class `[...]` or `[^...]` closes and
    /// holds characters or ranges, none starting with a bare `-` or `]`.
    static boolean wellFormedGlob(String p) {
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    return false;
                }
                i += 2;
            } else if (c == '[') {
                i++;
                if (i < p.length() && p.charAt(i) == '^') {
                    i++;
                }
                int ranges = 0;
                while (true) {
                    if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
                        i++;
                        break;
                    }
                    i = classChar(p, i);
                    if (i < 0) {
                        return false;
                    }
                    if (i < p.length() && p.charAt(i) == '-') {
                        i = classChar(p, i + 1);
                        if (i < 0) {
                            return false;
                        }
                    }
                    ranges++;
                }
            } else {
                i++;
            }
        }
        return true;
    }

    /// Past one class character at i, or -1 when there is none or it is a bare `-` or `]`.
    private static int classChar(String p, int i) {
        if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
            return -1;
        }
        if (p.charAt(i) == '\\') {
            return i + 1 < p.length() ? i + 2 : -1;
        }
        return i + Character.charCount(p.codePointAt(i));
    }
}

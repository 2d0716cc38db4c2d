package dev.gofetch.vcs;

import dev.gofetch.module.GoStrings;
import dev.gofetch.module.ModulePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// The GOVCS policy (`go help vcs`): which version control systems may be run for which repository
/// roots. The user's rules come first; `private:all,public:git|hg` always follow them.
final class Govcs {
    private record Rule(String pattern, List<String> allowed) {}

    private static final List<Rule> DEFAULTS = List.of(
            new Rule("private", List.of("all")),
            new Rule("public", List.of("git", "hg")));

    private final List<Rule> rules;
    private final String parseError;
    private final String goprivate;

    private Govcs(List<Rule> rules, String parseError, String goprivate) {
        this.rules = rules;
        this.parseError = parseError;
        this.goprivate = goprivate;
    }

    /// The policy for a GOVCS setting. A malformed setting is reported by every [#check], as the go
    /// command reports it only when it first needs to run a version control system.
    static Govcs parse(String govcs, String goprivate) {
        List<Rule> rules = new ArrayList<>();
        String error = "";
        try {
            rules.addAll(parseRules(govcs));
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        rules.addAll(DEFAULTS);
        return new Govcs(List.copyOf(rules), error, goprivate);
    }

    private static List<Rule> parseRules(String s) {
        s = s.strip();
        List<Rule> rules = new ArrayList<>();
        if (s.isEmpty()) {
            return rules;
        }
        Map<String, String> have = new HashMap<>();
        for (String raw : s.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty entry in GOVCS");
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("malformed entry in GOVCS (missing colon): " + GoStrings.quote(item));
            }
            String pattern = item.substring(0, colon).strip();
            String list = item.substring(colon + 1).strip();
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern in GOVCS: " + GoStrings.quote(item));
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException("empty VCS list in GOVCS: " + GoStrings.quote(item));
            }
            if (pattern.startsWith("./") || pattern.startsWith("../") || pattern.equals(".") || pattern.equals("..")) {
                throw new IllegalArgumentException("relative pattern not allowed in GOVCS: " + GoStrings.quote(pattern));
            }
            String old = have.get(pattern);
            if (old != null) {
                throw new IllegalArgumentException("unreachable pattern in GOVCS: " + GoStrings.quote(item)
                        + " after " + GoStrings.quote(old));
            }
            have.put(pattern, item);
            List<String> allowed = new ArrayList<>();
            for (String a : list.split("\\|", -1)) {
                a = a.strip();
                if (a.isEmpty()) {
                    throw new IllegalArgumentException("empty VCS name in GOVCS: " + GoStrings.quote(item));
                }
                allowed.add(a);
            }
            rules.add(new Rule(pattern, List.copyOf(allowed)));
        }
        return rules;
    }

    /// Whether `vcs` may be used for the repository whose import path is `root`.
    /// @throws IOException with the go command's message when it may not, or GOVCS is malformed
    void check(String vcs, String root) throws IOException {
        if (vcs.equals("mod")) {
            return; // the GOPROXY protocol runs no external program
        }
        if (!parseError.isEmpty()) {
            throw new IOException(parseError);
        }
        boolean isPrivate = ModulePath.matchPrefixPatterns(goprivate, root);
        if (!allows(root, isPrivate, vcs)) {
            throw new IOException("GOVCS disallows using " + vcs + " for " + (isPrivate ? "private" : "public") + " "
                    + root + "; see 'go help vcs'");
        }
    }

    private boolean allows(String root, boolean isPrivate, String vcs) {
        for (Rule rule : rules) {
            boolean match = switch (rule.pattern()) {
                case "private" -> isPrivate;
                case "public" -> !isPrivate;
                default -> ModulePath.matchPrefixPatterns(rule.pattern(), root);
            };
            if (match) {
                return rule.allowed().contains(vcs) || rule.allowed().contains("all");
            }
        }
        return false;
    }
}

package dev.gofetch.vcs;

import java.util.List;
import java.util.Set;

/// The version control systems the go command knows, with the URL schemes it tries for a
/// repository and how it checks that one answers (`vcsList` in cmd/go).
enum Vcs {
    HG("hg", List.of("https", "http", "ssh"), List.of("identify", "--", "{scheme}://{repo}")),
    GIT("git", List.of("git", "https", "http", "git+ssh", "ssh"), List.of("ls-remote", "{scheme}://{repo}")),
    SVN("svn", List.of("https", "http", "svn", "svn+ssh"), List.of("info", "--", "{scheme}://{repo}")),
    BZR("bzr", List.of("https", "http", "bzr", "bzr+ssh"), List.of("info", "--", "{scheme}://{repo}")),
    FOSSIL("fossil", List.of("https", "http"), List.of());

    private static final Set<String> SECURE = Set.of("https", "git+ssh", "bzr+ssh", "svn+ssh", "ssh");

    private final String command;
    private final List<String> schemes;
    private final List<String> pingArgs;

    Vcs(String command, List<String> schemes, List<String> pingArgs) {
        this.command = command;
        this.schemes = schemes;
        this.pingArgs = pingArgs;
    }

    String command() {
        return command;
    }

    List<String> schemes() {
        return schemes;
    }

    boolean canPing() {
        return !pingArgs.isEmpty();
    }

    /// The ping command's arguments for one scheme.
    List<String> pingArgs(String scheme, String repo) {
        return pingArgs.stream().map(a -> a.replace("{scheme}", scheme).replace("{repo}", repo)).toList();
    }

    /// For git, GIT_ALLOW_PROTOCOL (colon-separated) replaces the built-in list of secure schemes.
    boolean isSecureScheme(String scheme, String gitAllowProtocol) {
        if (this == GIT && !gitAllowProtocol.isEmpty()) {
            return List.of(gitAllowProtocol.split(":", -1)).contains(scheme);
        }
        return SECURE.contains(scheme);
    }

    static Vcs byCommand(String command) {
        for (Vcs v : values()) {
            if (v.command.equals(command)) {
                return v;
            }
        }
        return null;
    }
}

package dev.gofetch.vcs;

import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.Transport;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Finds the repository of a module path the way the go command does in direct mode.
@FunctionalInterface
public interface RepoLookup {
    RepoRoot lookup(String importPath) throws IOException;

    /// The go command's lookup for these settings.
    static RepoLookup forEnv(GoEnv env, Transport transport) {
        // Interim: only VCS-qualified paths (`host/repo.git/sub`); discovery replaces this.
        Pattern qualified = Pattern.compile("^(?<root>(?<repo>[A-Za-z0-9.\\-]+(?::[0-9]+)?(?:/[A-Za-z0-9_.\\-]+)*?)\\.git)(?:/.*)?$");
        return importPath -> {
            Matcher m = qualified.matcher(importPath);
            if (!m.matches()) {
                throw new IOException("unrecognized import path \"" + importPath + "\"");
            }
            return new RepoRoot(m.group("root"), "git", "https://" + m.group("repo"));
        };
    }
}

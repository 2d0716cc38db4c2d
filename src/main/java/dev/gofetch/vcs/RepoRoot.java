package dev.gofetch.vcs;

/// Where the source of an import path lives (`vcs.RepoRoot` in cmd/go): the import path of the
/// repository root, the version control system (`git`, `hg`, ..., or `mod` for a GOPROXY-protocol
/// server named by a go-import tag) and the repository URL.
public record RepoRoot(String root, String vcs, String repoUrl) {}

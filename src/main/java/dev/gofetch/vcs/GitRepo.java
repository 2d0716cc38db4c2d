package dev.gofetch.vcs;

import dev.gofetch.cache.FileLock;
import dev.gofetch.module.GoStrings;
import dev.gofetch.module.RevInfo.Origin;
import dev.gofetch.module.Semver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/// A remote git repository mirrored into a bare repository under `$GOMODCACHE/cache/vcs`, laid out
/// and locked exactly as cmd/go's `codehost.gitRepo` does, so both tools share the mirror. Refs come
/// from one `git ls-remote`; commits are fetched shallowly by ref, and the whole history only when a
/// question (an ancestor tag, an unnamed commit) needs it. Thread-safe.
final class GitRepo {
    static final String WORK_DIR_TYPE = "git3";
    private static final int MIN_HASH_DIGITS = 7;

    /// A commit as the repository describes it (cmd/go's `codehost.RevInfo`).
    record Rev(Origin origin, String name, String shortName, String version, Instant time, List<String> tags) {}

    /// A tag and the commit it names.
    record Tag(String name, String hash) {}

    record Tags(Origin origin, List<Tag> list) {}

    private final String remoteUrl;
    private final Path dir;
    private final Path lockFile;
    private final GitCommand git;
    private final ReentrantLock mu = new ReentrantLock();
    private FileLock held; // guarded by mu
    private boolean sha256;
    private int fetchLevel; // guarded by mu: 0 nothing, 1 single refs, 2 everything

    private final Object refsLock = new Object();
    private Map<String, String> refs; // guarded by refsLock
    private IOException refsError;
    private Set<String> localTags;
    private final ConcurrentHashMap<String, FutureTask<Rev>> statCache = new ConcurrentHashMap<>();

    private GitRepo(String remoteUrl, Path dir, GitCommand git) {
        this.remoteUrl = remoteUrl;
        this.dir = dir;
        this.lockFile = Path.of(dir + ".lock");
        this.git = git;
    }

    /// cmd/go's `newGitRepo` for a remote: the work directory is created (or reused) and initialised.
    static GitRepo open(String remote, Path modCache, GitCommand git) throws IOException {
        if (!remote.contains("://")) {
            if (remote.contains(":")) {
                throw new VcsException("git remote (" + remote
                        + ") must not be local directory (use URL syntax not host:path syntax)", false);
            }
            throw new VcsException("git remote (" + remote + ") must not be local directory", false);
        }
        GitRepo r = new GitRepo(remote, workDir(modCache, WORK_DIR_TYPE, remote, git::note), git);
        r.locked(() -> {
            if (!Files.exists(r.dir.resolve("objects"))) {
                boolean repoSha256 = false;
                try {
                    for (String h : r.loadRefs().values()) {
                        repoSha256 = h.length() == 64;
                        break;
                    }
                } catch (IOException e) {
                    // reported again on first use
                }
                List<String> init = new ArrayList<>(List.of("init", "--bare"));
                if (repoSha256) {
                    init.add("--object-format=sha256");
                } else if (gitSupportsSha256(git)) {
                    init.add("--object-format=sha1");
                }
                try {
                    git.run(r.dir, false, init);
                    r.runGit("remote", "add", "origin", "--", remote);
                } catch (IOException e) {
                    deleteTree(r.dir);
                    throw e;
                }
            }
            return null;
        });
        try {
            r.sha256 = new String(r.runGit("config", "extensions.objectformat"), StandardCharsets.UTF_8).trim()
                    .equals("sha256");
        } catch (IOException e) {
            r.sha256 = false;
        }
        return r;
    }

    /// `codehost.WorkDir`: `$GOMODCACHE/cache/vcs/<sha256 of "type:name">` with its `.info` and `.lock`.
    static Path workDir(Path modCache, String type, String name) throws IOException {
        return workDir(modCache, type, name, line -> { });
    }

    /// {@link #workDir(Path, String, String)}, noting in trace what it does as `go ... -x` does.
    static Path workDir(Path modCache, String type, String name, java.util.function.Consumer<String> trace)
            throws IOException {
        String key = type + ":" + name;
        Path dir = modCache.resolve("cache").resolve("vcs").resolve(HexFormat.of().formatHex(sha256(key)));
        trace.accept("mkdir -p " + dir.getParent() + " # " + type + " " + name);
        Files.createDirectories(dir.getParent());
        Path info = Path.of(dir + ".info");
        trace.accept("# lock " + dir + ".lock");
        try (FileLock lock = FileLock.exclusive(Path.of(dir + ".lock"))) {
            if (Files.isDirectory(dir) && Files.isRegularFile(info)) {
                String have = Files.readString(info, StandardCharsets.UTF_8);
                if (have.endsWith("\n")) {
                    have = have.substring(0, have.length() - 1);
                }
                if (!have.equals(key)) {
                    throw new IOException(info + " exists with wrong content (have " + GoStrings.quote(have)
                            + " want " + GoStrings.quote(key) + ")");
                }
                trace.accept("# " + dir + " for " + type + " " + name);
                return dir;
            }
            trace.accept("mkdir -p " + dir + " # " + type + " " + name);
            deleteTree(dir);
            Files.createDirectories(dir);
            try {
                Files.writeString(info, key, StandardCharsets.UTF_8);
            } catch (IOException e) {
                deleteTree(dir);
                throw e;
            }
        }
        return dir;
    }

    String remoteUrl() {
        return remoteUrl;
    }

    Path dir() {
        return dir;
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    /// Runs work holding both this process's lock and the go command's lock file on the repository.
    private <T> T locked(Locked<T> work) throws IOException {
        mu.lock();
        try {
            boolean outer = held == null;
            if (outer) {
                held = FileLock.exclusive(lockFile);
            }
            try {
                return work.run();
            } finally {
                if (outer) {
                    FileLock h = held;
                    held = null;
                    h.close();
                }
            }
        } finally {
            mu.unlock();
        }
    }

    private final ReentrantLock dirLock = new ReentrantLock();

    private byte[] runGit(String... args) throws IOException {
        dirLock.lock();
        try {
            return git.run(dir, true, List.of(args));
        } finally {
            dirLock.unlock();
        }
    }

    private String runGitText(String... args) throws IOException {
        return new String(runGit(args), StandardCharsets.UTF_8);
    }

    /// Heads, tags and HEAD of the remote, from one `git ls-remote` per repository and session.
    Map<String, String> loadRefs() throws IOException {
        synchronized (refsLock) {
            if (refs == null && refsError == null) {
                try {
                    refs = lsRemote();
                } catch (IOException e) {
                    refsError = e;
                }
            }
            if (refsError != null) {
                throw refsError;
            }
            return refs;
        }
    }

    private Map<String, String> lsRemote() throws IOException {
        String remote = Files.exists(dir.resolve("config")) ? "origin" : remoteUrl;
        String out;
        try {
            out = runGitText("ls-remote", "-q", "--end-of-options", remote);
        } catch (GitCommand.GitException e) {
            String msg = e.getMessage();
            if (e.stderr().contains("fatal: could not read Username")) {
                msg += "\nConfirm the import path was entered correctly.\nIf this is a private repository, see "
                        + "https://golang.org/doc/faq#git_https for additional information.";
            }
            throw new VcsException(msg, false);
        }
        Map<String, String> found = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                continue;
            }
            if (f[1].equals("HEAD") || f[1].startsWith("refs/heads/") || f[1].startsWith("refs/tags/")) {
                found.put(f[1], f[0]);
            }
        }
        Map<String, String> result = new HashMap<>(found);
        for (Map.Entry<String, String> e : found.entrySet()) {
            if (e.getKey().endsWith("^{}")) {
                result.remove(e.getKey());
                result.put(e.getKey().substring(0, e.getKey().length() - 3), e.getValue());
            }
        }
        return result;
    }

    /// The tags starting with prefix, and the origin that summarises them (`TagSum`).
    Tags tags(String prefix) throws IOException {
        Map<String, String> all = loadRefs();
        List<Tag> list = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(all).entrySet()) {
            if (!e.getKey().startsWith("refs/tags/")) {
                continue;
            }
            String tag = e.getKey().substring("refs/tags/".length());
            if (tag.startsWith(prefix)) {
                list.add(new Tag(tag, e.getValue()));
            }
        }
        list.sort((a, b) -> GoStrings.compare(a.name(), b.name()));
        String dirPrefix = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        StringBuilder sum = new StringBuilder();
        for (Tag t : list) {
            if (isOriginTag(t.name().substring(t.name().startsWith(dirPrefix) ? dirPrefix.length() : 0))) {
                sum.append(GoStrings.quote(t.name())).append(' ').append(t.hash()).append('\n');
            }
        }
        String tagSum = "t1:" + Base64.getEncoder().encodeToString(sha256(sum.toString()));
        return new Tags(new Origin("git", remoteUrl, "", "", prefix, tagSum, "", ""), list);
    }

    private static boolean isOriginTag(String tag) {
        String c = Semver.canonical(tag);
        return !c.isEmpty() && tag.startsWith(c) && !dev.gofetch.module.PseudoVersion.isPseudoVersion(tag);
    }

    private String repoSum(Map<String, String> all) {
        StringBuilder b = new StringBuilder();
        List<String> names = new ArrayList<>(all.keySet());
        names.sort(GoStrings::compare);
        for (String ref : names) {
            b.append(GoStrings.quote(ref)).append(' ').append(all.get(ref)).append('\n');
        }
        return "r1:" + Base64.getEncoder().encodeToString(sha256(b.toString()));
    }

    private UnknownRevision unknownRevision(String rev) {
        Origin o = null;
        try {
            o = new Origin("git", remoteUrl, "", "", "", "", "", repoSum(loadRefs()));
        } catch (IOException ignored) {
            // no origin to cache the failure with
        }
        return new UnknownRevision(rev, o);
    }

    /// `UnknownRevisionError`: means "does not exist".
    static final class UnknownRevision extends VcsException {
        private static final long serialVersionUID = 1L;
        final transient Origin origin;

        UnknownRevision(String rev, Origin origin) {
            super("unknown revision " + rev, true);
            this.origin = origin;
        }
    }

    /// The default branch's tip.
    Rev latest() throws IOException {
        Map<String, String> all = loadRefs();
        String head = all.get("HEAD");
        if (head == null || head.isEmpty()) {
            throw new VcsException("no commits", true);
        }
        Rev r = stat(head);
        Origin o = r.origin();
        return new Rev(new Origin(o.vcs(), o.url(), o.subdir(), head, o.tagPrefix(), o.tagSum(), "HEAD", o.repoSum()),
                r.name(), r.shortName(), r.version(), r.time(), r.tags());
    }

    Rev stat(String rev) throws IOException {
        if (rev.equals("latest")) {
            return latest();
        }
        FutureTask<Rev> task = new FutureTask<>(() -> statUncached(rev));
        FutureTask<Rev> prior = statCache.putIfAbsent(rev, task);
        if (prior == null) {
            task.run();
            prior = task;
        }
        try {
            return prior.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    private int hexHashLen() {
        return sha256 ? 64 : 40;
    }

    private boolean looksLikeHash(String rev) {
        return rev.length() >= MIN_HASH_DIGITS && rev.length() <= hexHashLen() && allHex(rev);
    }

    static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private Rev statUncached(String rev) throws IOException {
        boolean didStatLocal = false;
        if (looksLikeHash(rev)) {
            try {
                return statLocal(rev, rev);
            } catch (IOException e) {
                didStatLocal = true;
            }
        }
        synchronized (this) {
            if (localTags == null) {
                localTags = new TreeSet<>();
                try {
                    for (String line : runGitText("tag", "-l").split("\n")) {
                        if (!line.isEmpty()) {
                            localTags.add(line);
                        }
                    }
                } catch (IOException ignored) {
                    // nothing local yet
                }
            }
            if (localTags.contains(rev)) {
                return statLocal(rev, "refs/tags/" + rev);
            }
        }
        Map<String, String> all = loadRefs();
        String ref = "";
        String hash = "";
        if (all.containsKey("refs/tags/" + rev)) {
            ref = "refs/tags/" + rev;
            hash = all.get(ref);
        } else if (all.containsKey("refs/heads/" + rev)) {
            ref = "refs/heads/" + rev;
            hash = all.get(ref);
            rev = hash;
        } else if (rev.equals("HEAD") && all.containsKey("HEAD")) {
            ref = "HEAD";
            hash = all.get(ref);
            rev = hash;
        } else if (looksLikeHash(rev)) {
            String prefix = rev;
            for (Map.Entry<String, String> e : all.entrySet()) {
                String h = e.getValue();
                if (h.startsWith(prefix)) {
                    if (!hash.isEmpty() && !hash.equals(h)) {
                        throw new VcsException("ambiguous revision " + rev, false);
                    }
                    if (ref.isEmpty() || GoStrings.compare(ref, e.getKey()) > 0) {
                        ref = e.getKey();
                    }
                    rev = h;
                    hash = h;
                }
            }
            if (hash.isEmpty() && rev.length() == hexHashLen()) {
                hash = rev;
            }
        } else {
            throw unknownRevision(rev);
        }
        Rev info = statRemote(rev, ref, hash, didStatLocal);
        Origin o = info.origin();
        String originRef = ref.equals(info.name()) ? "" : ref;
        return new Rev(new Origin(o.vcs(), o.url(), o.subdir(), info.name(), o.tagPrefix(), o.tagSum(), originRef,
                o.repoSum()), info.name(), info.shortName(), info.version(), info.time(), info.tags());
    }

    private Rev statRemote(String rev, String ref, String hash, boolean didStatLocal) throws IOException {
        return locked(() -> {
            if (!didStatLocal) {
                try {
                    Rev info = statLocal(rev, hash);
                    if (ref.startsWith("refs/tags/")) {
                        String tag = ref.substring("refs/tags/".length());
                        if (!info.tags().contains(tag)) {
                            runGit("tag", "--end-of-options", tag, hash);
                            synchronized (this) {
                                localTags.add(tag);
                            }
                            return statLocal(rev, ref);
                        }
                    }
                    return info;
                } catch (UnknownRevision e) {
                    // fetch it below
                }
            }
            if (fetchLevel <= 1 && !ref.isEmpty() && !hash.isEmpty()) {
                fetchLevel = 1;
                String refspec;
                String localRef = ref;
                if (ref.equals("HEAD")) {
                    localRef = hash;
                    refspec = hash + ":refs/dummy";
                } else {
                    refspec = ref + ":" + ref;
                }
                try {
                    runGit("-c", "protocol.version=2", "fetch", "-f", "--depth=1", "--end-of-options", "origin", refspec);
                    return statLocal(rev, localRef);
                } catch (GitCommand.GitException e) {
                    // fall back to a complete fetch
                }
            }
            fetchRefsLocked();
            return statLocal(rev, rev);
        });
    }

    /// Fetches every head and tag and their history (held under the lock).
    private void fetchRefsLocked() throws IOException {
        if (fetchLevel < 2) {
            runGit("fetch", "-f", "--end-of-options", "origin", "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
            if (Files.exists(dir.resolve("shallow"))) {
                runGit("fetch", "--unshallow", "-f", "--end-of-options", "origin");
            }
            fetchLevel = 2;
        }
    }

    /// Describes rev from the local mirror; version is what the caller asked for.
    private Rev statLocal(String version, String rev) throws IOException {
        String out;
        try {
            out = runGitText("-c", "log.showsignature=false", "log", "--no-decorate", "-n1", "--format=format:%H %ct %D",
                    "--end-of-options", rev, "--");
        } catch (GitCommand.GitException e) {
            throw unknownRevision(rev);
        }
        String[] f = out.trim().split("\\s+");
        if (f.length < 2) {
            throw new IOException("unexpected response from git log: " + GoStrings.quote(out));
        }
        String hash = f[0];
        if (hash.startsWith(version)) {
            version = hash;
        }
        long t;
        try {
            t = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            throw new IOException("invalid time from git log: " + GoStrings.quote(out));
        }
        TreeSet<String> tags = new TreeSet<>(GoStrings::compare);
        for (int i = 2; i < f.length; i++) {
            if (f[i].equals("tag:") && i + 1 < f.length) {
                i++;
                tags.add(f[i].endsWith(",") ? f[i].substring(0, f[i].length() - 1) : f[i]);
            }
        }
        try {
            for (Map.Entry<String, String> e : loadRefs().entrySet()) {
                if (e.getValue().equals(hash) && e.getKey().startsWith("refs/tags/")) {
                    tags.add(e.getKey().substring("refs/tags/".length()));
                }
            }
        } catch (IOException ignored) {
            // the local tags are all we know
        }
        String v = hash;
        if (tags.contains(version)) {
            v = version;
        }
        String originRef = hash.startsWith(rev) ? "" : rev;
        String shortName = hash.length() == hexHashLen() && allHex(hash) ? hash.substring(0, 12) : hash;
        return new Rev(new Origin("git", remoteUrl, "", hash, "", "", originRef, ""), hash, shortName, v,
                Instant.ofEpochSecond(t), List.copyOf(tags));
    }

    /// The file at rev, or null when it does not exist there.
    byte[] readFile(String rev, String file) throws IOException {
        Rev info = stat(rev);
        try {
            return runGit("cat-file", "--end-of-options", "blob", info.name() + ":" + file);
        } catch (GitCommand.GitException e) {
            return null;
        }
    }

    /// The highest tag with prefix merged into rev that allowed accepts, or "".
    String recentTag(String rev, String prefix, Predicate<String> allowed) throws IOException {
        Rev info = stat(rev);
        String name = info.name();
        String tag = describe(name, prefix, allowed);
        if (!tag.isEmpty() && !allHex(tag)) {
            return tag;
        }
        if (tags(prefix + "v").list().isEmpty()) {
            return "";
        }
        locked(() -> {
            fetchRefsLocked();
            return null;
        });
        return describe(name, prefix, allowed);
    }

    private String describe(String rev, String prefix, Predicate<String> allowed) throws IOException {
        String out = runGitText("for-each-ref", "--format=%(refname)", "--merged=" + rev);
        String highest = "";
        for (String line : out.split("\n")) {
            line = line.trim();
            if (!line.startsWith("refs/tags/")) {
                continue;
            }
            line = line.substring("refs/tags/".length());
            if (!line.startsWith(prefix) || !allowed.test(line)) {
                continue;
            }
            String semtag = line.substring(prefix.length());
            if (Semver.compare(semtag, highest) > 0) {
                highest = semtag;
            }
        }
        return highest.isEmpty() ? "" : prefix + highest;
    }

    /// Whether rev or one of its ancestors carries tag.
    boolean descendsFrom(String rev, String tag) throws IOException {
        try {
            runGit("merge-base", "--is-ancestor", "--", tag, rev);
            return true;
        } catch (GitCommand.GitException e) {
            // maybe only missing history
        }
        if (tags(tag).list().isEmpty()) {
            return false;
        }
        statUncached(rev);
        return locked(() -> {
            fetchRefsLocked();
            try {
                runGit("merge-base", "--is-ancestor", "--", tag, rev);
                return true;
            } catch (GitCommand.GitException e) {
                if (e.exitCode() == 1) {
                    return false;
                }
                throw e;
            }
        });
    }

    /// `git archive --format=zip` of rev (limited to subdir when not empty), with the attributes
    /// that would make it differ between machines switched off.
    byte[] readZip(String rev, String subdir) throws IOException {
        Rev info = stat(rev);
        return locked(() -> {
            ensureGitAttributes();
            List<String> args = new ArrayList<>(List.of("-c", "core.autocrlf=input", "-c", "core.eol=lf", "archive",
                    "--format=zip", "--prefix=prefix/", "--end-of-options", info.name()));
            if (!subdir.isEmpty()) {
                args.add(subdir);
            }
            try {
                return runGit(args.toArray(String[]::new));
            } catch (GitCommand.GitException e) {
                if (e.stderr().contains("did not match any files")) {
                    throw new VcsException("file does not exist", true);
                }
                throw e;
            }
        });
    }

    /// The symbolic links in rev's tree below subdir (git archive stores them as entries that
    /// x/mod/zip leaves out).
    Set<String> symlinks(String rev, String subdir) throws IOException {
        Rev info = stat(rev);
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "-z", "--full-tree", "--end-of-options", info.name()));
        if (!subdir.isEmpty()) {
            args.add("--");
            args.add(subdir);
        }
        Set<String> links = new java.util.HashSet<>();
        for (String rec : runGitText(args.toArray(String[]::new)).split("\0")) {
            int tab = rec.indexOf('\t');
            if (tab > 0 && rec.startsWith("120000 ")) {
                links.add(rec.substring(tab + 1));
            }
        }
        return links;
    }

    private void ensureGitAttributes() throws IOException {
        String attr = "\n* -export-subst -export-ignore\n";
        Path d = dir.resolve("info");
        Files.createDirectories(d);
        Path p = d.resolve("attributes");
        String have = Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        if (!have.endsWith(attr)) {
            Files.writeString(p, attr, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static boolean gitSupportsSha256(GitCommand git) throws IOException {
        String out = new String(git.runQuietly(null, false, List.of("version")), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("git version\\s+(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(out);
        if (!m.find()) {
            throw new IOException("unable to resolve git version: git version extraction regexp did not match "
                    + "version line: " + GoStrings.quote(out));
        }
        return Semver.compare("v2.29", "v" + m.group(1)) <= 0;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(q);
                } catch (NoSuchFileException ignored) {
                    // gone already
                }
            }
        }
    }
}

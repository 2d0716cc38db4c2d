package dev.gofetch.vcs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Git repositories made at test time: a work tree per repository, commits with fixed dates, and a
/// bare copy under `repos/` that a HOME whose .gitconfig rewrites `https://git.example.test/` serves.
final class GitFixture {
    final Path root;
    final Path repos;
    final Path home;
    private long clock = Instant.parse("2024-01-02T03:04:05Z").getEpochSecond();

    GitFixture(Path root) throws IOException {
        this.root = root;
        this.repos = root.resolve("repos");
        this.home = root.resolve("home");
        Files.createDirectories(repos);
        Files.createDirectories(home);
        Files.writeString(home.resolve(".gitconfig"), "[url \"" + repos.toUri() + "\"]\n"
                + "\tinsteadOf = https://git.example.test/\n"
                + "[user]\n\tname = Fixture\n\temail = fixture@example.test\n"
                + "[init]\n\tdefaultBranch = main\n", StandardCharsets.UTF_8);
    }

    /// A work tree being built up; {@link #publish()} makes (or refreshes) the bare repository.
    final class Repo {
        final String name;
        final Path work;

        Repo(String name) throws IOException {
            this.name = name;
            this.work = root.resolve("work").resolve(name);
            Files.createDirectories(work);
            git("init", "-q", "-b", "main");
        }

        Repo file(String path, String content) throws IOException {
            Path f = work.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return this;
        }

        Repo delete(String path) throws IOException {
            git("rm", "-q", "-r", "--", path);
            return this;
        }

        Repo symlink(String path, String target) throws IOException {
            Path f = work.resolve(path);
            Files.createDirectories(f.getParent());
            Files.createSymbolicLink(f, Path.of(target));
            return this;
        }

        /// Commits everything one hour after the previous commit; returns the full hash.
        String commit(String message) throws IOException {
            git("add", "-A");
            clock += 3600;
            git("commit", "-q", "--allow-empty", "-m", message);
            return head();
        }

        String head() throws IOException {
            return git("rev-parse", "HEAD").trim();
        }

        Repo tag(String tag) throws IOException {
            git("tag", tag);
            return this;
        }

        Repo annotatedTag(String tag) throws IOException {
            git("tag", "-a", "-m", "release " + tag, tag);
            return this;
        }

        Repo branch(String branch) throws IOException {
            git("checkout", "-q", "-B", branch);
            return this;
        }

        Repo checkout(String rev) throws IOException {
            git("checkout", "-q", rev);
            return this;
        }

        Path publish() throws IOException {
            Path bare = repos.resolve(name);
            if (!Files.exists(bare)) {
                run(root, "clone", "-q", "--bare", work.toString(), bare.toString());
            } else {
                run(bare, "fetch", "-q", "-f", work.toString(), "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
            }
            return bare;
        }

        String git(String... args) throws IOException {
            return run(work, args);
        }
    }

    Repo repo(String name) throws IOException {
        return new Repo(name);
    }

    /// The environment for git in fixtures and under test: this HOME, fixed dates, no system config.
    Map<String, String> gitEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        return env;
    }

    String run(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(gitEnv());
        String date = "@" + clock + " +0000";
        pb.environment().put("GIT_AUTHOR_DATE", date);
        pb.environment().put("GIT_COMMITTER_DATE", date);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}

package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommandTest {
    @TempDir
    Path dir;

    private Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", dir.toString());
        return env;
    }

    @Test
    void neverLetsGitPromptUnlessTheUserAskedForIt() {
        Map<String, String> env = new GitCommand(baseEnv(), Duration.ofSeconds(5)).environment();
        assertThat(env).containsEntry("GIT_TERMINAL_PROMPT", "0").containsEntry("GCM_INTERACTIVE", "never")
                .containsEntry("GIT_SSH_COMMAND", "ssh -o ControlMaster=no -o BatchMode=yes");

        Map<String, String> user = baseEnv();
        user.put("GIT_TERMINAL_PROMPT", "1");
        user.put("GIT_SSH", "/usr/bin/my-ssh");
        Map<String, String> kept = new GitCommand(user, Duration.ofSeconds(5)).environment();
        assertThat(kept).containsEntry("GIT_TERMINAL_PROMPT", "1").doesNotContainKey("GIT_SSH_COMMAND");
    }

    @Test
    void reportsFailuresInTheGoCommandsWords() {
        GitCommand git = new GitCommand(baseEnv(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> git.run(dir, true, List.of("log", "-n1", "nosuch")))
                .isInstanceOf(GitCommand.GitException.class)
                .hasMessageStartingWith("git log -n1 nosuch in " + dir + ": exit status 128:\n\tfatal: ");
    }

    @Test
    void killsAGitThatHangsOnAServerThatNeverAnswers() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Files.writeString(dir.resolve(".gitconfig"), "", StandardCharsets.UTF_8);
            GitCommand git = new GitCommand(baseEnv(), Duration.ofSeconds(2));
            long start = System.nanoTime();
            assertThatThrownBy(() -> git.run(dir, false,
                    List.of("ls-remote", "http://127.0.0.1:" + silent.getLocalPort() + "/repo")))
                    .hasMessageContaining("timed out after 2s");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}

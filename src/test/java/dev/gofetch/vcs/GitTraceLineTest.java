package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// How `-x` shows a git command: quoted for a shell the way cmd/go's codehost.Run quotes it.
class GitTraceLineTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "-l|git -l",
        "--format=format:%H %ct %D|git '--format=format:%H %ct %D'",
        "--format=%(refname)|git --format=%(refname)",
        "refs/heads/*:refs/heads/*|git 'refs/heads/*:refs/heads/*'",
        "it's|git \"it's\"",
        "it's $HOME \"q\" `x` a\\b|git \"it's \\$HOME \\\"q\\\" \\`x\\` a\\\\b\"",
        "a\\b|git 'a\\b'",
        "v[1]|git 'v[1]'",
        "x?|git 'x?'",
    })
    void quotesArgumentsAsTheGoCommandDoes(String arg, String want) {
        assertThat(GitCommand.traceLine(null, List.of(arg))).isEqualTo(want);
    }

    @Test
    void aPasswordInARepositoryUrlIsNotShown() {
        assertThat(GitCommand.traceLine(null, List.of("ls-remote", "https://alice:s3cret@git.corp.example/lib",
                "ssh://git@git.corp.example/lib"))).isEqualTo(
                "git ls-remote https://alice:xxxxx@git.corp.example/lib ssh://git@git.corp.example/lib");
    }

    @Test
    void namesTheDirectoryItRunsIn() {
        assertThat(GitCommand.traceLine(Path.of("/cache/vcs/ab"), List.of("ls-remote", "-q", "origin")))
                .isEqualTo("cd /cache/vcs/ab; git ls-remote -q origin");
    }

    @Test
    void tracesEachCommandBeforeAndAfterItRuns() throws Exception {
        List<String> lines = new ArrayList<>();
        GitCommand git = new GitCommand(System.getenv(), java.time.Duration.ofSeconds(30), lines::add);
        git.run(null, false, List.of("version"));
        git.runQuietly(null, false, List.of("version"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("git version");
        assertThat(lines.get(1)).matches("\\d+\\.\\d{3}s # git version");
    }

    @Test
    void readsNoModesFromWhatIsNotAZip() {
        assertThat(ArchiveModes.symlinks(new byte[] {1, 2, 3}, "prefix/")).isEmpty();
        assertThat(ArchiveModes.symlinks(new byte[100], "prefix/")).isEmpty();
    }
}

package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcTest {
    private static Netrc.Entry entry(String machine, String login, String password) {
        return new Netrc.Entry(machine, login, password);
    }

    /// The go command's own test input (cmd/go/internal/auth/netrc_test.go).
    @Test
    void theGoCommandsNetrcVector() {
        Netrc netrc = Netrc.parse("""

                machine incomplete
                password none

                machine api.github.com
                  login user
                  password pwd

                machine incomlete.host
                  login justlogin

                machine test.host
                login user2
                password pwd2

                machine oneline login user3 password pwd3

                machine ignore.host macdef ignore
                  login nobody
                  password nothing

                machine hasmacro.too macdef ignore-next-lines login user4 password pwd4
                  login nobody
                  password nothing

                default
                login anonymous
                password gopher@golang.org

                machine after.default
                login oops
                password too-late-in-file
                """);
        assertThat(netrc.entries()).containsExactly(
                entry("api.github.com", "user", "pwd"),
                entry("test.host", "user2", "pwd2"),
                entry("oneline", "user3", "pwd3"),
                entry("hasmacro.too", "user4", "pwd4"));
    }

    @Test
    void aMacroLastsUntilAnEmptyLineNotABlankOne() {
        Netrc netrc = Netrc.parse("""
                macdef init
                machine hidden login a password b
                \t
                machine still.hidden login a password b

                machine shown login c password d
                """);
        assertThat(netrc.entries()).containsExactly(entry("shown", "c", "d"));
    }

    @Test
    void defaultEndsTheFileOnlyAsAnUnpairedLastToken() {
        // "default" paired with the next token is skipped like any other keyword...
        Netrc paired = Netrc.parse("""
                default login anonymous password x
                machine after login a password b
                """);
        assertThat(paired.entries()).containsExactly(entry("after", "a", "b"));
        // ...but a line whose odd last token is "default" ends the parse.
        Netrc unpaired = Netrc.parse("""
                machine before login a password b default
                machine after login c password d
                """);
        assertThat(unpaired.entries()).containsExactly(entry("before", "a", "b"));
    }

    @Test
    void tokensPairOnlyWithinALine() {
        Netrc netrc = Netrc.parse("""
                machine split login
                user password pw
                machine whole login u password p
                """);
        // "login" has no partner on its line and "user password" is a pair of its own.
        assertThat(netrc.entries()).containsExactly(entry("whole", "u", "p"));
    }

    @Test
    void machineStartsAFreshEntryAndCompletedEntriesReset() {
        Netrc netrc = Netrc.parse("""
                login early password early
                machine m1 login a
                machine m2 password p login b
                login orphan password orphan
                """);
        assertThat(netrc.entries()).containsExactly(entry("m2", "b", "p"));
    }

    @Test
    void otherKeywordsAndUnicodeWhitespaceSeparateTokens() {
        Netrc netrc = Netrc.parse("machine\u00a0h1 account acct login\u2003u password p\r\nmachine h2 login u2 password p2\r\n");
        assertThat(netrc.entries()).containsExactly(entry("h1", "u", "p"), entry("h2", "u2", "p2"));
    }

    @Test
    void theFirstEntryForAMachineIsTheOneUsed() {
        Netrc netrc = Netrc.parse("machine h login first password 1\nmachine h login second password 2\n");
        assertThat(netrc.find("h")).contains(entry("h", "first", "1"));
        assertThat(netrc.find("other")).isEmpty();
    }

    @Test
    void aMissingFileIsAnEmptyNetrc(@TempDir Path tmp) throws IOException {
        assertThat(Netrc.read(tmp.resolve("absent")).entries()).isEmpty();
        Path file = tmp.resolve(".netrc");
        Files.writeString(file, "machine proxy.example.com login me password s3cr3t\n");
        assertThat(Netrc.read(file).find("proxy.example.com")).contains(entry("proxy.example.com", "me", "s3cr3t"));
    }
}

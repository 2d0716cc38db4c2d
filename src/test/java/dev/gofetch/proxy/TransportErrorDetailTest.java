package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransportErrorDetailTest {

    private static String detail(String body) {
        return Transport.formatErrorDetail(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsLinesUpToTheFirstBlankOne() {
        assertThat(detail("not found: example.com/m@v1.0.0\nsecond line\n\nhidden")).isEqualTo(
                "not found: example.com/m@v1.0.0\n\tsecond line");
    }

    @Test
    void truncatesAfterEightLines() {
        assertThat(detail("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n")).isEqualTo(
                "1\n\t2\n\t3\n\t4\n\t5\n\t6\n\t7\n\t8\n\t[Truncated: too many lines.]");
    }

    @Test
    void truncatesOverlongDetail() {
        String line = "x".repeat(700);
        assertThat(detail(line)).isEqualTo("[Truncated: too long.]");
    }

    @Test
    void dropsBodiesWithControlCharacters() {
        assertThat(detail("evil \u001b[2J terminal")).isEmpty();
    }

    @Test
    void dropsInvalidUtf8() {
        assertThat(Transport.formatErrorDetail(new byte[] {'o', 'k', (byte) 0xff})).isEmpty();
    }

    @Test
    void onlyPlainTextInUtf8OrAsciiCounts() {
        assertThat(Transport.isPlainTextUtf8("text/plain; charset=utf-8")).isTrue();
        assertThat(Transport.isPlainTextUtf8("text/plain")).isTrue();
        assertThat(Transport.isPlainTextUtf8("text/plain; charset=US-ASCII")).isTrue();
        assertThat(Transport.isPlainTextUtf8("text/plain; charset=latin1")).isFalse();
        assertThat(Transport.isPlainTextUtf8("text/html; charset=utf-8")).isFalse();
    }

    @Test
    void httpErrorsReadLikeTheGoCommands() {
        FetchException e = Transport.httpError("https://p.example/m/@v/list", 404, "not found: m");
        assertThat(e).hasMessage("reading https://p.example/m/@v/list: 404 Not Found\n\tserver response: not found: m");
        assertThat(e.isNotFound()).isTrue();
        FetchException multi = Transport.httpError("https://p.example/x", 403, "a\n\tb");
        assertThat(multi).hasMessage("reading https://p.example/x: 403 Forbidden\n\tserver response:\n\ta\n\tb");
        assertThat(multi.isNotFound()).isFalse();
        assertThat(Transport.httpError("https://p.example/x", 410, "").isNotFound()).isTrue();
    }

    @Test
    void passwordsAreRedacted() {
        assertThat(Transport.redact(java.net.URI.create("https://user:secret@p.example/x")))
                .isEqualTo("https://user:xxxxx@p.example/x");
    }
}

package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.transfer.HttpMessages.ContentRange;
import dev.gofetch.transfer.HttpMessages.Validator;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpMessagesTest {

    static HttpHeaders headers(String... nameValue) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.computeIfAbsent(nameValue[i], k -> new java.util.ArrayList<>()).add(nameValue[i + 1]);
        }
        return HttpHeaders.of(m, (a, b) -> true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes 0-99/1000        | 0  | 99  | 1000",
            "bytes 100-199/*        | 100| 199 | -1",
            "BYTES  5-5 / 6         | 5  | 5   | 6",
            "bytes */1000           | -1 | -1  | 1000",
    })
    void parsesContentRange(String header, long first, long last, long total) {
        assertThat(HttpMessages.contentRange(headers("Content-Range", header)))
                .isEqualTo(new ContentRange(first, last, total));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes 99-0/1000",
            "bytes 0-1000/1000",
            "bytes=0-99/1000",
            "items 0-99/1000",
            "bytes 0-99",
            "bytes -5-10/20",
    })
    void rejectsMalformedContentRange(String header) {
        assertThat(HttpMessages.contentRange(headers("Content-Range", header))).isNull();
    }

    @Test
    void repeatedContentRangeIsRejected() {
        assertThat(HttpMessages.contentRange(headers("Content-Range", "bytes 0-1/10", "Content-Range", "bytes 0-1/10")))
                .isNull();
    }

    @Test
    void contentLengthMustBeConsistent() {
        assertThat(HttpMessages.contentLength(headers("Content-Length", "42"))).hasValue(42);
        assertThat(HttpMessages.contentLength(headers("Content-Length", "42", "Content-Length", "42"))).hasValue(42);
        assertThat(HttpMessages.contentLength(headers("Content-Length", "42", "Content-Length", "43"))).isEmpty();
        assertThat(HttpMessages.contentLength(headers("Content-Length", "-1"))).isEmpty();
        assertThat(HttpMessages.contentLength(headers())).isEmpty();
    }

    @Test
    void ifRangeUsesAStrongEtagOrElseTheDate() {
        assertThat(new Validator("\"a\"", "Mon, 01 Jan 2024 00:00:00 GMT").ifRange()).isEqualTo("\"a\"");
        assertThat(new Validator("W/\"a\"", "Mon, 01 Jan 2024 00:00:00 GMT").ifRange())
                .isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
        assertThat(new Validator("W/\"a\"", "").ifRange()).isEmpty();
    }

    @Test
    void validatorsConflictOnlyWhenBothSidesHaveTheSameKind() {
        Validator etagA = new Validator("\"a\"", "");
        assertThat(etagA.compatibleWith(new Validator("\"a\"", "x"))).isTrue();
        assertThat(etagA.compatibleWith(new Validator("W/\"a\"", ""))).isTrue();
        assertThat(etagA.compatibleWith(new Validator("\"b\"", ""))).isFalse();
        assertThat(etagA.compatibleWith(new Validator("", "Mon"))).isTrue();
        assertThat(new Validator("", "Mon").compatibleWith(new Validator("", "Tue"))).isFalse();
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(HttpMessages.retryAfterNanos(headers("Retry-After", "3"), 0)).isEqualTo(3_000_000_000L);
        long now = java.time.ZonedDateTime.parse("Wed, 21 Oct 2015 07:28:00 GMT",
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        assertThat(HttpMessages.retryAfterNanos(headers("Retry-After", "Wed, 21 Oct 2015 07:28:05 GMT"), now))
                .isEqualTo(5_000_000_000L);
        assertThat(HttpMessages.retryAfterNanos(headers("Retry-After", "soon"), 0)).isEqualTo(-1);
    }

    @Test
    void errorDetailFollowsTheGoCommandsRules() {
        byte[] body = "not found: m@v1\nsecond\n\nhidden".getBytes(StandardCharsets.UTF_8);
        assertThat(HttpMessages.errorDetail("text/plain; charset=utf-8", body)).isEqualTo("not found: m@v1\n\tsecond");
        assertThat(HttpMessages.errorDetail("text/html", body)).isEmpty();
        assertThat(HttpMessages.errorDetail("text/plain; charset=latin1", body)).isEmpty();
        assertThat(HttpMessages.errorDetail("text/plain", new byte[] {(byte) 0xff})).isEmpty();
        assertThat(HttpMessages.errorDetail("text/plain", "1\n2\n3\n4\n5\n6\n7\n8\n9\n".getBytes()))
                .isEqualTo("1\n\t2\n\t3\n\t4\n\t5\n\t6\n\t7\n\t8\n\t[Truncated: too many lines.]");
        assertThat(HttpMessages.errorDetail("text/plain", "x".repeat(700).getBytes())).isEqualTo("[Truncated: too long.]");
        assertThat(HttpMessages.httpErrorMessage("https://p/m/@v/v1.zip", 410, "gone"))
                .isEqualTo("reading https://p/m/@v/v1.zip: 410 Gone\n\tserver response: gone");
        assertThat(HttpMessages.httpErrorMessage("https://p/x", 404, "a\n\tb"))
                .isEqualTo("reading https://p/x: 404 Not Found\n\tserver response:\n\ta\n\tb");
    }

    @Test
    void redactionDropsUserInfoAndQuery() {
        assertThat(Redaction.url(URI.create("https://u:p@h:8443/x/y?token=1#f"))).isEqualTo("https://h:8443/x/y?REDACTED");
        assertThat(Redaction.url(URI.create("http://h/x"))).isEqualTo("http://h/x");
    }
}

package dev.gofetch.module;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevInfoTest {

    private static RevInfo parse(String json) {
        return RevInfo.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /// Go's time.Time JSON round trip: input as a proxy may send it → what cmd/go stores.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2023-01-02T03:04:05Z                | 2023-01-02T03:04:05Z",
            "2023-01-02T03:04:05.000Z            | 2023-01-02T03:04:05Z",
            "2023-01-02T03:04:05.120+02:00       | 2023-01-02T03:04:05.12+02:00",
            "2023-01-02T03:04:05+00:00           | 2023-01-02T03:04:05Z",
            "2023-01-02T03:04:05-00:00           | 2023-01-02T03:04:05Z",
            "2023-01-02T03:04:05.1234567891-07:30| 2023-01-02T03:04:05.123456789-07:30",
            "0001-01-01T00:00:00Z                | 0001-01-01T00:00:00Z",
            "2024-02-29T23:59:59.000000001+05:30 | 2024-02-29T23:59:59.000000001+05:30",
    })
    void timeIsReformattedAsGoMarshalsIt(String in, String stored) {
        RevInfo info = parse("{\"Version\":\"v1.0.0\",\"Time\":\"" + in.strip() + "\"}");
        assertThat(info.toJson()).isEqualTo("{\"Version\":\"v1.0.0\",\"Time\":\"" + stored.strip() + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-01-02 03:04:05Z", "2023-01-02T03:04:05", "2023-02-30T03:04:05Z",
            "2023-01-02T24:00:00Z", "2023-01-02T03:04:05+0200", "2023-01-02T03:04:05+25:00", "2023-01-02t03:04:05z"})
    void rejectsTimesGoCannotParse(String time) {
        assertThatThrownBy(() -> parse("{\"Version\":\"v1.0.0\",\"Time\":\"" + time + "\"}"))
                .isInstanceOf(RevInfo.InvalidInfoException.class)
                .hasMessageContaining("parsing time \"" + time + "\"");
    }

    @Test
    void missingTimeIsGosZeroTime() {
        assertThat(parse("{\"Version\":\"v1.0.0\"}").toJson())
                .isEqualTo("{\"Version\":\"v1.0.0\",\"Time\":\"0001-01-01T00:00:00Z\"}");
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyAndUnknownFieldsAreDropped() {
        RevInfo info = parse("{\"VERSION\":\"v1.0.0\",\"time\":\"2023-01-02T03:04:05Z\",\"Name\":\"abc\",\"Short\":\"abc\"}");
        assertThat(info).isEqualTo(new RevInfo("v1.0.0", OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)));
    }

    @Test
    void nullLeavesAFieldAtItsZeroValue() {
        RevInfo info = parse("{\"Version\":null,\"Time\":null,\"Origin\":null}");
        assertThat(info).isEqualTo(new RevInfo("", RevInfo.ZERO_TIME, null));
    }

    @Test
    void stringsUseGosHtmlSafeEscaping() {
        RevInfo info = new RevInfo("v1.0.0", RevInfo.ZERO_TIME,
                new RevInfo.Origin("git", "a<b>&c\"d\\e\u2028\u2029\u0001\u007f\té\uD83D\uDE00\uD800", "", "", "", "", "", ""));
        assertThat(info.toJson()).isEqualTo("{\"Version\":\"v1.0.0\",\"Time\":\"0001-01-01T00:00:00Z\","
                + "\"Origin\":{\"VCS\":\"git\",\"URL\":\"a\\u003cb\\u003e\\u0026c\\\"d\\\\e\\u2028\\u2029\\u0001\u007f\\té\uD83D\uDE00\\ufffd\"}}");
    }

    @Test
    void cacheFormDropsSumsAndTheRefOfAPseudoVersion() {
        RevInfo.Origin origin = new RevInfo.Origin("git", "https://x/y", "sub", "abc", "p/", "t1:x", "refs/heads/main", "r1:y");
        assertThat(new String(new RevInfo("v0.0.0-20230102030405-abcdefabcdef", RevInfo.ZERO_TIME, origin).toCacheJson(),
                StandardCharsets.UTF_8)).endsWith("\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://x/y\",\"Subdir\":\"sub\",\"Hash\":\"abc\"}}");
        assertThat(new String(new RevInfo("v1.0.0", RevInfo.ZERO_TIME, origin).toCacheJson(), StandardCharsets.UTF_8))
                .endsWith("\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://x/y\",\"Subdir\":\"sub\",\"Hash\":\"abc\",\"Ref\":\"refs/heads/main\"}}");
    }

    @Test
    void anOriginOfOnlySumsIsKeptAsAnEmptyObject() {
        RevInfo info = parse("{\"Version\":\"v1.0.0\",\"Time\":\"2023-01-02T03:04:05Z\",\"Origin\":{\"TagSum\":\"t1:x\"}}");
        assertThat(new String(info.toCacheJson(), StandardCharsets.UTF_8)).endsWith(",\"Origin\":{}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"v1\"", "{\"Version\":1}", "{\"Version\":\"v1.0.0\"} x", "{", "{\"Origin\":[]}"})
    void rejectsBodiesGoCannotDecode(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(RevInfo.InvalidInfoException.class);
    }

    @Test
    void yearsBeyond9999CannotBeMarshalled() {
        RevInfo info = new RevInfo("v1.0.0", OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThatThrownBy(info::toJson).hasMessage("Time.MarshalJSON: year outside of range [0,9999]");
    }
}

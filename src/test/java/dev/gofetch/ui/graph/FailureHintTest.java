package dev.gofetch.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureHintTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.mod: 410 Gone|it may be private",
        "example.com/x@v1.0.0: reading file:///p/example.com/x/@v/v1.0.0.mod: no such file or directory|does not have this version",
        "example.com/x@v1.9.9: invalid version: unknown revision v1.9.9|does not have this version",
        "example.com/x@v1.0.0: Get \"https://m.example/x\": dial tcp: lookup m.example: no such host|could not be reached",
        "example.com/x@v1.0.0: net/http: TLS handshake timeout|could not be reached",
        "verifying example.com/x@v1.0.0: checksum mismatch|do not turn verification off",
        "go.mod file not found in current directory or any parent directory; see 'go help modules'|contains a go.mod",
        "updates to go.mod needed; to update it: go mod tidy|go mod tidy",
    })
    void theHintMatchesWhatWentWrong(String message, String hint) {
        assertThat(GraphViewModel.hintFor(message)).contains(hint);
    }

    @org.junit.jupiter.api.Test
    void anUnrecognisedMessageGetsNoHintRatherThanAWrongOne() {
        assertThat(GraphViewModel.hintFor("parsing go.mod: unexpected token")).isEmpty();
    }
}

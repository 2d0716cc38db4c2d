package dev.gofetch.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureKindTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        verifying example.com/a@v1.0.0: checksum mismatch\\n\\nSECURITY ERROR                  | CHECKSUM_MISMATCH
        example.com/a@v1.0.0: read tcp 127.0.0.1:1->127.0.0.1:2: i/o timeout                  | TIMEOUT
        Get "https://proxy.golang.org/x/@v/list": dial tcp 127.0.0.1:9: connect: connection refused | REFUSED
        dial tcp: lookup proxy.example: no such host                                           | DNS
        tls: failed to verify certificate: x509: certificate signed by unknown authority       | TLS
        example.com/a@v9.9.9: reading https://proxy.golang.org/example.com/a/@v/v9.9.9.zip: 404 Not Found | NOT_FOUND
        example.com/a@v1.0.0: reading https://proxy.golang.org/example.com/a/@v/v1.0.0.info: 410 Gone | NOT_FOUND
        example.com/a@v1.0.0: reading https://goproxy.corp/example.com/a/@v/v1.0.0.mod: 403 Forbidden | AUTH
        example.com/a@v1.0.0: zip for example.com/a@v1.0.0 has unexpected file ../../etc/passwd | HOSTILE_ZIP
        write /home/u/go/pkg/mod/cache/download/x.zip: no space left on device                | DISK_FULL
        something else entirely                                                                | OTHER
        """)
    void messagesAreClassifiedByWhatWentWrong(String message, FailureKind kind) {
        assertThat(FailureKind.classify(message)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"CHECKSUM_MISMATCH", "TIMEOUT", "REFUSED", "DNS", "TLS", "NOT_FOUND", "AUTH", "HOSTILE_ZIP", "DISK_FULL"})
    void everyKnownKindExplainsItselfInPlainWords(FailureKind kind) {
        assertThat(kind.explanation()).hasSizeGreaterThan(60).doesNotContain("Exception");
    }
}

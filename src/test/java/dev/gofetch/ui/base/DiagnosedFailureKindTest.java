package dev.gofetch.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.vcs.Diagnosis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// Each diagnosed private-module failure has its own kind in the Problems panel.
class DiagnosedFailureKindTest {
    @ParameterizedTest
    @CsvSource({
        "AUTHENTICATION, AUTH",
        "PRIVATE_PATH_SENT_TO_PROXY, PRIVATE_PATH_LEAKED",
        "PRIVATE_PATH_SENT_TO_CHECKSUM_DB, PRIVATE_PATH_LEAKED",
        "UNKNOWN_REVISION, UNKNOWN_REVISION",
        "MISSING_GOPRIVATE, MISSING_GOPRIVATE",
    })
    void mapsEachDiagnosis(Diagnosis.Kind diagnosed, FailureKind kind) {
        assertThat(FailureKind.of(diagnosed)).isEqualTo(kind);
        assertThat(kind.explanation()).isNotBlank();
    }
}

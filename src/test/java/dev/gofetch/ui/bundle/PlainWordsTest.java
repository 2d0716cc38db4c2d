package dev.gofetch.ui.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainWordsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            proxy/a/@v/v1.0.0.zip: sha256 is 00, SHA256SUMS says 11 (the file was altered) | changed or damaged
            proxy/a/@v/v1.0.0.mod: h1 hash is h1:x, the manifest says h1:y                | changed or damaged
            proxy/a/@v/v1.0.0.zip: 10 bytes, the manifest says 12                         | changed or damaged
            b.tar: not a readable bundle: unexpected end of archive                        | not a complete gofetch bundle
            entry "../x" escapes: a bundle must not write outside its directory            | write outside the module cache
            entry "l" is a symbolic link (to "/etc"): a bundle holds only plain files       | write outside the module cache
            no such file or directory: /tmp/b.tar                                          | no bundle at that place
            unexpected file extra.txt (not in the manifest)                                | does not agree with its own manifest
            """)
    void eachKindOfFindingGetsItsOwnSentence(String problem, String sentence) {
        assertThat(PlainWords.verificationFailed(List.of(problem))).contains(sentence);
    }
}

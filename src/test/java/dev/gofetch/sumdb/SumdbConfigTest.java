package dev.gofetch.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// GOSUMDB forms as cmd/go's `dbDial` reads them.
class SumdbConfigTest {
    static final String GO_KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    @Test
    void knownNameUsesTheBuiltInKey() throws Exception {
        SumdbConfig c = SumdbConfig.parse("sum.golang.org");
        assertThat(c.verifierKey()).isEqualTo(GO_KEY);
        assertThat(c.name()).isEqualTo("sum.golang.org");
        assertThat(c.url()).isNull();
        assertThat(c.directUrl()).isEqualTo(URI.create("https://sum.golang.org"));
    }

    @Test
    void chineseMirrorIsAnAliasWithItsOwnUrl() throws Exception {
        SumdbConfig c = SumdbConfig.parse("sum.golang.google.cn");
        assertThat(c.name()).isEqualTo("sum.golang.org");
        assertThat(c.verifierKey()).isEqualTo(GO_KEY);
        assertThat(c.url()).isEqualTo(URI.create("https://sum.golang.google.cn"));
    }

    @Test
    void keyAndUrlMayBeGivenAndTheKnownNameTakesAUrlToo() throws Exception {
        String key = "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6";
        SumdbConfig c = SumdbConfig.parse(key);
        assertThat(c.name()).isEqualTo("localhost.localdev/sumdb");
        assertThat(c.directUrl()).isEqualTo(URI.create("https://localhost.localdev/sumdb"));
        c = SumdbConfig.parse("  " + key + "\thttp://127.0.0.1:8080/db  ");
        assertThat(c.url()).isEqualTo(URI.create("http://127.0.0.1:8080/db"));
        assertThat(SumdbConfig.parse("sum.golang.org http://127.0.0.1:1").verifierKey()).isEqualTo(GO_KEY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            off                                    | checksum database disabled by GOSUMDB=off
            ''                                     | missing GOSUMDB
            '   '                                  | missing GOSUMDB
            a b c                                  | invalid GOSUMDB: too many fields
            sum.golang.com                         | invalid GOSUMDB: malformed verifier id
            sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 | invalid GOSUMDB: invalid verifier hash
            sum.golang.org https://x/%zz           | invalid GOSUMDB URL: parse "https://x/%zz": invalid URL escape "%zz"
            """)
    void badSettingsAreRefusedWithTheGoCommandsWords(String gosumdb, String message) {
        assertThatThrownBy(() -> SumdbConfig.parse(gosumdb)).hasMessage(message);
    }

    @Test
    void nameMustBeAHostWithAnOptionalPath() throws Exception {
        for (String bad : new String[] {"db.test?x", "db.test/", "db.test#f", "u@db.test", "db.test/a%41"}) {
            String key = NoteSigner.generate(bad).verifierKey();
            assertThatThrownBy(() -> SumdbConfig.parse(key)).as(bad)
                    .hasMessageStartingWith("invalid sumdb name (must be host[/path]): " + bad + " {Scheme:https");
        }
        for (String good : new String[] {"db.test", "db.test:8443", "db.test/a/b", "under_score.test"}) {
            assertThat(SumdbConfig.parse(NoteSigner.generate(good).verifierKey()).name()).isEqualTo(good);
        }
    }
}

package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTrustTest {
    @Test
    void noCertificateVariablesMeansTheJdksOwnTrust(@TempDir Path home) {
        assertThat(TlsTrust.fromEnv(GoEnv.load(Map.of("HOME", home.toString(), "GOENV", "off")))).isEmpty();
    }

    @Test
    void unreadableOrEmptyCertificateSettingsAddNothing(@TempDir Path home) throws Exception {
        Path junk = Files.writeString(home.resolve("junk.pem"), "not a certificate\n");
        GoEnv env = GoEnv.load(Map.of("HOME", home.toString(), "GOENV", "off", "SSL_CERT_FILE", junk.toString(),
                "SSL_CERT_DIR", home.resolve("missing") + ":" + home));
        assertThat(TlsTrust.fromEnv(env)).isEmpty();
    }
}

package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// https mirrors (HTTP/2 is asked for and HTTP/1.1 accepted), and no redirect from https to http.
class HttpsTest {
    static HttpsServer https;
    static SSLContext tls;
    static TestServer plain;
    static byte[] content = TestServer.randomBytes(200 * 1024, 77);

    @BeforeAll
    static void start(@TempDir Path keys) throws Exception {
        Path ks = keys.resolve("ks.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "test", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);

        plain = new TestServer();
        plain.file("/m.zip", content);
        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server));
        https.createContext("/m.zip", ex -> {
            ex.getResponseHeaders().add("ETag", "\"tls\"");
            ex.sendResponseHeaders(200, content.length);
            ex.getResponseBody().write(content);
            ex.close();
        });
        https.createContext("/downgrade.zip", ex -> {
            ex.getResponseHeaders().add("Location", plain.url("/m.zip").toString());
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        https.start();
    }

    @AfterAll
    static void stop() throws Exception {
        https.stop(0);
        plain.close();
    }

    static URI httpsUrl(String path) {
        return URI.create("https://127.0.0.1:" + https.getAddress().getPort() + path);
    }

    @Test
    void downloadsOverTls(@TempDir Path dir) throws Exception {
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).sslContext(tls).build()) {
            d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(httpsUrl("/m.zip"), false)));
        }
        assertThat(Files.readAllBytes(dir.resolve("m.zip"))).isEqualTo(content);
    }

    @Test
    void refusesARedirectFromHttpsToHttp(@TempDir Path dir) {
        assertThatThrownBy(() -> {
            try (Downloader d = Downloader.builder().options(Fixtures.fast()).sslContext(tls).build()) {
                d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(httpsUrl("/downgrade.zip"), false)));
            }
        }).isInstanceOf(DownloadException.class)
                .hasMessage("Get \"" + plain.url("/m.zip") + "\": redirected from secure URL "
                        + httpsUrl("/downgrade.zip") + " to insecure URL " + plain.url("/m.zip"));
        assertThat(plain.log()).isEmpty();
    }

    @Test
    void untrustedCertificateFailsWithoutRetryingAndNamesTls(@TempDir Path dir) {
        assertThatThrownBy(() -> {
            try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
                d.download(DownloadRequest.of(dir.resolve("m.zip"), new Candidate(httpsUrl("/m.zip"), false)));
            }
        }).isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("Get \"" + httpsUrl("/m.zip") + "\": tls: ")
                .extracting(e -> ((DownloadException) e).kind()).isEqualTo(DownloadException.Kind.BAD_SERVER);
    }
}

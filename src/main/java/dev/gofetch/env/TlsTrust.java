package dev.gofetch.env;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/// SSL_CERT_FILE and SSL_CERT_DIR, which the go command reads on Unix for extra trusted roots
/// (a company CA, a test mirror). Their PEM `CERTIFICATE` blocks are trusted in addition to the
/// JDK's own roots; host names are checked as always.
public final class TlsTrust {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+?)-----END CERTIFICATE-----");

    private TlsTrust() {}

    /// An SSL context trusting the JDK's roots plus the certificates SSL_CERT_FILE and SSL_CERT_DIR
    /// (colon-separated directories) name; empty when neither is set or they hold no certificate.
    public static Optional<SSLContext> fromEnv(GoEnv env) {
        String file = env.processEnvironment().getOrDefault("SSL_CERT_FILE", "");
        String dirs = env.processEnvironment().getOrDefault("SSL_CERT_DIR", "");
        List<X509Certificate> extra = new ArrayList<>();
        if (!file.isEmpty()) {
            extra.addAll(readPem(Path.of(file)));
        }
        for (String dir : dirs.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.sorted().filter(f -> Files.isRegularFile(f) && !linksWithin(f))
                        .forEach(f -> extra.addAll(readPem(f)));
            } catch (IOException | RuntimeException e) {
                // an unreadable directory adds nothing, as in the go command
            }
        }
        if (extra.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(contextTrusting(extra));
    }

    /// The JDK's default roots plus extra.
    public static SSLContext contextTrusting(List<X509Certificate> extra) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            for (X509Certificate c : extra) {
                store.setCertificateEntry("env-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /// Like the go command, skip a symbolic link to a file in the same directory (a target without
    /// a slash: the hash links of `c_rehash` directories), which would only read a certificate twice.
    private static boolean linksWithin(Path f) {
        if (!Files.isSymbolicLink(f)) {
            return false;
        }
        try {
            return !Files.readSymbolicLink(f).toString().contains("/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<X509Certificate> readPem(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                out.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // the go command skips blocks it cannot parse
            }
        }
        return out;
    }
}

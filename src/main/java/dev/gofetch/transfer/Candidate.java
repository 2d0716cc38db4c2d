package dev.gofetch.transfer;

import java.net.URI;
import java.util.Objects;

/// One place a file can be fetched from, in the caller's order of preference.
///
/// @param url                the file's URL on this mirror (http, https or file)
/// @param fallBackOnAnyError as after `|` in GOPROXY: any failure lets the next candidate be tried;
///                           otherwise (`,`) only "not found" (404, 410) does
/// @param mirror             the key for connection limits and health (by default scheme://host:port)
public record Candidate(URI url, boolean fallBackOnAnyError, String mirror) {
    public Candidate {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) && !"file".equals(scheme)) {
            throw new IllegalArgumentException("unsupported URL scheme (must be http, https, file): "
                    + Redaction.url(url));
        }
        if (mirror == null || mirror.isEmpty()) {
            mirror = mirrorKey(url);
        }
    }

    public Candidate(URI url, boolean fallBackOnAnyError) {
        this(url, fallBackOnAnyError, null);
    }

    /// A candidate with `,` semantics (fall through on not-found only).
    public static Candidate of(String url) {
        return new Candidate(URI.create(url), false, null);
    }

    static String mirrorKey(URI url) {
        if ("file".equals(url.getScheme())) {
            return "file://";
        }
        int port = url.getPort();
        if (port < 0) {
            port = "https".equals(url.getScheme()) ? 443 : 80;
        }
        return url.getScheme() + "://" + url.getHost() + ":" + port;
    }
}

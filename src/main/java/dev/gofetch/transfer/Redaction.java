package dev.gofetch.transfer;

import java.net.URI;

/// URLs as they may appear in messages, events and traces: no user information and no query (signed
/// redirect targets carry their credentials there).
final class Redaction {
    private Redaction() {}

    static String url(URI uri) {
        if (uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
            return uri.toString();
        }
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            b.append(uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                    : uri.getHost());
        }
        if (uri.getPort() >= 0) {
            b.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            b.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            b.append("?REDACTED");
        }
        return b.toString();
    }
}

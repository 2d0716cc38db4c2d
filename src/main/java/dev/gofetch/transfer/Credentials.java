package dev.gofetch.transfer;

import java.net.URI;
import java.util.Map;

/// Adds headers (for example `Authorization` from .netrc) to requests. Asked once per request and per
/// redirect hop with that hop's URL; what it returns is sent only to that URL's host, so nothing is
/// carried across a redirect to another host. Headers never appear in events, traces or messages.
@FunctionalInterface
public interface Credentials {
    Credentials NONE = url -> Map.of();

    Map<String, String> headersFor(URI url);
}

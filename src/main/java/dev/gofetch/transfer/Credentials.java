package dev.gofetch.transfer;

import java.net.URI;
import java.util.Map;

/// Adds headers (for example `Authorization` from .netrc) to requests. Asked once per request and per
/// redirect hop. Headers never appear in events, traces or messages.
@FunctionalInterface
public interface Credentials {
    Credentials NONE = url -> Map.of();

    /// The headers for a request to url; sent only to that URL's host.
    Map<String, String> headersFor(URI url);

    /// The headers for hop, a request in a chain (the first request and its redirects) that began at
    /// first (for a remembered redirect target: at the mirror's URL). By default the hop's own
    /// headers, so nothing is carried across a redirect; an implementation may carry the first URL's
    /// credentials to where the go command's HTTP client carries them.
    default Map<String, String> headersFor(URI first, URI hop) {
        return headersFor(hop);
    }
}

package dev.gofetch.engine;

import dev.gofetch.env.NetworkSettings;
import dev.gofetch.transfer.Credentials;
import java.net.URI;
import java.util.Map;

/// The user's GOAUTH and proxy credentials for the transfer engine, carried across redirects as
/// the GOPROXY client carries them.
public final class NetworkCredentials implements Credentials {
    private final NetworkSettings network;

    public NetworkCredentials(NetworkSettings network) {
        this.network = network;
    }

    @Override
    public Map<String, String> headersFor(URI url) {
        return network.headersFor(url, url);
    }

    @Override
    public Map<String, String> headersFor(URI first, URI hop) {
        return network.headersFor(first, hop);
    }
}

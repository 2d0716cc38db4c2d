package dev.gofetch.proxy;

import dev.gofetch.module.GoStrings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// GOPROXY parsed as the go command parses it (`cmd/go/internal/modfetch/proxy.go`): entries split on
/// `,` and `|`, the separator after an entry deciding whether any error (`|`) or only "not found" (`,`)
/// lets the next entry be tried; `off` and `direct` end the list; a bare host gets `https://`; an
/// implicit `noproxy` entry comes first when GONOPROXY is set.
public record ProxyList(List<Entry> entries) {

    public ProxyList {
        entries = List.copyOf(entries);
    }

    public sealed interface Entry permits ProxyUrl, Direct, Off, NoProxy {
        /// True when this entry was followed by `|`: any error falls through to the next entry.
        boolean fallBackOnError();

        /// The entry as written in GOPROXY (after the implicit `https://`).
        String text();
    }

    public record ProxyUrl(URI base, String text, boolean fallBackOnError) implements Entry {}

    public record Direct(boolean fallBackOnError) implements Entry {
        @Override
        public String text() {
            return "direct";
        }
    }

    public record Off(boolean fallBackOnError) implements Entry {
        @Override
        public String text() {
            return "off";
        }
    }

    public record NoProxy(boolean fallBackOnError) implements Entry {
        @Override
        public String text() {
            return "noproxy";
        }
    }

    /// @throws ProxyConfigException with the go command's message for a malformed list
    public static ProxyList parse(String goproxy, String gonoproxy) throws ProxyConfigException {
        List<Entry> list = new ArrayList<>();
        if (!gonoproxy.isEmpty() && !goproxy.equals("direct")) {
            list.add(new NoProxy(false));
        }
        String rest = goproxy;
        while (!rest.isEmpty()) {
            String url;
            boolean fallBackOnError = false;
            int i = indexOfAny(rest);
            if (i >= 0) {
                url = rest.substring(0, i);
                fallBackOnError = rest.charAt(i) == '|';
                rest = rest.substring(i + 1);
            } else {
                url = rest;
                rest = "";
            }
            url = url.strip();
            if (url.isEmpty()) {
                continue;
            }
            if (url.equals("off")) {
                list.add(new Off(fallBackOnError));
                break;
            }
            if (url.equals("direct")) {
                list.add(new Direct(fallBackOnError));
                break;
            }
            if (containsAny(url, ".:/") && !url.contains(":/") && !Path.of(url).isAbsolute() && !url.startsWith("/")) {
                url = "https://" + url;
            }
            list.add(new ProxyUrl(checkProxyUrl(url), url, fallBackOnError));
        }
        if (list.isEmpty() || (list.size() == 1 && list.get(0) instanceof NoProxy)) {
            throw new ProxyConfigException("GOPROXY list is not the empty string, but contains no entries");
        }
        return new ProxyList(list);
    }

    private static URI checkProxyUrl(String url) throws ProxyConfigException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ProxyConfigException("parse " + GoStrings.quote(url) + ": " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || scheme.isEmpty()) {
            throw new ProxyConfigException("invalid proxy URL missing scheme: " + Transport.redact(uri));
        }
        switch (scheme) {
            case "file" -> {
                if (uri.getRawAuthority() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                        || uri.getRawPath() == null) {
                    throw new ProxyConfigException("invalid file:// proxy URL with non-path elements: "
                            + Transport.redact(uri));
                }
            }
            case "http", "https" -> {
                // accepted
            }
            default -> throw new ProxyConfigException(
                    "invalid proxy URL scheme (must be https, http, file): " + Transport.redact(uri));
        }
        return uri;
    }

    private static int indexOfAny(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '|') {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /// The list written back in GOPROXY syntax (without the implicit `noproxy`).
    public String format() {
        StringBuilder b = new StringBuilder();
        Entry previous = null;
        for (Entry e : entries) {
            if (e instanceof NoProxy) {
                continue;
            }
            if (previous != null) {
                b.append(previous.fallBackOnError() ? '|' : ',');
            }
            b.append(e.text());
            previous = e;
        }
        return b.toString();
    }
}

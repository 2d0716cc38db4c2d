package dev.gofetch.proxy;

import dev.gofetch.env.GoAuth;
import dev.gofetch.env.HttpProxyConfig;
import dev.gofetch.env.NetworkSettings;
import dev.gofetch.module.GoStrings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/// GET over http, https and file URLs with the go command's rules: 200 is the only success,
/// redirects followed by hand (at most 10, never from https to http), error bodies kept only when
/// they are short plain text, and error messages worded like `cmd/go/internal/web`.
public final class Transport {
    static final int MAX_REDIRECTS = 10;
    private static final int MAX_ERROR_DETAIL_LINES = 8;
    private static final int MAX_ERROR_DETAIL_BYTES = MAX_ERROR_DETAIL_LINES * 81;
    private static final String USER_AGENT = "gofetch/" + Version.current();

    private final java.util.function.Supplier<HttpClient> clientFactory;
    private final Duration responseTimeout;
    private final NetworkSettings network;
    private volatile HttpClient client;
    private volatile java.util.function.Consumer<String> trace = line -> { };

    /// Receives `# get URL` lines before and after each HTTP request, as `go ... -x` prints them.
    public Transport trace(java.util.function.Consumer<String> t) {
        this.trace = java.util.Objects.requireNonNull(t);
        return this;
    }

    /// Where this transport's `-x` lines go; direct mode prints the git commands it runs there too.
    public java.util.function.Consumer<String> trace() {
        return line -> trace.accept(line);
    }

    public Transport(HttpClient client, Duration responseTimeout) {
        this(() -> client, responseTimeout, NetworkSettings.none());
    }

    private Transport(java.util.function.Supplier<HttpClient> clientFactory, Duration responseTimeout,
            NetworkSettings network) {
        this.clientFactory = clientFactory;
        this.responseTimeout = responseTimeout;
        this.network = network;
    }

    /// A client configured as gofetch uses it: connections reused, no automatic redirects. The HTTP
    /// client (and its TLS set-up, which is slow to load) is made on the first http(s) request, so
    /// file:// mirrors and the module cache never pay for it.
    public static Transport createDefault() {
        return createDefault(NetworkSettings.none());
    }

    /// As [#createDefault()], with the user's proxies, GOAUTH credentials and extra trusted roots.
    public static Transport createDefault(NetworkSettings network) {
        return new Transport(() -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(30));
            if (!network.proxies().isEmpty()) {
                b.proxy(network.proxies().selector());
            }
            network.tls().ifPresent(b::sslContext);
            return b.build();
        }, Duration.ofSeconds(30), network);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = clientFactory.get();
                    client = c;
                }
            }
        }
        return c;
    }

    /// A successful (200) response; the caller must close the body.
    public record Response(String redactedUrl, InputStream body, long contentLength) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }

        public byte[] readAll() throws FetchException {
            try (InputStream in = body) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new FetchException("read " + quote(redactedUrl) + ": " + describeReadError(e), false, e);
            }
        }
    }

    /// Fetches uri; anything but a 200 answer becomes a {@link FetchException}. A 5xx answer or a
    /// connection cut off mid-answer is tried again twice (after 250 ms and 1 s) before it counts:
    /// these requests are idempotent, and a mirror's hiccup should not fail a whole build list.
    /// Refused connections and timeouts are not retried here (the next mirror is the better bet).
    public Response get(URI uri) throws FetchException {
        FetchException last = null;
        for (int attempt = 0; attempt < RETRY_DELAYS_MS.length + 1; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(RETRY_DELAYS_MS[attempt - 1]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw last;
                }
            }
            try {
                return getOnce(uri);
            } catch (FetchException e) {
                last = e;
                if (!isTransient(e)) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static final long[] RETRY_DELAYS_MS = {250, 1000};

    private static boolean isTransient(FetchException e) {
        if (e.status() >= 500 && e.status() <= 599) {
            return true;
        }
        String m = e.getMessage();
        return e.status() == 0 && m.startsWith("Get ") && (m.endsWith(": EOF") || m.contains("connection reset"));
    }

    private Response getOnce(URI uri) throws FetchException {
        if ("file".equals(uri.getScheme())) {
            return getFile(uri);
        }
        if ("http".equals(uri.getScheme()) && uri.getRawUserInfo() != null) {
            trace.accept("# get " + redact(uri) + ": insecure credentials");
            throw new FetchException("refusing to pass credentials to insecure URL: " + redact(uri), false, 0);
        }
        boolean https = "https".equals(uri.getScheme());
        Exchange ex = follow(uri, true);
        int status = ex.res.statusCode();
        if (https && status >= 400 && status < 500) {
            // The go command asks once more (with GOAUTH credentials, fetched anew) after any 4xx
            // from an https server; its -x output shows one request.
            closeQuietly(ex.res.body());
            askGoAuthAgain(uri, ex.res);
            ex = follow(uri, false);
            status = ex.res.statusCode();
        }
        String redacted = redact(ex.url);
        if (status == 200) {
            return new Response(redacted, ex.res.body(), ex.res.headers().firstValueAsLong("Content-Length").orElse(-1));
        }
        String detail = errorDetail(ex.res);
        throw httpError(redacted, status, detail);
    }

    private record Exchange(URI url, HttpResponse<InputStream> res) {}

    private Map<String, List<String>> goAuthHeaders(URI uri) {
        return network.auth().headers(uri);
    }

    /// GOAUTH runs again with the URL and the 4xx answer before the request is made once more.
    private void askGoAuthAgain(URI uri, HttpResponse<InputStream> res) {
        String proto = res.version() == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1";
        network.auth().afterClientError(uri, proto + " " + res.statusCode() + " " + StatusText.of(res.statusCode()),
                res.headers().map());
    }

    /// One request and its redirects. GOAUTH credentials are those of the first URL (https only),
    /// carried to redirect targets on the same host or a subdomain of it and dropped for good at
    /// the first other host, as Go's HTTP client does.
    private Exchange follow(URI uri, boolean traced) throws FetchException {
        Map<String, List<String>> authorization = goAuthHeaders(uri);
        URI current = uri;
        for (int hops = 0; ; hops++) {
            HttpResponse<InputStream> res = send(current, authorization, traced);
            int status = res.statusCode();
            if (status >= 300 && status < 400 && status != 304 && res.headers().firstValue("Location").isPresent()) {
                closeQuietly(res.body());
                String location = res.headers().firstValue("Location").get();
                URI next = resolveRedirect(current, location);
                // Go's client names the raw Location value when its redirect check refuses to go on.
                if (hops + 1 >= MAX_REDIRECTS) {
                    throw new FetchException("Get " + quote(location) + ": stopped after 10 redirects", false, status);
                }
                if ("https".equals(current.getScheme()) && !"https".equals(next.getScheme())) {
                    throw new FetchException("Get " + quote(location) + ": redirected from secure URL "
                            + redact(current) + " to insecure URL " + redact(next), false, status);
                }
                authorization = GoAuth.forRedirect(uri, next, authorization);
                current = next;
                continue;
            }
            return new Exchange(current, res);
        }
    }

    static FetchException httpError(String redactedUrl, int status, String detail) {
        String statusText = status + " " + StatusText.of(status);
        String message;
        if (!detail.isEmpty()) {
            String sep = detail.indexOf('\n') >= 0 ? "\n\t" : " ";
            message = "reading " + redactedUrl + ": " + statusText + "\n\tserver response:" + sep + detail;
        } else {
            message = "reading " + redactedUrl + ": " + statusText;
        }
        return new FetchException(message, status == 404 || status == 410, status);
    }

    private HttpResponse<InputStream> send(URI uri, Map<String, List<String>> authorization, boolean traced)
            throws FetchException {
        java.util.function.Consumer<String> trace = traced ? this.trace : line -> { };
        String shown = redact(uri);
        trace.accept("# get " + shown);
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> res = sendOnce(uri, authorization);
            trace.accept(String.format(Locale.ROOT, "# get %s: %d %s (%.3fs)", shown, res.statusCode(),
                    StatusText.of(res.statusCode()), (System.nanoTime() - start) / 1e9));
            return res;
        } catch (FetchException e) {
            trace.accept("# get " + shown + ": " + e.getMessage().replaceFirst("^Get \"[^\"]*\": ", ""));
            throw e;
        }
    }

    private HttpResponse<InputStream> sendOnce(URI uri, Map<String, List<String>> authorization) throws FetchException {
        HttpProxyConfig.Route route = network.proxies().route(uri);
        if (route instanceof HttpProxyConfig.Route.Refused refused) {
            throw new FetchException("Get " + quote(redact(uri)) + ": " + refused.message(), false, 0);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(withoutUserInfo(uri))
                .GET()
                .timeout(responseTimeout)
                .header("User-Agent", USER_AGENT);
        // Plain http stays on HTTP/1.1 (no h2c upgrade dance); https negotiates HTTP/2 when offered.
        req.version("https".equals(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        // As net/http: GOAUTH's header wins over user information in the URL.
        if (!authorization.containsKey("Authorization")) {
            basicAuth(uri).ifPresent(v -> req.header("Authorization", v));
        }
        authorization.forEach((name, values) -> values.forEach(v -> {
            try {
                req.header(name, v);
            } catch (IllegalArgumentException e) {
                // a header the JDK sets itself (Host, Connection, ...): not the command's to give
            }
        }));
        if (route instanceof HttpProxyConfig.Route.ViaProxy via) {
            via.authorization().ifPresent(v -> req.header("Proxy-Authorization", v));
        }
        try {
            return client().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("Get " + quote(redact(uri)) + ": interrupted", false, e);
        } catch (IOException e) {
            String why = route instanceof HttpProxyConfig.Route.ViaProxy via
                    ? describeProxyError(via, uri, e)
                    : describeConnectError(uri, e);
            throw new FetchException("Get " + quote(redact(uri)) + ": " + why, false, e);
        }
    }

    /// net/http's wording when the proxy cannot be reached or refuses the tunnel.
    private static String describeProxyError(HttpProxyConfig.Route.ViaProxy via, URI uri, IOException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher tunnel = java.util.regex.Pattern.compile("Tunnel failed, got: (\\d+)").matcher(msg);
        if (tunnel.find()) {
            return StatusText.of(Integer.parseInt(tunnel.group(1)));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String hostPort = (via.host().indexOf(':') >= 0 ? "[" + via.host() + "]" : via.host()) + ":" + via.port();
        if (root instanceof UnknownHostException || root instanceof java.nio.channels.UnresolvedAddressException) {
            return "proxyconnect tcp: dial tcp: lookup " + via.host() + ": no such host";
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "proxyconnect tcp: dial tcp " + hostPort + ": connect: connection refused";
        }
        return describeConnectError(uri, e);
    }

    private static Optional<String> basicAuth(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return Optional.empty();
        }
        String decoded = java.net.URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        return Optional.of("Basic " + java.util.Base64.getEncoder()
                .encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static URI resolveRedirect(URI from, String location) throws FetchException {
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException("Get " + quote(redact(from)) + ": failed to parse Location header "
                    + quote(location) + ": " + e.getMessage(), false, e);
        }
    }

    private static String describeConnectError(URI uri, IOException e) {
        String hostPort = uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort()
                : ("https".equals(uri.getScheme()) ? 443 : 80));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "dial tcp " + hostPort + ": i/o timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "net/http: timeout awaiting response headers";
        }
        if (root instanceof UnknownHostException || root instanceof java.nio.channels.UnresolvedAddressException) {
            return "dial tcp: lookup " + uri.getHost() + ": no such host";
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "dial tcp " + hostPort + ": connect: connection refused";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException) {
                return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return "tls: " + t.getMessage();
            }
        }
        String msg = e.getMessage() == null ? root.toString() : e.getMessage();
        if (msg.contains("header parser received no bytes") || msg.contains("EOF")) {
            return "EOF";
        }
        if (msg.toLowerCase(Locale.ROOT).contains("connection reset")) {
            return "read: connection reset by peer";
        }
        return msg;
    }

    static String describeReadError(IOException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains("fixed content-length") || msg.contains("EOF") || msg.contains("closed")) {
            return "unexpected EOF";
        }
        if (msg.toLowerCase(Locale.ROOT).contains("connection reset")) {
            return "read: connection reset by peer";
        }
        if (e instanceof InterruptedIOException) {
            return "i/o timeout";
        }
        return msg;
    }

    /// The `text/plain` error body rules of cmd/go/internal/web: valid UTF-8 of graphic or space
    /// characters only, cut at the first blank line, at most 8 lines and 648 bytes.
    private static String errorDetail(HttpResponse<InputStream> res) {
        try (InputStream body = res.body()) {
            String contentType = res.headers().firstValue("Content-Type").orElse("");
            if (!isPlainTextUtf8(contentType)) {
                return "";
            }
            // Only the first lines matter; read a bounded prefix.
            byte[] prefix = body.readNBytes(16 * 1024);
            int lines = 0;
            int end = prefix.length;
            for (int i = 0; i < prefix.length; i++) {
                if (prefix[i] == '\n' && ++lines > MAX_ERROR_DETAIL_LINES) {
                    end = i + 1;
                    break;
                }
            }
            return formatErrorDetail(java.util.Arrays.copyOf(prefix, end));
        } catch (IOException e) {
            return "";
        }
    }

    static boolean isPlainTextUtf8(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("text/plain")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String cs = p.substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
                return cs.equals("us-ascii") || cs.equals("utf-8") || cs.isEmpty();
            }
        }
        return true;
    }

    static String formatErrorDetail(byte[] raw) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
        for (int cp : s.codePoints().toArray()) {
            if (!GoStrings.isGraphic(cp) && !GoStrings.isSpace(cp)) {
                return "";
            }
        }
        StringBuilder detail = new StringBuilder();
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().isEmpty()) {
                break;
            }
            if (i > 0) {
                detail.append("\n\t");
            }
            if (i >= MAX_ERROR_DETAIL_LINES) {
                detail.append("[Truncated: too many lines.]");
                break;
            }
            if (detail.toString().getBytes(StandardCharsets.UTF_8).length + line.getBytes(StandardCharsets.UTF_8).length
                    > MAX_ERROR_DETAIL_BYTES) {
                detail.append("[Truncated: too long.]");
                break;
            }
            detail.append(line);
        }
        return detail.toString();
    }

    private static Response getFile(URI uri) throws FetchException {
        String url = redact(uri);
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
            throw new FetchException("reading " + url + ": file URL specifies non-local host", false, 0);
        }
        Path path = Path.of(uri.getPath());
        try {
            if (Files.isDirectory(path)) {
                throw new FetchException("reading " + url + ": read " + path + ": is a directory", false, 0);
            }
            InputStream in = Files.newInputStream(path);
            return new Response(url, in, Files.size(path));
        } catch (NoSuchFileException e) {
            throw new FetchException("reading " + url + ": no such file or directory", true, 404);
        } catch (AccessDeniedException e) {
            throw new FetchException("reading " + url + ": permission denied", false, 403);
        } catch (IOException e) {
            throw new FetchException("reading " + url + ": " + e.getMessage(), false, e);
        }
    }

    /// The URL with any password replaced by `xxxxx`, as Go's `URL.Redacted` does.
    public static String redact(URI uri) {
        String s = uri.toString();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String redactedInfo = colon >= 0 ? userInfo.substring(0, colon) + ":xxxxx" : userInfo;
            s = s.replaceFirst(java.util.regex.Pattern.quote(userInfo + "@"),
                    java.util.regex.Matcher.quoteReplacement(redactedInfo + "@"));
        }
        return s;
    }

    static String quote(String s) {
        return GoStrings.quote(s);
    }

    /// An answer of any status, as go-get discovery reads it (a go-import tag may sit in a 404 page).
    /// @param error for an answer other than 200, the error the go command reports for it
    public record Page(int status, byte[] body, FetchException error) {}

    /// Fetches an http(s) URI once, following redirects like [#get], and returns the answer whatever
    /// its status, with at most `limit` bytes of its body. Only a request that gets no answer fails.
    public Page getPage(URI uri, int limit) throws FetchException {
        Exchange ex = follow(uri, true);
        int status = ex.res.statusCode();
        if ("https".equals(uri.getScheme()) && status >= 400 && status < 500) {
            closeQuietly(ex.res.body()); // asked once more with GOAUTH credentials, as by [#get]
            askGoAuthAgain(uri, ex.res);
            ex = follow(uri, false);
            status = ex.res.statusCode();
        }
        HttpResponse<InputStream> res = ex.res;
        URI current = ex.url;
        byte[] body;
        try (InputStream in = res.body()) {
            body = in.readNBytes(limit);
        } catch (IOException e) {
            throw new FetchException("read " + quote(redact(current)) + ": " + describeReadError(e), false, e);
        }
        FetchException error = null;
        if (status != 200) {
            String contentType = res.headers().firstValue("Content-Type").orElse("");
            String detail = "";
            if (isPlainTextUtf8(contentType)) {
                int lines = 0;
                int end = body.length;
                for (int i = 0; i < body.length; i++) {
                    if (body[i] == '\n' && ++lines > MAX_ERROR_DETAIL_LINES) {
                        end = i + 1;
                        break;
                    }
                }
                detail = formatErrorDetail(java.util.Arrays.copyOf(body, end));
            }
            // Named by the URL asked for, not where redirects led (`web.Response.URL`).
            error = httpError(redact(uri), status, detail);
        }
        return new Page(status, body, error);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the redirect body is of no interest
        }
    }

}

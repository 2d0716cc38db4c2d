package dev.gofetch.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/// A bare-socket HTTP/1.1 client for tests that must see the wire: how a body ends (FIN after a
/// short body, or a reset), raw request targets the JDK client would normalise.
final class RawHttp {
    private RawHttp() {}

    /// What came back: status and headers (lower-case names), the body bytes read, and how reading
    /// ended — "complete" (Content-Length reached), "eof" (clean close before that) or "reset".
    record Reply(int status, Map<String, String> headers, byte[] body, String ending) {
        long contentLength() {
            return Long.parseLong(headers.get("content-length"));
        }
    }

    static Reply get(int port, String target, String... extraHeaders) throws IOException {
        StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String h : extraHeaders) {
            req.append(h).append("\r\n");
        }
        return send(port, req.append("\r\n").toString());
    }

    static Reply send(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            long want = request.startsWith("HEAD ") ? 0 : Long.parseLong(headers.getOrDefault("content-length", "0"));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String ending = "complete";
            byte[] buf = new byte[8192];
            try {
                while (body.size() < want) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, want - body.size()));
                    if (n < 0) {
                        ending = "eof";
                        break;
                    }
                    body.write(buf, 0, n);
                }
            } catch (SocketException e) {
                ending = "reset";
            }
            return new Reply(status, headers, body.toByteArray(), ending);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside the response head");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}

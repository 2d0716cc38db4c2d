package dev.gofetch.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/// A loopback HTTP forward proxy for tests: absolute-URI requests (plain http) and CONNECT tunnels
/// (https). Every host name is "resolved" to 127.0.0.1, so made-up names such as `mirror.test` reach
/// loopback servers only through this proxy. Records what went through it.
final class RecordingProxy implements AutoCloseable {
    /// One request seen: `CONNECT host:port` or `GET http://host:port/path`, and its Proxy-Authorization.
    record Seen(String method, String target, Optional<String> proxyAuthorization) {
        String hostPort() {
            return method.equals("CONNECT") ? target : URI.create(target).getRawAuthority();
        }
    }

    private final ServerSocket server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    RecordingProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "recording-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /// Answer 407 unless the request carries exactly this Proxy-Authorization value.
    RecordingProxy require(String proxyAuthorization) {
        this.requiredAuthorization = proxyAuthorization;
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    void clear() {
        seen.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> handle(s), "recording-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            Optional<String> auth = header(head, "Proxy-Authorization");
            seen.add(new Seen(requestLine[0], requestLine[1], auth));
            String required = requiredAuthorization;
            if (required != null && !auth.equals(Optional.of(required))) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            if (requestLine[0].equals("CONNECT")) {
                int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    sockets.add(upstream);
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread up = pipe(in, upstream.getOutputStream());
                    upstream.getInputStream().transferTo(out);
                    up.join(5000);
                }
                return;
            }
            URI target = URI.create(requestLine[1]);
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort() < 0 ? 80 : target.getPort())) {
                sockets.add(upstream);
                StringBuilder req = new StringBuilder();
                req.append(requestLine[0]).append(' ').append(target.getRawPath())
                        .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                        .append(" HTTP/1.1\r\n");
                for (String h : head.subList(1, head.size())) {
                    String name = h.substring(0, Math.max(h.indexOf(':'), 0)).toLowerCase(Locale.ROOT);
                    if (!name.startsWith("proxy-") && !name.equals("connection")) {
                        req.append(h).append("\r\n");
                    }
                }
                req.append("Connection: close\r\n\r\n");
                OutputStream upOut = upstream.getOutputStream();
                upOut.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
                upOut.flush();
                InputStream upIn = upstream.getInputStream();
                List<String> resHead = readHead(upIn);
                StringBuilder res = new StringBuilder();
                for (String h : resHead) {
                    String name = h.substring(0, Math.max(h.indexOf(':'), 0)).toLowerCase(Locale.ROOT);
                    if (!name.equals("connection") && !name.equals("keep-alive")) {
                        res.append(h).append("\r\n");
                    }
                }
                res.append("Connection: close\r\n\r\n");
                out.write(res.toString().getBytes(StandardCharsets.ISO_8859_1));
                upIn.transferTo(out);
                out.flush();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client or the server went away: nothing to record
        }
    }

    private static Thread pipe(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
                to.flush();
            } catch (IOException ignored) {
                // one side closed
            }
        }, "recording-proxy-pipe");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Optional<String> header(List<String> head, String name) {
        for (String h : head.subList(1, head.size())) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return Optional.of(h.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    /// The request or status line and header lines, up to the empty line.
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                if (s.isEmpty()) {
                    return lines;
                }
                lines.add(s);
                line.reset();
            } else {
                line.write(c);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}

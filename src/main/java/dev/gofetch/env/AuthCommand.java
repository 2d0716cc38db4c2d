package dev.gofetch.env;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// A GOAUTH command of the user's: split into words as the go command splits (blanks separate,
/// `'...'` and `"..."` group without escapes), run with the URL as last argument when there is one,
/// and its output read as blocks of URL prefix lines, a blank line, header lines, a blank line.
final class AuthCommand {
    private AuthCommand() {}

    /// The headers per URL prefix (without `https://`) that command prints.
    static Map<String, Map<String, List<String>>> run(String command, String url, String stdin,
            Map<String, String> environment, long timeLimitSeconds) throws IOException {
        List<String> words = split(command);
        if (!url.isEmpty()) {
            words.add(url);
        }
        Processes.Result r = Processes.run(words, null, environment, stdin, timeLimitSeconds, false);
        if (r.exitCode() != 0) {
            throw new IOException("could not run command " + command + ": exit status " + r.exitCode());
        }
        return parse(r.stdout());
    }

    /// A GOAUTH command's words, split as the go command splits it (`quoted.Split`).
    static List<String> split(String s) throws IOException {
        try {
            return GoFlags.quotedSplit(s);
        } catch (GoEnvException e) {
            throw new IOException("cannot parse GOAUTH command " + s + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Map<String, List<String>>> parse(String data) throws IOException {
        Map<String, Map<String, List<String>>> credentials = new HashMap<>();
        String rest = data;
        while (!rest.isEmpty()) {
            List<String> urls = new ArrayList<>();
            while (true) {
                int nl = rest.indexOf('\n');
                if (nl < 0) {
                    throw new IOException("invalid format: missing empty line after URLs");
                }
                String line = rest.substring(0, nl);
                rest = rest.substring(nl + 1);
                if (line.isEmpty()) {
                    break;
                }
                urls.add(requestUri(line));
            }
            Map<String, List<String>> header = new LinkedHashMap<>();
            while (true) {
                int nl = rest.indexOf('\n');
                if (nl < 0) {
                    throw new IOException("invalid format: missing empty line after headers");
                }
                String line = rest.substring(0, nl);
                rest = rest.substring(nl + 1);
                if (line.isEmpty()) {
                    break;
                }
                int sep = line.indexOf(": ");
                String name = sep < 0 ? "" : line.substring(0, sep);
                String value = sep < 0 ? "" : line.substring(sep + 2).strip();
                if (sep < 0 || !validName(name) || !validValue(value)) {
                    throw new IOException("invalid format: invalid header line");
                }
                header.computeIfAbsent(GoAuth.canonicalHeaderName(name), k -> new ArrayList<>()).add(value);
            }
            for (String u : urls) {
                String prefix = u.startsWith("https://") ? u.substring("https://".length()) : u;
                Map<String, List<String>> copy = new LinkedHashMap<>();
                header.forEach((k, v) -> copy.put(k, List.copyOf(v)));
                credentials.put(prefix, copy);
            }
        }
        return credentials;
    }

    private static String requestUri(String line) throws IOException {
        try {
            URI u = new URI(line);
            if (u.isAbsolute() || line.startsWith("/")) {
                return line;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IOException("could not parse URL " + line);
    }

    private static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (char c : name.toCharArray()) {
            if (c > 127 || !(Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validValue(String value) {
        for (char c : value.toCharArray()) {
            if (c < ' ' && c != '\t' || c == 127) {
                return false;
            }
        }
        return true;
    }
}

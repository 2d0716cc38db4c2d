package dev.gofetch.sumdb;

import dev.gofetch.module.GoStrings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/// GOSUMDB as the go command reads it (`dbDial` in cmd/go/internal/modfetch/sumdb.go): `off`; a known
/// database name (`sum.golang.org`, whose key is built in); a verifier key `name+hash+key`; either of
/// those followed by the URL to reach the database at. `sum.golang.google.cn` is an alias for
/// `sum.golang.org` served at `https://sum.golang.google.cn`.
///
/// @param verifierKey the database's verifier key
/// @param name        the database name (from the key)
/// @param url         the explicit URL, which bypasses the GOPROXY list, or null
public record SumdbConfig(String verifierKey, String name, URI url) {
    /// Databases whose keys the go command knows (`knownGOSUMDB`).
    public static final Map<String, String> KNOWN = Map.of(
            "sum.golang.org", "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");

    public SumdbConfig {
        Objects.requireNonNull(verifierKey);
        Objects.requireNonNull(name);
    }

    /// Where the database is when no proxy serves it: `https://<name>`.
    public URI directUrl() {
        return URI.create("https://" + name);
    }

    /// @throws SumdbException with the go command's message: `checksum database disabled by GOSUMDB=off`,
    ///     `missing GOSUMDB`, `invalid GOSUMDB: ...`, `invalid sumdb name (must be host[/path]): ...`,
    ///     `invalid GOSUMDB URL: ...`
    public static SumdbConfig parse(String gosumdb) throws SumdbException {
        if (gosumdb.equals("sum.golang.google.cn")) {
            gosumdb = "sum.golang.org https://sum.golang.google.cn";
        }
        if (gosumdb.equals("off")) {
            throw new SumdbException("checksum database disabled by GOSUMDB=off");
        }
        List<String> key = fields(gosumdb);
        if (!key.isEmpty() && KNOWN.containsKey(key.get(0))) {
            key.set(0, KNOWN.get(key.get(0)));
        }
        if (key.isEmpty()) {
            throw new SumdbException("missing GOSUMDB");
        }
        if (key.size() > 2) {
            throw new SumdbException("invalid GOSUMDB: too many fields");
        }
        NoteVerifier verifier;
        try {
            verifier = NoteVerifier.parse(key.get(0));
        } catch (SumdbException e) {
            throw new SumdbException("invalid GOSUMDB: " + e.getMessage(), e);
        }
        String name = verifier.name();
        checkName(name);
        URI url = null;
        if (key.size() >= 2) {
            String raw = key.get(1);
            String problem = goUrlProblem(raw);
            if (problem == null) {
                try {
                    url = new URI(raw);
                } catch (URISyntaxException e) {
                    problem = e.getReason();
                }
            }
            if (problem != null) {
                throw new SumdbException("invalid GOSUMDB URL: parse " + GoStrings.quote(raw) + ": " + problem);
            }
        }
        return new SumdbConfig(key.get(0), name, url);
    }

    /// No funny business in the name: `https://<name>` must be just a host and a plain path.
    private static void checkName(String name) throws SumdbException {
        URI direct = null;
        try {
            direct = new URI("https://" + name);
        } catch (URISyntaxException e) {
            // rejected below
        }
        boolean ok = direct != null && !name.endsWith("/") && direct.getRawAuthority() != null
                && direct.getRawUserInfo() == null && direct.getRawQuery() == null && direct.getRawFragment() == null
                && (direct.getRawPath() == null || direct.getRawPath().equals(direct.getPath()));
        if (!ok) {
            throw new SumdbException("invalid sumdb name (must be host[/path]): " + name + " " + goUrlStruct(direct, name));
        }
    }

    /// The most common complaints of Go's `url.Parse`, in its words; null when it has none of these.
    static String goUrlProblem(String raw) {
        if (raw.startsWith(":")) {
            return "missing protocol scheme";
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "net/url: invalid control character in URL";
            }
            if (c == '%' && (i + 2 >= raw.length() || !isHexDigit(raw.charAt(i + 1)) || !isHexDigit(raw.charAt(i + 2)))) {
                String bad = raw.substring(i, Math.min(raw.length(), i + 3));
                return "invalid URL escape " + GoStrings.quote(bad);
            }
        }
        return null;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /// Roughly what Go's `%+v` prints for the parsed `url.URL` of `https://<name>`.
    private static String goUrlStruct(URI u, String name) {
        String host = u == null ? "" : u.getRawAuthority() == null ? "" : u.getRawAuthority();
        String path = u == null || u.getPath() == null ? "" : u.getPath();
        String rawPath = u == null || u.getRawPath() == null || u.getRawPath().equals(path) ? "" : u.getRawPath();
        String query = u == null || u.getRawQuery() == null ? "" : u.getRawQuery();
        String fragment = u == null || u.getFragment() == null ? "" : u.getFragment();
        return "{Scheme:https Opaque: User: Host:" + host + " Path:" + path + " Fragment:" + fragment
                + " RawQuery:" + query + " RawPath:" + rawPath + " RawFragment: ForceQuery:false OmitHost:false}";
    }

    /// Go's `strings.Fields`.
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int[] cps = s.codePoints().toArray();
        while (i < cps.length) {
            while (i < cps.length && GoStrings.isSpace(cps[i])) {
                i++;
            }
            int start = i;
            while (i < cps.length && !GoStrings.isSpace(cps[i])) {
                i++;
            }
            if (i > start) {
                out.add(new String(cps, start, i - start));
            }
        }
        return out;
    }
}

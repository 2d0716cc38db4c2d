package dev.gofetch.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gofetch.module.GoJson;
import dev.gofetch.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// `manifest.json`: what a bundle holds. Written with one module per line so that it reads well and
/// diffs well; read strictly (unknown fields, duplicate keys and wrong types are errors, except inside
/// the optional `sumdb` section, which later checksum-database support will fill).
///
/// ```
/// {
///   "format": "gofetch-bundle",
///   "formatVersion": 1,
///   "gofetchVersion": "0.1.0",
///   "created": "2024-05-01T12:00:00Z",                     optional: SOURCE_DATE_EPOCH or -created
///   "query": ["all"],
///   "sources": [                                           the main modules, files under sources/<n>/
///     {"module": "example.com/app", "goMod": {"size": 123, "h1": "h1:..."}, "goSum": {...}}
///   ],
///   "modules": [                                           files under proxy/<path>/@v/
///     {"path": "example.com/a", "version": "v1.2.0", "info": {"size": 50},
///      "mod": {"size": 80, "h1": "h1:..."}, "zip": {"size": 4096, "h1": "h1:..."}}
///   ],
///   "sumdb": {"name": "sum.golang.org", "files": [{"name": "proxy/sumdb/...", "size": 10}]}   optional
/// }
/// ```
///
/// @param created null when the creation time was not given (then the bundle carries none, so that
///                the same inputs always give the same bytes)
/// @param sumdb   null when the bundle carries no checksum-database data
public record Manifest(String gofetchVersion, Instant created, List<String> query, List<Source> sources,
                       List<Module> modules, SumDb sumdb) {
    public static final String FORMAT = "gofetch-bundle";
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        query = List.copyOf(query);
        sources = List.copyOf(sources);
        modules = List.copyOf(modules);
    }

    /// A file's size and, for go.mod files, go.sum files and zips, its `h1:` hash (else null).
    public record FileInfo(long size, String h1) {}

    /// One module version. `mod` is always there; `info` and `zip` only for versions in a build list
    /// (go.mod files that only the module graph needs come alone, as in the module cache).
    public record Module(String path, String version, FileInfo info, FileInfo mod, FileInfo zip) {
        public ModuleVersion id() {
            return new ModuleVersion(path, version);
        }
    }

    /// A main module the bundle was made from; `goSum` is null when it had no go.sum.
    public record Source(String module, FileInfo goMod, FileInfo goSum) {}

    /// Checksum-database files stored under `proxy/sumdb/<name>/`.
    public record SumDb(String name, List<SumDbFile> files) {}

    public record SumDbFile(String name, long size) {}

    /// A manifest that cannot be read; the message says why.
    static final class InvalidManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidManifestException(String message) {
            super(message);
        }
    }

    // ---- writing ----

    public byte[] toJson() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"format\": ").append(str(FORMAT)).append(",\n");
        b.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        b.append("  \"gofetchVersion\": ").append(str(gofetchVersion)).append(",\n");
        if (created != null) {
            b.append("  \"created\": ").append(str(DateTimeFormatter.ISO_INSTANT.format(created))).append(",\n");
        }
        b.append("  \"query\": [");
        for (int i = 0; i < query.size(); i++) {
            b.append(i > 0 ? ", " : "").append(str(query.get(i)));
        }
        b.append("],\n");
        b.append("  \"sources\": [");
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            b.append(i > 0 ? "," : "").append("\n    {\"module\": ").append(str(s.module()))
                    .append(", \"goMod\": ").append(file(s.goMod()));
            if (s.goSum() != null) {
                b.append(", \"goSum\": ").append(file(s.goSum()));
            }
            b.append('}');
        }
        b.append(sources.isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"modules\": [");
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            b.append(i > 0 ? "," : "").append("\n    {\"path\": ").append(str(m.path()))
                    .append(", \"version\": ").append(str(m.version()));
            if (m.info() != null) {
                b.append(", \"info\": ").append(file(m.info()));
            }
            b.append(", \"mod\": ").append(file(m.mod()));
            if (m.zip() != null) {
                b.append(", \"zip\": ").append(file(m.zip()));
            }
            b.append('}');
        }
        b.append(modules.isEmpty() ? "]" : "\n  ]");
        if (sumdb != null) {
            b.append(",\n  \"sumdb\": {\"name\": ").append(str(sumdb.name())).append(", \"files\": [");
            for (int i = 0; i < sumdb.files().size(); i++) {
                SumDbFile f = sumdb.files().get(i);
                b.append(i > 0 ? "," : "").append("\n    {\"name\": ").append(str(f.name()))
                        .append(", \"size\": ").append(f.size()).append('}');
            }
            b.append(sumdb.files().isEmpty() ? "]}" : "\n  ]}");
        }
        b.append("\n}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String file(FileInfo f) {
        return "{\"size\": " + f.size() + (f.h1() == null ? "" : ", \"h1\": " + str(f.h1())) + "}";
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder();
        GoJson.appendString(b, s);
        return b.toString();
    }

    // ---- reading ----

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static Manifest parse(byte[] data) throws InvalidManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidManifestException(e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException("not a JSON object");
        }
        String format = text(root, "", "format", true);
        if (!format.equals(FORMAT)) {
            throw new InvalidManifestException("format is " + GoJson.quote(format) + ", not " + GoJson.quote(FORMAT));
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new InvalidManifestException("formatVersion is missing or not a number");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new InvalidManifestException("format version " + version.intValue()
                    + " is not supported (this gofetch reads version " + FORMAT_VERSION + ")");
        }
        only(root, "", Set.of("format", "formatVersion", "gofetchVersion", "created", "query", "sources", "modules",
                "sumdb"));
        String gofetch = text(root, "", "gofetchVersion", true);
        Instant created = null;
        String createdText = text(root, "", "created", false);
        if (createdText != null) {
            try {
                created = Instant.parse(createdText);
            } catch (DateTimeParseException e) {
                throw new InvalidManifestException("created is not an RFC 3339 time: " + GoJson.quote(createdText));
            }
        }
        List<String> query = new ArrayList<>();
        for (JsonNode q : array(root, "query")) {
            if (!q.isTextual()) {
                throw new InvalidManifestException("query holds a non-string");
            }
            query.add(q.textValue());
        }
        List<Source> sources = new ArrayList<>();
        int i = 0;
        for (JsonNode s : array(root, "sources")) {
            String where = "sources[" + i++ + "]";
            object(s, where);
            only(s, where, Set.of("module", "goMod", "goSum"));
            sources.add(new Source(text(s, where, "module", true), fileInfo(s, "goMod", where, true, true),
                    fileInfo(s, "goSum", where, false, true)));
        }
        List<Module> modules = new ArrayList<>();
        i = 0;
        for (JsonNode m : array(root, "modules")) {
            String where = "modules[" + i++ + "]";
            object(m, where);
            only(m, where, Set.of("path", "version", "info", "mod", "zip"));
            modules.add(new Module(text(m, where, "path", true), text(m, where, "version", true),
                    fileInfo(m, "info", where, false, false), fileInfo(m, "mod", where, true, true),
                    fileInfo(m, "zip", where, false, true)));
        }
        SumDb sumdb = null;
        JsonNode s = root.get("sumdb");
        if (s != null) {
            object(s, "sumdb");
            List<SumDbFile> files = new ArrayList<>();
            i = 0;
            for (JsonNode f : array(s, "files")) {
                String where = "sumdb.files[" + i++ + "]";
                object(f, where);
                only(f, where, Set.of("name", "size"));
                files.add(new SumDbFile(text(f, where, "name", true), size(f.get("size"), where)));
            }
            sumdb = new SumDb(text(s, "sumdb", "name", true), files);
        }
        return new Manifest(gofetch, created, query, sources, modules, sumdb);
    }

    private static FileInfo fileInfo(JsonNode parent, String field, String where, boolean required, boolean hashed)
            throws InvalidManifestException {
        JsonNode f = parent.get(field);
        if (f == null) {
            if (required) {
                throw new InvalidManifestException(where + " has no " + field);
            }
            return null;
        }
        String at = where + "." + field;
        object(f, at);
        only(f, at, hashed ? Set.of("size", "h1") : Set.of("size"));
        return new FileInfo(size(f.get("size"), at), hashed ? text(f, at, "h1", true) : null);
    }

    private static long size(JsonNode n, String where) throws InvalidManifestException {
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0) {
            throw new InvalidManifestException(where + ".size is missing or not a size");
        }
        return n.longValue();
    }

    private static String text(JsonNode parent, String where, String field, boolean required)
            throws InvalidManifestException {
        JsonNode n = parent.get(field);
        String at = where.isEmpty() ? "" : where + ": ";
        if (n == null) {
            if (required) {
                throw new InvalidManifestException(at + "missing field " + GoJson.quote(field));
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidManifestException(at + "field " + GoJson.quote(field) + " is not a string");
        }
        return n.textValue();
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) throws InvalidManifestException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new InvalidManifestException("field " + GoJson.quote(field) + " is missing or not a list");
        }
        return n;
    }

    private static void object(JsonNode n, String where) throws InvalidManifestException {
        if (!n.isObject()) {
            throw new InvalidManifestException(where + " is not an object");
        }
    }

    private static void only(JsonNode n, String where, Set<String> allowed) throws InvalidManifestException {
        for (Map.Entry<String, JsonNode> field : n.properties()) {
            String key = field.getKey();
            if (!allowed.contains(key)) {
                throw new InvalidManifestException((where.isEmpty() ? "" : where + ": ") + "unknown field "
                        + GoJson.quote(key));
            }
        }
    }
}

package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gofetch.testing.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Random go.mod files, valid and malformed, parsed by gofetch and by the real go command
/// (`go mod edit -json`, which parses strictly without a version fixer and prints the file).
class GoModDifferentialTest {
    private static final int CASES = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void parsesRandomGoModFilesExactlyAsTheGoCommand() throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("m"));
        Map<String, String> env = GoTool.pinnedEnv(scratch, "off");
        String absGoMod = dir.resolve("go.mod").toString();
        GoModGenerator gen = new GoModGenerator(20240611L);
        List<String> mismatches = new ArrayList<>();
        int valid = 0;
        Set<String> errorKinds = new HashSet<>();
        Set<String> features = new HashSet<>();
        for (int i = 0; i < CASES; i++) {
            String text = gen.file();
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("go.mod"), data);
            GoTool.Result go = GoTool.run(dir, env, "mod", "edit", "-json");

            String ours;
            try {
                ours = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(asEditJson(GoMod.parse("go.mod", data)));
            } catch (GoModParseException e) {
                ours = "errors:\n" + String.join("\n", e.errors());
            }
            String theirs;
            if (go.exitCode() == 0) {
                JsonNode json = JSON.readTree(go.stdout());
                theirs = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
                valid++;
                features.addAll(features(json));
            } else {
                String prefix = "go: errors parsing go.mod:\n";
                assertThat(go.stderr()).as("case %d:\n%s", i, text).startsWith(prefix);
                String errors = go.stderr().substring(prefix.length()).stripTrailing().replace(absGoMod, "go.mod");
                theirs = "errors:\n" + errors;
                for (String line : errors.split("\n")) {
                    errorKinds.add(line.replaceAll("^go\\.mod:\\d+(:\\d+)?: ", "")
                            .replaceAll("^(require|exclude|replace|retract) [^:]*: ", "$1 PATH: ")
                            .replaceAll("[\"'(].*", ""));
                }
            }
            if (!ours.equals(theirs)) {
                mismatches.add("case " + i + ":\n" + text + "\n--- gofetch:\n" + ours + "\n--- go:\n" + theirs);
            }
        }
        assertThat(mismatches).isEmpty();
        // The generator must exercise both outcomes substantially, every kind of content, and many errors.
        assertThat(valid).isBetween(CASES / 5, CASES * 4 / 5);
        assertThat(features).containsExactlyInAnyOrder("Module.Path", "Module.Deprecated", "Go", "Toolchain",
                "GoDebug", "Require", "Require.Indirect", "Exclude", "Replace.Old.Version", "Replace.New.Version",
                "Replace.Dir", "Retract", "Retract.Interval", "Retract.Rationale", "Tool", "Ignore");
        assertThat(errorKinds.size()).isGreaterThan(30);
    }

    /// Which kinds of content a `go mod edit -json` output holds.
    private static Set<String> features(JsonNode f) {
        Set<String> seen = new HashSet<>();
        f.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isTextual() || v.isArray()) {
                seen.add(e.getKey());
            }
            for (JsonNode item : v.isArray() ? v : List.<JsonNode>of()) {
                if (item.has("Indirect")) {
                    seen.add("Require.Indirect");
                }
                if (item.has("Low") && !item.get("Low").equals(item.get("High"))) {
                    seen.add("Retract.Interval");
                }
                if (item.has("Rationale")) {
                    seen.add("Retract.Rationale");
                }
                if (item.has("Old")) {
                    seen.add(item.get("New").has("Version") ? "Replace.New.Version" : "Replace.Dir");
                    if (item.get("Old").has("Version")) {
                        seen.add("Replace.Old.Version");
                    }
                }
            }
        });
        seen.remove("Replace");
        if (!f.get("Module").path("Path").asText().isEmpty()) {
            seen.add("Module.Path");
        }
        if (f.get("Module").has("Deprecated")) {
            seen.add("Module.Deprecated");
        }
        return seen;
    }

    /// What `go mod edit -json` prints for a file: the parse result after `SortBlocks` (which drops
    /// duplicate excludes, replaces of the same old module except the last, duplicate tools and
    /// ignores) and `Cleanup` (which drops godebugs, requires, excludes, replaces and retracts whose
    /// key is empty).
    static ObjectNode asEditJson(GoMod mod) {
        ObjectNode f = JSON.createObjectNode();
        ObjectNode module = f.putObject("Module").put("Path", mod.modulePath());
        if (!mod.deprecated().isEmpty()) {
            module.put("Deprecated", mod.deprecated());
        }
        if (!mod.goVersion().isEmpty()) {
            f.put("Go", mod.goVersion());
        }
        if (!mod.toolchain().isEmpty()) {
            f.put("Toolchain", mod.toolchain());
        }
        List<GoMod.Godebug> godebugs = mod.godebugs().stream().filter(d -> !d.key().isEmpty()).toList();
        if (!godebugs.isEmpty()) {
            ArrayNode a = f.putArray("GoDebug");
            godebugs.forEach(d -> a.addObject().put("Key", d.key()).put("Value", d.value()));
        }
        array(f, "Require", mod.requires().stream().filter(r -> !r.mod().path().isEmpty()).toList(),
                (a, r) -> {
                    ObjectNode o = version(a.addObject(), r.mod());
                    if (r.indirect()) {
                        o.put("Indirect", true);
                    }
                });

        Set<ModuleVersion> seenExcludes = new HashSet<>();
        List<ModuleVersion> excludes = mod.excludes().stream().map(GoMod.Exclude::mod)
                .filter(seenExcludes::add).filter(m -> !m.path().isEmpty()).toList();
        array(f, "Exclude", excludes, (a, m) -> version(a.addObject(), m));

        Map<ModuleVersion, Integer> lastReplace = new LinkedHashMap<>();
        for (int i = 0; i < mod.replaces().size(); i++) {
            lastReplace.put(mod.replaces().get(i).old(), i);
        }
        List<GoMod.Replace> replaces = new ArrayList<>();
        for (int i = 0; i < mod.replaces().size(); i++) {
            GoMod.Replace r = mod.replaces().get(i);
            if (lastReplace.get(r.old()) == i && !r.old().path().isEmpty()) {
                replaces.add(r);
            }
        }
        array(f, "Replace", replaces, (a, r) -> {
            ObjectNode o = a.addObject();
            version(o.putObject("Old"), r.old());
            version(o.putObject("New"), r.replacement());
        });

        array(f, "Retract", mod.retracts().stream().filter(r -> !r.low().isEmpty() || !r.high().isEmpty()).toList(),
                (a, r) -> {
                    ObjectNode o = a.addObject();
                    putIfNotEmpty(o, "Low", r.low());
                    putIfNotEmpty(o, "High", r.high());
                    putIfNotEmpty(o, "Rationale", r.rationale());
                });
        array(f, "Tool", mod.tools().stream().distinct().toList(), (a, t) -> a.addObject().put("Path", t));
        array(f, "Ignore", mod.ignores().stream().distinct().toList(), (a, p) -> a.addObject().put("Path", p));
        return f;
    }

    private interface Adder<T> {
        void add(ArrayNode a, T item);
    }

    private static <T> void array(ObjectNode f, String name, List<T> items, Adder<T> adder) {
        if (items.isEmpty()) {
            f.putNull(name);
            return;
        }
        ArrayNode a = f.putArray(name);
        items.forEach(item -> adder.add(a, item));
    }

    private static ObjectNode version(ObjectNode o, ModuleVersion m) {
        o.put("Path", m.path());
        putIfNotEmpty(o, "Version", m.version());
        return o;
    }

    private static void putIfNotEmpty(ObjectNode o, String name, String value) {
        if (!value.isEmpty()) {
            o.put(name, value);
        }
    }
}

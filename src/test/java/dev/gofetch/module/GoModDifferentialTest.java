package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;

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
                theirs = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(go.stdout()));
                valid++;
            } else {
                String prefix = "go: errors parsing go.mod:\n";
                assertThat(go.stderr()).as("case %d:\n%s", i, text).startsWith(prefix);
                theirs = "errors:\n" + go.stderr().substring(prefix.length()).stripTrailing().replace(absGoMod, "go.mod");
                for (String line : theirs.split("\n")) {
                    errorKinds.add(line.replaceAll("^go\\.mod:\\d+(:\\d+)?: ", "").replaceAll("[\"'].*", ""));
                }
            }
            if (!ours.equals(theirs)) {
                mismatches.add("case " + i + ":\n" + text + "\n--- gofetch:\n" + ours + "\n--- go:\n" + theirs);
            }
        }
        assertThat(mismatches).isEmpty();
        // The generator must exercise both outcomes substantially.
        assertThat(valid).isBetween(CASES / 5, CASES * 4 / 5);
        assertThat(errorKinds.size()).isGreaterThan(25);
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

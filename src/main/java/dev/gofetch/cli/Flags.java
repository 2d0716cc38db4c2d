package dev.gofetch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Command-line flags parsed the way Go's `flag` package parses them, so that gofetch accepts what the
/// go command accepts: `-name`, `--name`, `-name=value`, `-name value` (not for booleans), parsing
/// stops at the first non-flag argument or at `--`.
final class Flags {
    private record Spec(String name, boolean bool, String usage) {}

    private final String command;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private List<String> args = List.of();

    Flags(String command) {
        this.command = command;
    }

    Flags bool(String name, String usage) {
        specs.put(name, new Spec(name, true, usage));
        return this;
    }

    Flags string(String name, String usage) {
        specs.put(name, new Spec(name, false, usage));
        return this;
    }

    /// @throws UsageException for an unknown flag or a missing value, worded like Go's flag package
    Flags parse(List<String> input) throws UsageException {
        int i = 0;
        while (i < input.size()) {
            String a = input.get(i);
            if (a.length() < 2 || a.charAt(0) != '-') {
                break;
            }
            int dashes = a.startsWith("--") ? 2 : 1;
            if (dashes == 2 && a.length() == 2) {
                i++;
                break;
            }
            String body = a.substring(dashes);
            if (body.isEmpty() || body.startsWith("-") || body.startsWith("=")) {
                throw new UsageException("bad flag syntax: " + a, usage());
            }
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Spec spec = specs.get(name);
            if (spec == null) {
                if (name.equals("help") || name.equals("h")) {
                    throw new UsageException("", usage());
                }
                throw new UsageException("flag provided but not defined: -" + name, usage());
            }
            if (spec.bool) {
                if (value == null) {
                    value = "true";
                } else if (!isBool(value)) {
                    throw new UsageException("invalid boolean value " + quote(value) + " for -" + name
                            + ": parse error", usage());
                }
                value = normalizeBool(value);
            } else if (value == null) {
                if (i + 1 >= input.size()) {
                    throw new UsageException("flag needs an argument: -" + name, usage());
                }
                value = input.get(++i);
            }
            values.put(name, value);
            i++;
        }
        args = List.copyOf(input.subList(i, input.size()));
        return this;
    }

    boolean isSet(String name) {
        String v = values.get(name);
        return v != null && !v.equals("false");
    }

    String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> args() {
        return args;
    }

    String usage() {
        StringBuilder b = new StringBuilder("usage: gofetch " + command);
        for (Spec s : specs.values()) {
            b.append(" [-").append(s.name).append(s.bool ? "" : " " + s.usage.split(" ")[0]).append(']');
        }
        return b.toString();
    }

    private static boolean isBool(String v) {
        return List.of("1", "0", "t", "f", "T", "F", "true", "false", "TRUE", "FALSE", "True", "False").contains(v);
    }

    private static String normalizeBool(String v) {
        return List.of("1", "t", "T", "true", "TRUE", "True").contains(v) ? "true" : "false";
    }

    private static String quote(String s) {
        return dev.gofetch.module.GoStrings.quote(s);
    }

}

package dev.gofetch.cli;

import dev.gofetch.module.GoJson;

/// Writes JSON objects the way Go's `json.MarshalIndent(v, "", "\t")` lays them out, fields in the
/// order they are added, empty values left out by the caller.
final class GoJsonWriter {
    private final StringBuilder b = new StringBuilder();
    private final int depth;
    private boolean first = true;

    GoJsonWriter() {
        this(0);
    }

    private GoJsonWriter(int depth) {
        this.depth = depth;
        b.append('{');
    }

    GoJsonWriter field(String name, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        key(name);
        GoJson.appendString(b, value);
        return this;
    }

    GoJsonWriter field(String name, boolean value) {
        if (!value) {
            return this;
        }
        key(name);
        b.append("true");
        return this;
    }

    /// A nested object; skipped when it has no fields.
    GoJsonWriter object(String name, java.util.function.Consumer<GoJsonWriter> fill) {
        GoJsonWriter inner = new GoJsonWriter(depth + 1);
        fill.accept(inner);
        if (inner.first) {
            return this;
        }
        key(name);
        b.append(inner.finish());
        return this;
    }

    private void key(String name) {
        b.append(first ? "" : ",").append('\n').append("\t".repeat(depth + 1));
        GoJson.appendString(b, name);
        b.append(": ");
        first = false;
    }

    String finish() {
        if (!first) {
            b.append('\n').append("\t".repeat(depth));
        }
        return b.append('}').toString();
    }
}

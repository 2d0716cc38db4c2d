package dev.gofetch.ui.base;

import dev.gofetch.module.ModuleVersion;
import java.util.List;
import java.util.Objects;

/// Something the user should know about, in plain words, with what to do next.
/// @param module   the module it concerns, or null
/// @param kind     what sort of failure it is (null for warnings that are not failures)
/// @param remedies one-click actions offered with it (the view adds "Copy the error" to every one)
public record Problem(Severity severity, String title, String detail, String hint, ModuleVersion module,
        FailureKind kind, List<Remedy> remedies) {
    public enum Severity { ERROR, WARNING }

    /// A one-click action; run on the UI thread.
    public record Remedy(String label, Runnable action) {
        public Remedy {
            Objects.requireNonNull(label);
            Objects.requireNonNull(action);
        }
    }

    public Problem {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(title);
        detail = detail == null ? "" : detail;
        hint = hint == null ? "" : hint;
        remedies = remedies == null ? List.of() : List.copyOf(remedies);
    }

    public Problem(Severity severity, String title, String detail, String hint, ModuleVersion module) {
        this(severity, title, detail, hint, module, null, List.of());
    }
}

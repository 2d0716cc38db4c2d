package dev.gofetch.ui.base;

import dev.gofetch.module.ModuleVersion;
import java.util.Objects;

/// Something the user should know about, in plain words, with what to do next.
/// @param module the module it concerns, or null
public record Problem(Severity severity, String title, String detail, String hint, ModuleVersion module) {
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(title);
        detail = detail == null ? "" : detail;
        hint = hint == null ? "" : hint;
    }
}

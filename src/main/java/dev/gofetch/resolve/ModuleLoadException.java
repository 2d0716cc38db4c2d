package dev.gofetch.resolve;

import dev.gofetch.module.ModuleVersion;

/// A go.mod that could not be used, attributed to the module version it belongs to (Go's `ModuleError`).
final class ModuleLoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ModuleVersion module;
    private final String detail;

    ModuleLoadException(ModuleVersion module, String detail, Throwable cause) {
        super(module.version().isEmpty() ? "module " + module.path() + ": " + detail : module + ": " + detail, cause);
        this.module = module;
        this.detail = detail;
    }

    ModuleVersion module() {
        return module;
    }

    String detail() {
        return detail;
    }
}

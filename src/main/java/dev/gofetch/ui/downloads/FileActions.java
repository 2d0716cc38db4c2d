package dev.gofetch.ui.downloads;

import dev.gofetch.module.ModuleVersion;

/// What the Downloads panel can do to one file of the run in progress.
public interface FileActions {
    FileActions NONE = new FileActions() {
        @Override
        public void pause(ModuleVersion m) {}

        @Override
        public void resume(ModuleVersion m) {}

        @Override
        public void cancel(ModuleVersion m) {}
    };

    void pause(ModuleVersion m);

    void resume(ModuleVersion m);

    void cancel(ModuleVersion m);
}

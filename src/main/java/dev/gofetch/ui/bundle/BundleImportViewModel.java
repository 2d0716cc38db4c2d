package dev.gofetch.ui.bundle;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.BundleException;
import dev.gofetch.bundle.BundleImporter;
import dev.gofetch.cache.ModCache;
import dev.gofetch.env.GoEnv;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Fact;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// File → Import bundle: verify the chosen bundle → show what it adds to GOMODCACHE (new versus
/// already present; a cache that disagrees blocks the import) → import with progress → report. A bundle
/// that fails verification imports nothing, and the report says why.
public final class BundleImportViewModel {
    public enum Step { VERIFY, PREVIEW, IMPORT, REPORT }

    /// Modules imported at once.
    static final int PARALLEL = 4;

    private final Engine engine;
    private final BackgroundWork work;
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.VERIFY);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper modCache = new ReadOnlyStringWrapper("");
    private final ObservableList<BundleImporter.Preview> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canImport = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reportOk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper reportTitle = new ReadOnlyStringWrapper("");
    private final ObservableList<Fact> report = FXCollections.observableArrayList();
    private Bundle bundle;
    private ModCache cache;
    private boolean modCacheRw;

    public BundleImportViewModel(Engine engine, UiBridge ui, Executor background) {
        this.engine = Objects.requireNonNull(engine);
        this.work = new BackgroundWork(ui, background);
    }

    private record Checked(Bundle bundle, ModCache cache, boolean modCacheRw, List<BundleImporter.Preview> preview,
                           List<String> problems) {}

    /// Verifies the bundle at path and compares it with the module cache.
    public void open(Path path) {
        Path f = path.toAbsolutePath().normalize();
        file.set(f);
        bundle = null;
        preview.clear();
        canImport.set(false);
        error.set("");
        step.set(Step.VERIFY);
        work.start("Verifying " + f.getFileName() + "…", progress -> {
            GoEnv env = engine.loadEnv();
            ModCache c = new ModCache(env.modCache());
            Bundle b;
            try {
                b = Bundle.open(f, (phase, done, total) -> progress.report("Verifying " + f.getFileName() + ": "
                        + DownloadsViewModel.formatBytes(done) + " of " + DownloadsViewModel.formatBytes(total),
                        total == 0 ? -1 : (double) done / total));
            } catch (BundleException e) {
                return new Checked(null, c, false, List.of(), e.problems());
            }
            progress.report("Comparing with the module cache…", -1);
            return new Checked(b, c, env.goFlags().modCacheRw(), BundleImporter.preview(b, c), List.of());
        }, this::checked, e -> rejected(List.of(BackgroundWork.plain(e))));
    }

    private void checked(Checked c) {
        modCache.set(c.cache().root().toString());
        if (c.bundle() == null) {
            rejected(c.problems());
            return;
        }
        bundle = c.bundle();
        cache = c.cache();
        modCacheRw = c.modCacheRw();
        preview.setAll(c.preview());
        long added = c.preview().stream().filter(p -> p.effect() == BundleImporter.Effect.ADD).count();
        long addedBytes = c.preview().stream().filter(p -> p.effect() == BundleImporter.Effect.ADD)
                .mapToLong(BundleImporter.Preview::bytes).sum();
        long present = c.preview().stream().filter(p -> p.effect() == BundleImporter.Effect.PRESENT).count();
        List<String> conflicts = c.preview().stream().filter(p -> p.effect() == BundleImporter.Effect.CONFLICT)
                .map(BundleImporter.Preview::conflict).toList();
        previewSummary.set(added == 0 && conflicts.isEmpty()
                ? "Verified. All " + present + " module versions of this bundle are in the module cache already:"
                        + " nothing to import."
                : "Verified. " + added + " module versions to add (" + DownloadsViewModel.formatBytes(addedBytes)
                        + "), " + present + " already in the module cache");
        if (!conflicts.isEmpty()) {
            error.set("The module cache holds different files for " + conflicts.size()
                    + (conflicts.size() == 1 ? " module version" : " module versions")
                    + " than the bundle, so nothing can be imported:\n" + String.join("\n", conflicts));
        }
        canImport.set(conflicts.isEmpty() && added > 0);
        step.set(Step.PREVIEW);
    }

    private void rejected(List<String> problems) {
        reportOk.set(false);
        Path f = file.get();
        reportTitle.set((f == null ? "The bundle" : f.getFileName().toString())
                + " failed verification: nothing was imported");
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("In short", PlainWords.verificationFailed(problems)));
        problems.forEach(p -> facts.add(new Fact("Problem", p)));
        report.setAll(facts);
        step.set(Step.REPORT);
    }

    /// Imports the verified bundle into the module cache.
    public void importBundle() {
        if (bundle == null || !canImport.get()) {
            return;
        }
        Bundle b = bundle;
        ModCache c = cache;
        boolean rw = modCacheRw;
        step.set(Step.IMPORT);
        error.set("");
        work.start("Importing…", progress -> BundleImporter.importInto(b, c, rw, PARALLEL,
                (phase, done, total) -> progress.report("Importing into the module cache: "
                        + DownloadsViewModel.formatBytes(done) + " of " + DownloadsViewModel.formatBytes(total),
                        total == 0 ? -1 : (double) done / total)), r -> {
            reportOk.set(true);
            reportTitle.set("Imported " + b.file().getFileName());
            List<Fact> facts = new ArrayList<>();
            facts.add(new Fact("Module cache", c.root().toString()));
            Bundle.Checked checked = b.checked();
            facts.add(new Fact("Verified", checked.files() + " files: " + checked.sha256Hashes() + " sha256 and "
                    + checked.h1Hashes() + " h1 hashes checked before importing, and each file again as it was copied"));
            facts.add(new Fact("Modules", r.zipsAdded() + " added, " + r.zipsPresent() + " already present"));
            facts.add(new Fact("go.mod files", r.modsAdded() + " added, " + r.modsPresent() + " already present"));
            facts.add(new Fact("Next", "builds with GOPROXY=off now find these modules"));
            report.setAll(facts);
            step.set(Step.REPORT);
        }, e -> {
            reportOk.set(false);
            reportTitle.set("The import failed");
            List<String> problems = e instanceof BundleException be ? be.problems() : List.of(BackgroundWork.plain(e));
            report.setAll(problems.stream().map(p -> new Fact("Problem", p)).toList());
            step.set(Step.REPORT);
        });
    }

    /// Stops the work in progress; returns whether there was any. Modules imported before a cancel
    /// stay in the cache, each whole.
    public boolean cancel() {
        if (!work.cancel()) {
            return false;
        }
        if (step.get() == Step.IMPORT) {
            reportOk.set(false);
            reportTitle.set("Import cancelled");
            report.setAll(List.of(new Fact("Module cache", "modules imported before the cancel stay, each complete;"
                    + " importing again adds the rest")));
            step.set(Step.REPORT);
        } else {
            error.set("Cancelled.");
        }
        return true;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modCacheProperty() {
        return modCache.getReadOnlyProperty();
    }

    public ObservableList<BundleImporter.Preview> previewRows() {
        return preview;
    }

    public ReadOnlyStringProperty previewSummaryProperty() {
        return previewSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canImportProperty() {
        return canImport.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reportOkProperty() {
        return reportOk.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reportTitleProperty() {
        return reportTitle.getReadOnlyProperty();
    }

    public ObservableList<Fact> report() {
        return report;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return work.progressTextProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return work.progressProperty();
    }
}

package dev.gofetch.ui.bundle;

import dev.gofetch.bundle.Bundle;
import dev.gofetch.bundle.BundleCreator;
import dev.gofetch.bundle.BundleException;
import dev.gofetch.bundle.Manifest;
import dev.gofetch.engine.DownloadListener;
import dev.gofetch.engine.DownloadResult;
import dev.gofetch.engine.Session;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.UiBridge;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The bundle wizard: choose the main modules and what to take → review the modules, what the module
/// cache has and the size → download and write the archive (progress, cancellable) → the verifier's
/// report on the written file. Engine work runs off the FX thread ({@link BackgroundWork}); one
/// session lives from the review to the end, so the reviewed plan is the one written.
public final class BundleWizardViewModel {
    public enum Step { CHOOSE, REVIEW, CREATE, REPORT }

    /// What the bundle takes from each main module.
    public enum Scope {
        /// `all`: the build list plus every go.mod the module graph reads (`GOPROXY=off` builds work).
        ALL,
        /// The build list's modules only.
        BUILD_LIST
    }

    /// One line of a report: what was checked, and what was found.
    public record Fact(String label, String value) {}

    /// Modules downloaded at once.
    static final int PARALLEL = 6;

    private final Engine engine;
    private final Executor background;
    private final BackgroundWork work;
    private final LocalDate today;
    private final ObservableList<Path> projects = FXCollections.observableArrayList();
    private final ObservableList<Path> recent;
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(this, "scope", Scope.ALL);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.CHOOSE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<BundleCreator.Entry> review = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper reviewSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> output = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper reportOk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper reportTitle = new ReadOnlyStringWrapper("");
    private final ObservableList<Fact> report = FXCollections.observableArrayList();
    private Session session;
    private BundleCreator creator;

    /// @param project the open project (preselected), or null
    /// @param recent  recently opened projects, offered for adding
    public BundleWizardViewModel(Engine engine, UiBridge ui, Executor background, Path project, List<Path> recent,
                                 LocalDate today) {
        this.engine = Objects.requireNonNull(engine);
        this.background = Objects.requireNonNull(background);
        this.work = new BackgroundWork(ui, background);
        this.today = Objects.requireNonNull(today);
        this.recent = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(recent));
        if (project != null) {
            projects.add(project.toAbsolutePath().normalize());
        }
    }

    // ---- step 1: projects and scope ----

    public void addProject(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        if (!projects.contains(p)) {
            projects.add(p);
        }
        error.set("");
    }

    public void removeProject(Path dir) {
        projects.remove(dir);
    }

    /// Resolves the chosen projects and lists what the bundle will hold (step 2).
    public void review() {
        if (projects.isEmpty()) {
            error.set("Choose at least one project (a folder with a go.mod, or below one).");
            return;
        }
        List<Path> dirs = List.copyOf(projects);
        boolean graphGoMods = scope.get() == Scope.ALL;
        closeSession();
        error.set("");
        work.start("Resolving " + names(dirs) + "…", progress -> {
            List<String> notModules = dirs.stream().filter(d -> Session.findModuleRootOrNull(d) == null)
                    .map(d -> d + ": no go.mod in this folder or any folder above it").toList();
            if (!notModules.isEmpty()) {
                throw new BundleException(notModules);
            }
            Session s = engine.openSession(engine.loadEnv());
            try {
                List<String> warnings = new ArrayList<>();
                BundleCreator c = BundleCreator.plan(s, dirs, List.of("all"), graphGoMods, dirs.get(0),
                        warnings::add);
                return new Planned(s, c, c.review());
            } catch (Exception | Error e) {
                s.close();
                throw e;
            }
        }, planned -> {
            session = planned.session();
            creator = planned.creator();
            review.setAll(planned.entries());
            reviewSummary.set(summary(planned.entries()));
            step.set(Step.REVIEW);
        }, e -> error.set(e instanceof BundleException b
                ? "Cannot bundle these projects:\n" + String.join("\n", b.problems())
                : "Cannot bundle these projects: " + BackgroundWork.plain(e)));
    }

    private record Planned(Session session, BundleCreator creator, List<BundleCreator.Entry> entries) {}

    private static String names(List<Path> dirs) {
        return dirs.stream().map(d -> d.getFileName() == null ? d.toString() : d.getFileName().toString())
                .collect(Collectors.joining(", "));
    }

    static String summary(List<BundleCreator.Entry> entries) {
        long zips = entries.stream().filter(BundleCreator.Entry::zip).count();
        long cachedBytes = entries.stream().filter(BundleCreator.Entry::cached).mapToLong(BundleCreator.Entry::bytes).sum();
        long missing = entries.stream().filter(e -> !e.cached()).count();
        String s = entries.size() + " module versions (" + zips + " with source zips, " + (entries.size() - zips)
                + " go.mod only)\n" + DownloadsViewModel.formatBytes(cachedBytes) + " already in the module cache";
        return missing == 0 ? s + ", nothing to download"
                : s + " · " + missing + " to download (their size is known once downloaded)";
    }

    // ---- step 3: create ----

    /// The file name the save dialog proposes.
    public String defaultFileName() {
        return "gofetch-bundle-" + today + ".tar";
    }

    /// Downloads what is missing, writes the bundle to out, then verifies what was written (step 4).
    public void create(Path out) {
        if (creator == null) {
            return;
        }
        BundleCreator c = creator;
        Path target = out.toAbsolutePath().normalize();
        output.set(target);
        error.set("");
        step.set(Step.CREATE);
        int downloads = c.downloadCount();
        work.start("Downloading modules…", progress -> {
            AtomicInteger finished = new AtomicInteger();
            Map<ModuleVersion, Long> bytes = new ConcurrentHashMap<>();
            c.download(new DownloadListener() {
                @Override
                public void zipProgress(ModuleVersion m, long n) {
                    bytes.put(m, n);
                    report();
                }

                @Override
                public void moduleFinished(ModuleVersion m, DownloadResult result) {
                    finished.incrementAndGet();
                    report();
                }

                private void report() {
                    long b = bytes.values().stream().mapToLong(Long::longValue).sum();
                    progress.report("Downloading modules: " + finished.get() + " of " + downloads
                            + (b > 0 ? ", " + DownloadsViewModel.formatBytes(b) + " fetched" : ""),
                            downloads == 0 ? -1 : (double) finished.get() / downloads);
                }
            }, PARALLEL);
            c.write(target, null, (phase, done, total) -> progress.report(phaseText(phase) + ": "
                    + DownloadsViewModel.formatBytes(done) + " of " + DownloadsViewModel.formatBytes(total),
                    total == 0 ? -1 : (double) done / total));
            try {
                return new Written(Bundle.open(target, (phase, done, total) -> progress.report(
                        "Verifying the written bundle: " + DownloadsViewModel.formatBytes(done) + " of "
                                + DownloadsViewModel.formatBytes(total), total == 0 ? -1 : (double) done / total)),
                        List.of());
            } catch (BundleException e) {
                return new Written(null, e.problems());
            }
        }, written -> {
            closeSession();
            if (written.bundle() != null) {
                showReport(written.bundle());
            } else {
                reportOk.set(false);
                reportTitle.set(target.getFileName() + " was written but failed verification: do not use it");
                List<Fact> facts = new ArrayList<>();
                facts.add(new Fact("In short", PlainWords.verificationFailed(written.problems())));
                written.problems().forEach(p -> facts.add(new Fact("Problem", p)));
                report.setAll(facts);
                step.set(Step.REPORT);
            }
        }, e -> error.set(e instanceof BundleException b
                ? "The bundle was not written:\n" + String.join("\n", b.problems())
                : "Could not write " + target.getFileName() + ": " + BackgroundWork.plain(e)
                        + ". Go back to choose another place."));
    }

    private record Written(Bundle bundle, List<String> problems) {}

    private static String phaseText(String phase) {
        return switch (phase) {
            case "hashing" -> "Hashing the zips";
            case "writing" -> "Writing the bundle";
            default -> phase;
        };
    }

    private void showReport(Bundle bundle) {
        reportOk.set(true);
        reportTitle.set(bundle.file().getFileName() + " is written and verified");
        report.setAll(facts(bundle));
        step.set(Step.REPORT);
    }

    /// The verifier's summary of a good bundle, for people.
    static List<Fact> facts(Bundle bundle) {
        Bundle.Summary s = bundle.summary();
        Bundle.Checked c = bundle.checked();
        Manifest m = bundle.manifest();
        List<Fact> out = new ArrayList<>();
        out.add(new Fact("File", bundle.file().toString()));
        out.add(new Fact("Modules", s.modules() + " module versions: " + s.zips() + " with source zips ("
                + DownloadsViewModel.formatBytes(s.zipBytes()) + "), " + s.goModOnly() + " go.mod only"));
        out.add(new Fact("Files", c.files() + " files, " + DownloadsViewModel.formatBytes(s.bytes())));
        out.add(new Fact("Hashes checked", c.sha256Hashes() + " sha256 against SHA256SUMS, " + c.h1Hashes()
                + " h1 against the manifest; every zip checked by the go command's rules"));
        out.add(new Fact("Checksum database", m.sumdb() == null
                ? "no proofs included: the hashes were checked (go.sum, GOSUMDB) when the modules were downloaded;"
                        + " the other machine relies on the bundle's go.sum"
                : "proofs included for " + m.sumdb().name() + " (" + m.sumdb().files().size() + " files)"));
        String from = m.sources().stream().map(Manifest.Source::module).distinct().collect(Collectors.joining(", "));
        if (!from.isEmpty()) {
            out.add(new Fact("Made from", from + " (" + String.join(" ", m.query()) + ")"));
        }
        return out;
    }

    // ---- navigation ----

    /// One step back: from the review to the choice, from a failed or cancelled write to the review.
    public void back() {
        if (work.busyProperty().get()) {
            return;
        }
        switch (step.get()) {
            case REVIEW -> {
                closeSession();
                step.set(Step.CHOOSE);
            }
            case CREATE -> step.set(Step.REVIEW);
            default -> { }
        }
        error.set("");
    }

    /// Stops the work in progress; returns whether there was any. A cancelled write leaves no file.
    public boolean cancel() {
        if (!work.cancel()) {
            return false;
        }
        error.set(switch (step.get()) {
            case CHOOSE -> "Cancelled.";
            case CREATE -> "Cancelled: no bundle was written. Modules downloaded so far stay in the module cache.";
            default -> "";
        });
        return true;
    }

    /// The wizard is closing: stop what runs and end the session.
    public void close() {
        cancel();
        closeSession();
    }

    private void closeSession() {
        Session s = session;
        session = null;
        creator = null;
        if (s != null) {
            background.execute(s::close); // it saves the mirrors' health: file I/O
        }
    }

    // ---- properties ----

    public ObservableList<Path> projects() {
        return projects;
    }

    public ObservableList<Path> recentProjects() {
        return recent;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /// What went wrong in the current step, in plain words, or "".
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<BundleCreator.Entry> reviewRows() {
        return review;
    }

    public ReadOnlyStringProperty reviewSummaryProperty() {
        return reviewSummary.getReadOnlyProperty();
    }

    /// The bundle file being written or written.
    public ReadOnlyObjectProperty<Path> outputProperty() {
        return output.getReadOnlyProperty();
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

    /// 0..1, -1 while the amount is unknown.
    public ReadOnlyDoubleProperty progressProperty() {
        return work.progressProperty();
    }
}

package dev.gofetch.ui.bundle;

import dev.gofetch.bundle.BundleImporter;
import dev.gofetch.ui.bundle.BundleImportViewModel.Step;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/// File → Import bundle: the dialog. Verify → what it adds → import → report.
public final class BundleImportDialog {
    private static final List<String> STEPS = List.of("Verify", "Preview", "Import", "Report");

    private final BundleImportViewModel vm;
    private final WizardFrame frame;
    private final Node verify;
    private final Node preview;
    private final Node importing;
    private final Node report;
    private Runnable onClosed = () -> { };

    public BundleImportDialog(BundleImportViewModel vm, Window owner) {
        this.vm = vm;
        frame = new WizardFrame(owner, "Import a bundle", STEPS, vm.errorProperty());
        verify = WizardFrame.progress("verifyProgress", vm.progressTextProperty(), vm.progressProperty(),
                pathLine("Bundle", vm.fileProperty()));
        importing = WizardFrame.progress("importProgress", vm.progressTextProperty(), vm.progressProperty(),
                pathLine("Into the module cache", vm.modCacheProperty()));
        preview = previewStep();
        report = WizardFrame.report(vm.reportOkProperty(), vm.reportTitleProperty(), vm.report());
        frame.back.setVisible(false);
        frame.back.setManaged(false);
        frame.next.setOnAction(e -> next());
        frame.cancel.setOnAction(e -> {
            if (!vm.cancel()) {
                frame.stage.close();
            }
        });
        frame.stage.setOnHidden(e -> {
            vm.cancel();
            onClosed.run();
        });
        vm.stepProperty().addListener((obs, was, now) -> showStep());
        vm.busyProperty().addListener((obs, was, now) -> updateButtons());
        vm.canImportProperty().addListener((obs, was, now) -> updateButtons());
        showStep();
    }

    /// Asks for a bundle file; null when the user chose none.
    public static Path chooseFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a bundle");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Bundles (*.tar)", "*.tar"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    /// Runs when the dialog closes (to refresh what shows the module cache).
    public void onClosed(Runnable r) {
        onClosed = r;
    }

    /// Shows the dialog and starts verifying file.
    public void show(Path file) {
        frame.stage.show();
        vm.open(file);
    }

    javafx.stage.Stage stage() {
        return frame.stage;
    }

    private static Node pathLine(String what, javafx.beans.value.ObservableValue<?> value) {
        Label head = new Label(what);
        head.getStyleClass().add("wizard-section");
        Label path = new Label();
        path.getStyleClass().add("wizard-path");
        path.textProperty().bind(Bindings.createStringBinding(() -> value.getValue() == null ? ""
                : value.getValue().toString(), value));
        return new VBox(4, head, path);
    }

    private Node previewStep() {
        Label summary = new Label();
        summary.setId("previewSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.previewSummaryProperty());
        summary.getStyleClass().add("wizard-summary");
        TableView<BundleImporter.Preview> table = WizardFrame.table("previewTable", vm.previewRows(),
                "The bundle holds no modules.");
        table.getColumns().addAll(List.of(
                WizardFrame.column("Module", 300, p -> p.module().path()),
                WizardFrame.column("Version", 280, p -> p.module().version()),
                WizardFrame.column("Contents", 100, p -> p.zip() ? "source zip" : "go.mod only"),
                WizardFrame.sizeColumn("Size", BundleImporter.Preview::bytes),
                WizardFrame.stateColumn("In the module cache", 170, p -> switch (p.effect()) {
                    case ADD -> "new: will be added";
                    case PRESENT -> "already present";
                    case CONFLICT -> "different: blocks the import";
                }, s -> s.startsWith("new") ? "status-new" : s.startsWith("already") ? "status-cached"
                        : "status-conflict")));
        VBox box = new VBox(8, pathLine("Into the module cache", vm.modCacheProperty()), summary, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private void showStep() {
        Step s = vm.stepProperty().get();
        frame.show(s.ordinal(), switch (s) {
            case VERIFY -> verify;
            case PREVIEW -> preview;
            case IMPORT -> importing;
            case REPORT -> report;
        });
        frame.next.setText(switch (s) {
            case PREVIEW -> "Import";
            case REPORT -> "Close";
            default -> "Next";
        });
        updateButtons();
        if (!frame.next.isDisabled()) {
            frame.next.requestFocus();
        }
    }

    private void updateButtons() {
        Step s = vm.stepProperty().get();
        frame.next.setDisable(vm.busyProperty().get() || s == Step.VERIFY || s == Step.IMPORT
                || (s == Step.PREVIEW && !vm.canImportProperty().get()));
    }

    private void next() {
        switch (vm.stepProperty().get()) {
            case PREVIEW -> vm.importBundle();
            case REPORT -> frame.stage.close();
            default -> { }
        }
    }
}

package dev.gofetch.ui.bundle;

import dev.gofetch.bundle.BundleCreator;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Scope;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Step;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/// File → Create offline bundle: the wizard's window. Projects and scope → review → create → report.
public final class BundleWizard {
    private static final List<String> STEPS = List.of("Projects", "Review", "Create", "Report");

    private final BundleWizardViewModel vm;
    private final WizardFrame frame;
    private final Node choose;
    private final Node review;
    private final Node create;
    private final Node report;
    private Supplier<Optional<Path>> directoryChooser = this::chooseDirectory;
    private Function<String, Optional<Path>> targetChooser = this::chooseTarget;

    public BundleWizard(BundleWizardViewModel vm, Window owner) {
        this.vm = vm;
        frame = new WizardFrame(owner, "Create an offline bundle", STEPS, vm.errorProperty());
        choose = chooseStep();
        review = reviewStep();
        create = WizardFrame.progress("createProgress", vm.progressTextProperty(), vm.progressProperty(), createHeading());
        report = WizardFrame.report(vm.reportOkProperty(), vm.reportTitleProperty(), vm.report());
        frame.next.setOnAction(e -> next());
        frame.back.setOnAction(e -> vm.back());
        frame.cancel.setOnAction(e -> cancel());
        frame.stage.setOnHidden(e -> vm.close());
        vm.stepProperty().addListener((obs, was, now) -> showStep());
        vm.busyProperty().addListener((obs, was, now) -> updateButtons());
        vm.projects().addListener((javafx.collections.ListChangeListener<Path>) c -> updateButtons());
        showStep();
    }

    public void show() {
        frame.stage.show();
        frame.next.requestFocus();
    }

    /// For tests: answer the folder and save dialogs without showing them.
    public void chooseWith(Supplier<Optional<Path>> directory, Function<String, Optional<Path>> target) {
        directoryChooser = directory;
        targetChooser = target;
    }

    javafx.stage.Stage stage() {
        return frame.stage;
    }

    // ---- steps ----

    private Node chooseStep() {
        Label projectsHeading = new Label("Projects (main modules) to bundle");
        projectsHeading.getStyleClass().add("wizard-section");
        ListView<Path> list = new ListView<>(vm.projects());
        list.setId("bundleProjects");
        list.setPrefHeight(150);
        Label none = new Label("No project yet: add a folder with a go.mod.");
        none.getStyleClass().add("placeholder-text");
        list.setPlaceholder(none);
        Button add = new Button("Add folder…");
        add.setId("addProject");
        add.setOnAction(e -> directoryChooser.get().ifPresent(vm::addProject));
        Button remove = new Button("Remove");
        remove.setId("removeProject");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.removeProject(list.getSelectionModel().getSelectedItem()));
        MenuButton recent = new MenuButton("Recent projects");
        recent.setId("recentProjects");
        for (Path p : vm.recentProjects()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> vm.addProject(p));
            recent.getItems().add(item);
        }
        recent.setDisable(vm.recentProjects().isEmpty());
        HBox listButtons = new HBox(8, add, recent, remove);

        Label scopeHeading = new Label("What to take");
        scopeHeading.getStyleClass().add("wizard-section");
        ToggleGroup group = new ToggleGroup();
        RadioButton all = new RadioButton("Everything the builds need (all)");
        all.setId("scopeAll");
        all.setToggleGroup(group);
        Label allHint = new Label("Every module of the build list, plus each go.mod file the module graph reads, "
                + "so that GOPROXY=off builds work on the other machine.");
        RadioButton buildList = new RadioButton("The build list only");
        buildList.setId("scopeBuildList");
        buildList.setToggleGroup(group);
        Label buildListHint = new Label("The modules of go list -m all, without the older go.mod files the graph "
                + "reads on the way: smaller, but a GOPROXY=off build may ask for one of them.");
        for (Label hint : List.of(allHint, buildListHint)) {
            hint.getStyleClass().add("wizard-hint");
            hint.setWrapText(true);
        }
        group.selectToggle(vm.scopeProperty().get() == Scope.ALL ? all : buildList);
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                vm.scopeProperty().set(now == all ? Scope.ALL : Scope.BUILD_LIST);
            }
        });

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label resolving = new Label();
        resolving.textProperty().bind(vm.progressTextProperty());
        resolving.getStyleClass().add("muted");
        HBox busy = new HBox(8, spinner, resolving);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(vm.busyProperty());
        VBox box = new VBox(8, projectsHeading, list, listButtons, scopeHeading, all, allHint, buildList, buildListHint,
                busy);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private Node reviewStep() {
        Label summary = new Label();
        summary.setId("reviewSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.reviewSummaryProperty());
        summary.getStyleClass().add("wizard-summary");
        TableView<BundleCreator.Entry> table = WizardFrame.table("reviewTable", vm.reviewRows(), "Nothing to bundle.");
        table.getColumns().addAll(List.of(
                WizardFrame.column("Module", 300, e -> e.module().path()),
                WizardFrame.column("Version", 280, e -> e.module().version()),
                WizardFrame.column("Contents", 100, e -> e.zip() ? "source zip" : "go.mod only"),
                WizardFrame.sizeColumn("Size", BundleCreator.Entry::bytes),
                WizardFrame.stateColumn("Status", 150, e -> e.cached() ? "in the module cache" : "to download",
                        s -> s.equals("to download") ? "status-new" : "status-cached")));
        VBox box = new VBox(8, summary, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Node createHeading() {
        Label into = new Label("Writing to");
        into.getStyleClass().add("wizard-section");
        Label path = new Label();
        path.setId("bundleOutput");
        path.getStyleClass().add("wizard-path");
        path.textProperty().bind(Bindings.createStringBinding(() -> vm.outputProperty().get() == null ? ""
                : vm.outputProperty().get().toString(), vm.outputProperty()));
        return new VBox(4, into, path);
    }

    private void showStep() {
        Step s = vm.stepProperty().get();
        frame.show(s.ordinal(), switch (s) {
            case CHOOSE -> choose;
            case REVIEW -> review;
            case CREATE -> create;
            case REPORT -> report;
        });
        frame.next.setText(switch (s) {
            case REVIEW -> "Create…";
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
        boolean busy = vm.busyProperty().get();
        frame.back.setDisable(busy || s == Step.CHOOSE);
        frame.back.setVisible(s != Step.REPORT);
        frame.next.setDisable(busy || s == Step.CREATE || (s == Step.CHOOSE && vm.projects().isEmpty()));
    }

    private void next() {
        switch (vm.stepProperty().get()) {
            case CHOOSE -> vm.review();
            case REVIEW -> targetChooser.apply(vm.defaultFileName()).ifPresent(vm::create);
            case REPORT -> frame.stage.close();
            default -> { }
        }
    }

    /// Stops the work in progress, or closes the wizard when nothing runs.
    private void cancel() {
        if (!vm.cancel()) {
            frame.stage.close();
        }
    }

    private Optional<Path> chooseDirectory() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a Go project folder");
        File dir = chooser.showDialog(frame.stage);
        return Optional.ofNullable(dir).map(File::toPath);
    }

    private Optional<Path> chooseTarget(String defaultName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the bundle");
        chooser.setInitialFileName(defaultName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Bundles (*.tar)", "*.tar"));
        if (!vm.projects().isEmpty() && vm.projects().get(0).getParent() != null) {
            chooser.setInitialDirectory(vm.projects().get(0).getParent().toFile());
        }
        File f = chooser.showSaveDialog(frame.stage);
        return Optional.ofNullable(f).map(File::toPath);
    }
}

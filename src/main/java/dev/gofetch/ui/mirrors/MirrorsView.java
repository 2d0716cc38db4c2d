package dev.gofetch.ui.mirrors;

import dev.gofetch.proxy.MirrorList;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/// The Mirrors panel: GOPROXY as a list to switch entries on and off, drag into order and choose
/// the separator after each; adding from presets or a URL; the private-path settings with what is
/// wrong with them; Apply for this app, and Save for the go command after a preview of the file edit.
public final class MirrorsView extends ScrollPane {
    /// Answers the save preview: true to write.
    @FunctionalInterface
    public interface Confirm {
        boolean confirm(MirrorsViewModel.SavePlan plan, String text);
    }

    static final double CELL_HEIGHT = 100;

    private final MirrorsViewModel vm;
    private final ListView<MirrorsViewModel.Row> list = new ListView<>();
    private Confirm confirm = MirrorsView::showPreview;

    public MirrorsView(MirrorsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("page-scroll");
        setFitToWidth(true);
        Label title = new Label("Mirrors");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("Where module files come from, in the order Go tries them. Switch entries on "
                + "and off, drag them into order, and choose what happens after each. Apply changes this app's "
                + "downloads at once, those under way included; Save writes them for the go command.");
        subtitle.setWrapText(true);
        subtitle.getStyleClass().add("page-subtitle");
        Label error = new Label();
        error.setId("mirrorsError");
        error.setWrapText(true);
        error.getStyleClass().add("page-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        list.setId("mirrorList");
        list.getStyleClass().add("mirror-list-view");
        list.setItems(vm.rows());
        list.setCellFactory(l -> new MirrorCell());
        list.setFixedCellSize(CELL_HEIGHT);
        list.setFocusTraversable(false);
        list.prefHeightProperty().bind(Bindings.max(1, Bindings.size(vm.rows())).multiply(CELL_HEIGHT).add(4));
        list.minHeightProperty().bind(list.prefHeightProperty());
        list.maxHeightProperty().bind(list.prefHeightProperty());

        Label goproxy = new Label();
        goproxy.setId("mirrorsGoproxy");
        goproxy.getStyleClass().add("setting-value");
        goproxy.setWrapText(true);
        goproxy.textProperty().bind(Bindings.concat("GOPROXY=", vm.goproxyProperty()));

        VBox page = new VBox(12, title, subtitle, error, list, goproxy, addRow(), settingsTitle(), settings(), actions());
        page.getStyleClass().add("page");
        setContent(page);

        // Health comes from the sessions at work; a glance a second is plenty.
        Timeline health = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refreshHealth()));
        health.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                health.stop();
            } else {
                health.play();
            }
        });
    }

    /// For tests: answer the save preview without a dialog.
    public void confirmWith(Confirm c) {
        this.confirm = c;
    }

    private Node addRow() {
        MenuButton presets = new MenuButton("Add preset");
        presets.setId("mirrorsPresets");
        for (MirrorList.Preset p : MirrorList.PRESETS) {
            MenuItem item = new MenuItem(p.name() + "  —  " + p.text());
            item.setOnAction(e -> vm.add(p.text()));
            presets.getItems().add(item);
        }
        TextField url = new TextField();
        url.setId("mirrorsUrl");
        url.setPromptText("https://athens.corp.example (your company's mirror)");
        HBox.setHgrow(url, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("mirrorsAddProblem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Button add = new Button("Add");
        add.setId("mirrorsAdd");
        Runnable doAdd = () -> {
            String why = vm.add(url.getText());
            problem.setText(why);
            if (why.isEmpty()) {
                url.clear();
            }
        };
        add.setOnAction(e -> doAdd.run());
        url.setOnAction(e -> doAdd.run());
        url.textProperty().addListener((o, was, now) -> problem.setText(""));
        HBox row = new HBox(8, presets, url, add);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, problem);
    }

    private static Node settingsTitle() {
        Label settingsTitle = new Label("Private modules");
        settingsTitle.getStyleClass().add("section-heading");
        return settingsTitle;
    }

    private Node settings() {
        GridPane grid = new GridPane();
        grid.setId("mirrorSettings");
        grid.getStyleClass().add("settings-grid");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(110);
        ColumnConstraints value = new ColumnConstraints();
        value.setMinWidth(220);
        value.setPrefWidth(340);
        ColumnConstraints what = new ColumnConstraints();
        what.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(name, value, what);
        setting(grid, 0, "GOPRIVATE", vm.goprivateProperty(), vm.goprivateProblemProperty(), "*.corp.example",
                "Module path patterns that are private: fetched directly, never through a mirror, and never "
                        + "checked against the checksum database.");
        setting(grid, 1, "GONOPROXY", vm.gonoproxyProperty(), vm.gonoproxyProblemProperty(), "same as GOPRIVATE",
                "Patterns fetched directly, never through a mirror.");
        setting(grid, 2, "GONOSUMDB", vm.gonosumdbProperty(), vm.gonosumdbProblemProperty(), "same as GOPRIVATE",
                "Patterns not checked against the checksum database (applies to downloads started after Apply).");
        return grid;
    }

    private static void setting(GridPane grid, int row, String name, StringProperty value, ReadOnlyStringProperty problem,
            String prompt, String explanation) {
        Label label = new Label(name);
        label.getStyleClass().add("setting-name");
        TextField field = new TextField();
        field.setId("mirrors" + name);
        field.setPromptText(prompt);
        field.getStyleClass().add("setting-field");
        field.textProperty().bindBidirectional(value);
        Label problemLabel = new Label();
        problemLabel.setId("mirrors" + name + "Problem");
        problemLabel.getStyleClass().add("field-problem");
        problemLabel.setWrapText(true);
        problemLabel.textProperty().bind(problem);
        problemLabel.visibleProperty().bind(problem.isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        VBox box = new VBox(4, field, problemLabel);
        Label what = new Label(explanation);
        what.setWrapText(true);
        what.getStyleClass().add("muted");
        grid.addRow(row, label, box, what);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        GridPane.setValignment(what, javafx.geometry.VPos.TOP);
        GridPane.setMargin(label, new javafx.geometry.Insets(5, 0, 0, 0));
        GridPane.setMargin(what, new javafx.geometry.Insets(5, 0, 0, 0));
    }

    private Node actions() {
        Button apply = new Button("Apply");
        apply.setId("mirrorsApply");
        apply.getStyleClass().add("accent");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> vm.apply());
        apply.setTooltip(new Tooltip("Use these mirrors for this app's downloads now; requests already under way finish "
                + "where they are."));
        Button save = new Button("Save for the go command…");
        save.setId("mirrorsSave");
        save.disableProperty().bind(vm.savableProperty().not());
        save.setTooltip(new Tooltip("Write these settings to Go's env file, as 'go env -w' would, after showing what "
                + "changes."));
        save.setOnAction(e -> vm.prepareSave(plan -> {
            if (plan.changes().isEmpty()) {
                vm.save(plan);
            } else if (confirm.confirm(plan, MirrorsViewModel.previewText(plan))) {
                vm.save(plan);
            }
        }));
        Label pending = new Label("Edits not applied yet");
        pending.getStyleClass().addAll("badge", "badge-changed");
        pending.visibleProperty().bind(vm.dirtyProperty());
        Label demo = new Label("The demo's lab mirrors are not saved for the go command.");
        demo.getStyleClass().add("muted");
        demo.visibleProperty().bind(vm.savableProperty().not());
        demo.managedProperty().bind(demo.visibleProperty());
        Label status = new Label();
        status.setId("mirrorsStatus");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        pending.managedProperty().bind(pending.visibleProperty());
        HBox row = new HBox(10, apply, save, pending, demo, status);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("mirror-actions");
        return row;
    }

    private static boolean showPreview(MirrorsViewModel.SavePlan plan, String text) {
        ButtonType write = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, write, ButtonType.CANCEL);
        alert.setTitle("Save for the go command");
        alert.setHeaderText("Change Go's settings for every go command you run?");
        alert.getDialogPane().setMinWidth(560);
        return alert.showAndWait().filter(b -> b == write).isPresent();
    }

    /// One entry: drag handle, switch, address, kind, health, remove; its explanation; and the
    /// separator after it, with what it means.
    private final class MirrorCell extends ListCell<MirrorsViewModel.Row> {
        private final Label handle = new Label("⠿");
        private final CheckBox enabled = new CheckBox();
        private final Label position = new Label();
        private final Label url = new Label();
        private final Label kind = new Label();
        private final Label health = new Label();
        private final Button remove = new Button("✕");
        private final Label explanation = new Label();
        private final ToggleButton comma = new ToggleButton(",");
        private final ToggleButton pipe = new ToggleButton("|");
        private final Label meaning = new Label();
        private final HBox separator;
        private final VBox card;
        private boolean updating;

        MirrorCell() {
            getStyleClass().add("mirror-cell");
            handle.getStyleClass().add("drag-handle");
            handle.setTooltip(new Tooltip("Drag to reorder"));
            enabled.getStyleClass().add("mirror-switch");
            position.getStyleClass().add("mirror-position");
            position.setMinWidth(Region.USE_PREF_SIZE);
            url.getStyleClass().add("mirror-url");
            url.setMinWidth(0);
            kind.getStyleClass().addAll("badge", "badge-version");
            kind.setMinWidth(Region.USE_PREF_SIZE);
            health.getStyleClass().add("mirror-health");
            health.setMinWidth(0);
            remove.getStyleClass().add("mirror-remove");
            remove.setTooltip(new Tooltip("Remove this entry"));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox head = new HBox(8, handle, enabled, position, url, kind, spacer, health, remove);
            head.setAlignment(Pos.CENTER_LEFT);
            explanation.getStyleClass().add("mirror-explanation");
            ToggleGroup group = new ToggleGroup();
            comma.setToggleGroup(group);
            pipe.setToggleGroup(group);
            comma.getStyleClass().addAll("separator-toggle", "left-pill");
            pipe.getStyleClass().addAll("separator-toggle", "right-pill");
            comma.setTooltip(new Tooltip(",  " + MirrorsViewModel.COMMA));
            pipe.setTooltip(new Tooltip("|  " + MirrorsViewModel.PIPE));
            meaning.getStyleClass().add("mirror-separator");
            HBox pills = new HBox(comma, pipe);
            separator = new HBox(8, pills, meaning);
            separator.setAlignment(Pos.CENTER_LEFT);
            separator.managedProperty().bind(separator.visibleProperty());
            separator.getStyleClass().add("separator-row");
            card = new VBox(4, head, explanation, separator);
            card.getStyleClass().add("mirror-card");
            card.setMinHeight(CELL_HEIGHT - 10);
            card.setPrefHeight(CELL_HEIGHT - 10);
            setAlignment(Pos.TOP_LEFT);

            enabled.selectedProperty().addListener((o, was, now) -> {
                if (!updating && getItem() != null) {
                    vm.setEnabled(getItem().index(), now);
                }
            });
            group.selectedToggleProperty().addListener((o, was, now) -> {
                if (updating || getItem() == null) {
                    return;
                }
                if (now == null) {
                    was.setSelected(true); // one of the two is always chosen
                    return;
                }
                vm.setAnyError(getItem().index(), now == pipe);
            });
            remove.setOnAction(e -> {
                if (getItem() != null) {
                    vm.remove(getItem().index());
                }
            });
            setOnDragDetected(e -> {
                if (getItem() == null) {
                    return;
                }
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.putString(Integer.toString(getItem().index()));
                db.setContent(content);
                db.setDragView(snapshot(null, null));
                e.consume();
            });
            setOnDragOver(e -> {
                if (e.getGestureSource() instanceof MirrorCell && e.getDragboard().hasString()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragEntered(e -> getStyleClass().add("drop-target"));
            setOnDragExited(e -> getStyleClass().remove("drop-target"));
            setOnDragDropped(e -> {
                boolean done = false;
                if (e.getDragboard().hasString()) {
                    int from = Integer.parseInt(e.getDragboard().getString());
                    int to = getItem() == null ? vm.rows().size() - 1 : getItem().index();
                    vm.move(from, to);
                    done = true;
                }
                e.setDropCompleted(done);
                e.consume();
            });
        }

        @Override
        protected void updateItem(MirrorsViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            updating = true;
            try {
                if (empty || row == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                MirrorList.Entry e = row.entry();
                enabled.setSelected(e.enabled());
                enabled.setId("mirrorSwitch" + row.index());
                position.setText(Integer.toString(row.index() + 1));
                url.setText(e.text());
                kind.setText(row.kind());
                health.setText(row.health().isEmpty() ? (e.isDirect() || e.isOff() ? "" : "not measured yet")
                        : row.health());
                health.getStyleClass().removeAll("failing");
                if (row.failing()) {
                    health.getStyleClass().add("failing");
                }
                explanation.setText(row.explanation());
                boolean last = row.index() == vm.rows().size() - 1;
                separator.setVisible(!last);
                comma.setSelected(!e.anyError());
                pipe.setSelected(e.anyError());
                comma.setId("mirrorComma" + row.index());
                pipe.setId("mirrorPipe" + row.index());
                meaning.setText(MirrorsViewModel.separatorMeaning(e.anyError()));
                meaning.getStyleClass().removeAll("pipe", "comma");
                meaning.getStyleClass().add(e.anyError() ? "pipe" : "comma");
                card.getStyleClass().removeAll("switched-off", "unreachable");
                if (!e.enabled()) {
                    card.getStyleClass().add("switched-off");
                } else if (!row.reachable()) {
                    card.getStyleClass().add("unreachable");
                }
                setText(null);
                setGraphic(card);
            } finally {
                updating = false;
            }
        }
    }
}

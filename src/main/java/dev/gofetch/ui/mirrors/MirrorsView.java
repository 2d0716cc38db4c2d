package dev.gofetch.ui.mirrors;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/// The Mirrors panel: GOPROXY as an ordered list with what each separator means, and the settings
/// that route private paths around the mirrors and the checksum database. Read-only for now.
public final class MirrorsView extends ScrollPane {
    private final MirrorsViewModel vm;
    private final VBox list = new VBox();
    private final GridPane settings = new GridPane();

    public MirrorsView(MirrorsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("page-scroll");
        setFitToWidth(true);
        Label title = new Label("Mirrors");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("Where module files come from, in the order Go tries them. "
                + "A , lets the next entry answer only when a module is not found; a | lets it answer after any error.");
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
        list.getStyleClass().add("mirror-list");

        Label settingsTitle = new Label("Settings");
        settingsTitle.getStyleClass().add("section-heading");
        settings.setId("mirrorSettings");
        settings.getStyleClass().add("settings-grid");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(120);
        ColumnConstraints value = new ColumnConstraints();
        value.setMinWidth(200);
        value.setPrefWidth(320);
        ColumnConstraints what = new ColumnConstraints();
        what.setHgrow(Priority.ALWAYS);
        settings.getColumnConstraints().addAll(name, value, what);

        Label note = new Label("Editing mirrors here (and saving them to Go's env file) comes later; "
                + "for now set GOPROXY with `go env -w` or in the environment and reopen gofetch.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");

        VBox page = new VBox(14, title, subtitle, error, list, settingsTitle, settings, note);
        page.getStyleClass().add("page");
        setContent(page);
        vm.mirrors().addListener((ListChangeListener<MirrorsViewModel.Mirror>) c -> rebuildMirrors());
        vm.settings().addListener((ListChangeListener<MirrorsViewModel.Setting>) c -> rebuildSettings());
        rebuildMirrors();
        rebuildSettings();
    }

    private void rebuildMirrors() {
        list.getChildren().clear();
        if (vm.mirrors().isEmpty()) {
            Label loading = new Label(vm.errorProperty().get().isEmpty() ? "Reading Go's settings…" : "");
            loading.getStyleClass().add("muted");
            list.getChildren().add(loading);
            return;
        }
        for (MirrorsViewModel.Mirror m : vm.mirrors()) {
            Label pos = new Label(Integer.toString(m.position()));
            pos.getStyleClass().add("mirror-position");
            pos.setMinWidth(Region.USE_PREF_SIZE);
            Label text = new Label(m.text());
            text.getStyleClass().add("mirror-url");
            Label kind = new Label(m.kind());
            kind.getStyleClass().addAll("badge", "badge-version");
            kind.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Label health = new Label("health: not measured yet");
            health.getStyleClass().add("muted");
            HBox head = new HBox(10, pos, text, kind, spacer, health);
            head.setAlignment(Pos.CENTER_LEFT);
            Label explanation = new Label(m.explanation());
            explanation.setWrapText(true);
            explanation.getStyleClass().add("mirror-explanation");
            VBox card = new VBox(6, head, explanation);
            card.getStyleClass().add("mirror-card");
            list.getChildren().add(card);
            if (m.text().equals("noproxy")) {
                Label other = new Label("    other paths: the next entry");
                other.getStyleClass().add("mirror-separator");
                list.getChildren().add(other);
            } else if (!m.separator().isEmpty()) {
                Label sep = new Label(m.separator().equals("|")
                        ? "|   on any error, try the next"
                        : ",   only if not found (404/410), try the next");
                sep.getStyleClass().addAll("mirror-separator", m.separator().equals("|") ? "pipe" : "comma");
                list.getChildren().add(sep);
            }
        }
    }

    private void rebuildSettings() {
        settings.getChildren().clear();
        int row = 0;
        for (MirrorsViewModel.Setting s : vm.settings()) {
            Label name = new Label(s.name());
            name.getStyleClass().add("setting-name");
            Label value = new Label(s.value().isEmpty() ? "(empty)" : s.value());
            value.getStyleClass().add(s.value().isEmpty() ? "setting-empty" : "setting-value");
            value.setWrapText(true);
            HBox valueBox = new HBox(8, value);
            valueBox.setAlignment(Pos.CENTER_LEFT);
            if (s.changed()) {
                Label changed = new Label("changed");
                changed.getStyleClass().addAll("badge", "badge-changed");
                changed.setMinWidth(Region.USE_PREF_SIZE);
                valueBox.getChildren().add(changed);
            }
            Label what = new Label(s.explanation());
            what.setWrapText(true);
            what.getStyleClass().add("muted");
            settings.addRow(row++, name, valueBox, what);
        }
    }
}

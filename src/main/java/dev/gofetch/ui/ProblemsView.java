package dev.gofetch.ui;

import dev.gofetch.ui.base.Icons;
import dev.gofetch.ui.base.Problem;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.collections.ObservableList;

/// The Problems panel: failures and warnings in plain words, with what to do next. Activating one that
/// concerns a module shows that module in the graph.
final class ProblemsView extends BorderPane {
    ProblemsView(ObservableList<Problem> problems, Consumer<Problem> open) {
        getStyleClass().add("problems-view");
        ListView<Problem> list = new ListView<>(problems);
        list.setId("problemsList");
        list.setCellFactory(v -> new ProblemCell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        Label title = new Label("No problems");
        title.getStyleClass().add("placeholder-title");
        Label text = new Label("Failures and warnings from resolving and downloading show here, in plain words, with what to do next.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("placeholder-text");
        VBox placeholder = new VBox(6, title, text);
        placeholder.setAlignment(Pos.CENTER);
        list.setPlaceholder(placeholder);
        Label heading = new Label("Problems");
        heading.getStyleClass().add("panel-heading");
        Label hint = new Label("Double-click a module problem to show it in the graph");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(12, heading, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("panel-toolbar");
        setTop(bar);
        setCenter(list);
    }

    private static final class ProblemCell extends ListCell<Problem> {
        @Override
        protected void updateItem(Problem p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            var icon = Icons.PROBLEMS.node(14);
            icon.getStyleClass().add(p.severity() == Problem.Severity.ERROR ? "icon-error" : "icon-warning");
            Label title = new Label(p.title());
            title.getStyleClass().add("problem-title");
            title.setWrapText(true);
            VBox text = new VBox(3, title);
            if (!p.detail().isEmpty()) {
                Label detail = new Label(p.detail());
                detail.getStyleClass().add("problem-detail");
                detail.setWrapText(true);
                text.getChildren().add(detail);
            }
            if (!p.hint().isEmpty()) {
                Label hint = new Label(p.hint());
                hint.getStyleClass().add("problem-hint");
                hint.setWrapText(true);
                text.getChildren().add(hint);
            }
            HBox actions = new HBox(6);
            for (Problem.Remedy r : p.remedies()) {
                Button b = new Button(r.label());
                b.getStyleClass().add("remedy-button");
                b.setOnAction(e -> r.action().run());
                actions.getChildren().add(b);
            }
            if (p.severity() == Problem.Severity.ERROR) {
                Button copy = new Button("Copy the error");
                copy.getStyleClass().add("remedy-button");
                copy.setOnAction(e -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(p.title() + "\n" + p.detail());
                    Clipboard.getSystemClipboard().setContent(content);
                });
                actions.getChildren().add(copy);
            }
            if (!actions.getChildren().isEmpty()) {
                text.getChildren().add(actions);
            }
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            text.prefWidthProperty().bind(getListView().widthProperty().subtract(70));
            HBox row = new HBox(10, icon, text);
            row.setAlignment(Pos.TOP_LEFT);
            setGraphic(row);
            setText(null);
        }
    }
}

package dev.gofetch.ui.bundle;

import dev.gofetch.ui.MainWindow;
import dev.gofetch.ui.base.Icons;
import dev.gofetch.ui.bundle.BundleWizardViewModel.Fact;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/// The frame both bundle dialogs share: a heading with the steps (the current one marked), the step's
/// content, a line for errors, and Back / Next / Cancel. Enter presses Next (the default button), Esc
/// presses Cancel (the cancel button).
final class WizardFrame {
    final Stage stage = new Stage();
    final Button back = new Button("Back");
    final Button next = new Button("Next");
    final Button cancel = new Button("Cancel");
    private final StackPane content = new StackPane();
    private final HBox steps = new HBox(6);
    private final Label error = new Label();
    private final List<String> stepNames;

    WizardFrame(Window owner, String title, List<String> stepNames, ReadOnlyStringProperty errorText) {
        this.stepNames = stepNames;
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.getIcons().setAll(Icons.appIcons());
        Label heading = new Label(title);
        heading.getStyleClass().add("wizard-title");
        steps.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, heading, steps);
        top.getStyleClass().add("wizard-header");

        back.setId("wizardBack");
        next.setId("wizardNext");
        next.setDefaultButton(true);
        cancel.setId("wizardCancel");
        cancel.setCancelButton(true);
        error.setId("wizardError");
        error.getStyleClass().add("wizard-error");
        error.setWrapText(true);
        error.textProperty().bind(errorText);
        error.visibleProperty().bind(errorText.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setMaxWidth(Double.MAX_VALUE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, back, next, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox bottom = new VBox(8, error, buttons);
        bottom.getStyleClass().add("wizard-footer");

        content.getStyleClass().add("wizard-content");
        BorderPane root = new BorderPane(content, top, null, bottom, null);
        root.getStyleClass().add("wizard");
        Scene scene = new Scene(root, 1000, 640);
        scene.getStylesheets().addAll(MainWindow.class.getResource("gofetch.css").toExternalForm(),
                WizardFrame.class.getResource("bundle.css").toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
    }

    /// Shows a step's content and marks it in the heading.
    void show(int step, Node node) {
        steps.getChildren().clear();
        for (int i = 0; i < stepNames.size(); i++) {
            Label l = new Label((i + 1) + "  " + stepNames.get(i));
            l.getStyleClass().add(i == step ? "wizard-step-current" : i < step ? "wizard-step-done" : "wizard-step");
            steps.getChildren().add(l);
            if (i < stepNames.size() - 1) {
                Label arrow = new Label("›");
                arrow.getStyleClass().add("wizard-step");
                steps.getChildren().add(arrow);
            }
        }
        content.getChildren().setAll(node);
    }

    /// A progress bar and its line, for the long steps.
    static Node progress(String id, ReadOnlyStringProperty text, ReadOnlyDoubleProperty fraction, Node above) {
        ProgressBar bar = new ProgressBar();
        bar.setId(id);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(fraction);
        Label line = new Label();
        line.setId(id + "Text");
        line.textProperty().bind(text);
        line.getStyleClass().add("muted");
        VBox box = new VBox(10, above, bar, line);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("wizard-progress");
        return box;
    }

    /// The final report: a headline, good or bad, and its facts.
    static Node report(ReadOnlyBooleanProperty ok, ReadOnlyStringProperty title, ObservableList<Fact> facts) {
        Label head = new Label();
        head.setId("reportTitle");
        head.textProperty().bind(title);
        head.setWrapText(true);
        head.graphicProperty().bind(Bindings.createObjectBinding(() -> ok.get() ? checkMark()
                : Icons.PROBLEMS.node(18), ok));
        head.getStyleClass().add("report-title");
        ok.addListener((obs, was, now) -> mark(head, now));
        mark(head, ok.get());
        GridPane grid = new GridPane();
        grid.setId("reportFacts");
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, values);
        Runnable fill = () -> {
            grid.getChildren().clear();
            for (int i = 0; i < facts.size(); i++) {
                Label l = new Label(facts.get(i).label());
                l.getStyleClass().add("report-label");
                Label v = new Label(facts.get(i).value());
                v.setWrapText(true);
                v.getStyleClass().add("report-value");
                grid.addRow(i, l, v);
            }
        };
        facts.addListener((javafx.collections.ListChangeListener<Fact>) c -> fill.run());
        fill.run();
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("report-scroll");
        VBox box = new VBox(16, head, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return box;
    }

    private static Node checkMark() {
        javafx.scene.shape.SVGPath p = new javafx.scene.shape.SVGPath();
        p.setContent("M1.5 8.6l4.3 4.3L14.6 4l-1.6-1.5-7.2 7.3-2.7-2.7z");
        p.getStyleClass().add("report-check");
        return p;
    }

    private static void mark(Label head, boolean ok) {
        head.getStyleClass().removeAll("report-ok", "report-failed");
        head.getStyleClass().add(ok ? "report-ok" : "report-failed");
    }

    static <R> TableColumn<R, String> column(String name, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /// A right-aligned size column; negative sizes show as "—".
    static <R> TableColumn<R, Number> sizeColumn(String name, Function<R, Long> value) {
        TableColumn<R, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyLongWrapper(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.longValue() < 0 ? "—" : DownloadsViewModel.formatBytes(n.longValue()));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        c.setPrefWidth(90);
        return c;
    }

    /// A column of short states, each shown in the style its text maps to.
    static <R> TableColumn<R, String> stateColumn(String name, double width, Function<R, String> value,
                                                  Function<String, String> styleOf) {
        TableColumn<R, String> c = column(name, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("status-cached", "status-new", "status-conflict");
                setText(empty ? null : s);
                if (!empty && s != null) {
                    getStyleClass().add(styleOf.apply(s));
                }
            }
        });
        return c;
    }

    static <R> TableView<R> table(String id, ObservableList<R> rows, String empty) {
        TableView<R> t = new TableView<>(rows);
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add("placeholder-text");
        t.setPlaceholder(placeholder);
        return t;
    }
}

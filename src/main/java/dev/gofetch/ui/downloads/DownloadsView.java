package dev.gofetch.ui.downloads;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/// The Downloads panel: one row per module zip with its state, progress, size and mirror.
public final class DownloadsView extends BorderPane {
    public DownloadsView(DownloadsViewModel vm) {
        getStyleClass().add("downloads-view");
        TableView<DownloadsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("downloadsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DownloadsViewModel.Row, String> module = new TableColumn<>("Module");
        module.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().module().path()));
        module.setPrefWidth(320);
        TableColumn<DownloadsViewModel.Row, String> version = new TableColumn<>("Version");
        version.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().module().version()));
        version.setPrefWidth(120);
        TableColumn<DownloadsViewModel.Row, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().phase() == DownloadsViewModel.Phase.FAILED
                ? "failed: " + c.getValue().error() : c.getValue().phase().name().toLowerCase(java.util.Locale.ROOT)));
        state.setPrefWidth(140);
        TableColumn<DownloadsViewModel.Row, Double> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().fraction()));
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Double f, boolean empty) {
                super.updateItem(f, empty);
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.setProgress(f == null ? 0 : f);
                setGraphic(empty ? null : bar);
            }
        });
        progress.setPrefWidth(160);
        TableColumn<DownloadsViewModel.Row, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().total() > 0
                ? DownloadsViewModel.formatBytes(c.getValue().total()) : ""));
        size.setPrefWidth(90);
        TableColumn<DownloadsViewModel.Row, String> mirror = new TableColumn<>("Mirror");
        mirror.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mirror()));
        mirror.setPrefWidth(200);
        table.getColumns().addAll(java.util.List.of(module, version, state, progress, size, mirror));

        Label title = new Label("No downloads yet");
        title.getStyleClass().add("placeholder-title");
        Label text = new Label("Each module's zip will show here with the mirror that served it, its bytes and "
                + "speed, once the download engine is connected to the app.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("placeholder-text");
        VBox placeholder = new VBox(6, title, text);
        placeholder.setAlignment(Pos.CENTER);
        table.setPlaceholder(placeholder);

        Label summary = new Label();
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        Label heading = new Label("Downloads");
        heading.getStyleClass().add("panel-heading");
        HBox bar = new HBox(12, heading, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("panel-toolbar");
        setTop(bar);
        setCenter(table);
    }
}

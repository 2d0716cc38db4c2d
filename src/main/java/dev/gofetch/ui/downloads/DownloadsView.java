package dev.gofetch.ui.downloads;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/// The Downloads panel: one row per module zip with its state, a bar with each byte range drawn with
/// its own progress in its mirror's colour, size, speed, ETA, retries and mirror.
public final class DownloadsView extends BorderPane {
    /// Mirror colours, in order of first appearance.
    static final Color[] PALETTE = {
        Color.web("#0969da"), Color.web("#8250df"), Color.web("#1a7f37"), Color.web("#bf8700"),
        Color.web("#cf222e"), Color.web("#1b7c83"), Color.web("#9a6700"), Color.web("#6e7781"),
    };

    private final DownloadsViewModel vm;
    private final FileActions actions;
    private final TableView<DownloadsViewModel.Row> table;
    private final WaterfallView waterfall = new WaterfallView(this::colour);
    private final Label waterfallTitle = new Label("Requests");
    private dev.gofetch.module.ModuleVersion selected;
    private boolean reselecting;

    public DownloadsView(DownloadsViewModel vm) {
        this(vm, FileActions.NONE);
    }

    /// @param actions pause, resume and cancel of single files (context menu, Space, Delete)
    public DownloadsView(DownloadsViewModel vm, FileActions actions) {
        this.vm = vm;
        this.actions = actions;
        getStyleClass().add("downloads-view");
        table = new TableView<>(vm.rows());
        table.setId("downloadsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DownloadsViewModel.Row, String> module = new TableColumn<>("Module");
        module.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().module().path()));
        module.setPrefWidth(260);
        TableColumn<DownloadsViewModel.Row, String> version = new TableColumn<>("Version");
        version.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().module().version()));
        version.setPrefWidth(110);
        TableColumn<DownloadsViewModel.Row, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(stateText(c.getValue())));
        state.setPrefWidth(110);
        TableColumn<DownloadsViewModel.Row, DownloadsViewModel.Row> progress = new TableColumn<>("Progress (per range)");
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progress.setCellFactory(c -> new ChunkCell());
        progress.setPrefWidth(260);
        TableColumn<DownloadsViewModel.Row, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyStringWrapper(sizeText(c.getValue())));
        size.setPrefWidth(120);
        TableColumn<DownloadsViewModel.Row, String> speed = new TableColumn<>("Speed");
        speed.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().speed() > 0
                ? DownloadsViewModel.formatBytes((long) c.getValue().speed()) + "/s" : ""));
        speed.setPrefWidth(80);
        TableColumn<DownloadsViewModel.Row, String> eta = new TableColumn<>("ETA");
        eta.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().phase() == DownloadsViewModel.Phase.DOWNLOADING
                ? DownloadsViewModel.formatEta(c.getValue().eta()) : ""));
        eta.setPrefWidth(55);
        TableColumn<DownloadsViewModel.Row, String> retries = new TableColumn<>("Retries");
        retries.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().retries() > 0
                ? Integer.toString(c.getValue().retries()) : ""));
        retries.setPrefWidth(60);
        TableColumn<DownloadsViewModel.Row, String> mirror = new TableColumn<>("Mirror");
        mirror.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mirror()));
        mirror.setPrefWidth(180);
        table.getColumns().addAll(List.of(module, version, state, progress, size, speed, eta, retries, mirror));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(DownloadsViewModel.Row r, boolean empty) {
                super.updateItem(r, empty);
                setTooltip(r != null && !r.error().isEmpty() ? new javafx.scene.control.Tooltip(r.error()) : null);
                getStyleClass().remove("paused-row");
                if (r != null && r.phase() == DownloadsViewModel.Phase.PAUSED) {
                    getStyleClass().add("paused-row");
                }
                setContextMenu(r == null || empty ? null : fileMenu(r));
            }
        });
        table.setOnKeyPressed(e -> {
            DownloadsViewModel.Row r = table.getSelectionModel().getSelectedItem();
            if (r == null) {
                return;
            }
            if (e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                togglePause(r);
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.DELETE) {
                actions.cancel(r.module());
                e.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selected = now.module();
            }
            showSelected();
        });
        vm.rows().addListener((ListChangeListener<DownloadsViewModel.Row>) c -> showSelected());

        Label title = new Label("No downloads yet");
        title.getStyleClass().add("placeholder-title");
        Label text = new Label("Press Download (F6) to fetch every module of the build list into the module cache. "
                + "Each zip shows here with its byte ranges, the mirror that served each, speed and retries.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("placeholder-text");
        VBox placeholder = new VBox(6, title, text);
        placeholder.setAlignment(Pos.CENTER);
        table.setPlaceholder(placeholder);

        Label summary = new Label();
        summary.setId("downloadsSummary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        Label heading = new Label("Downloads");
        heading.getStyleClass().add("panel-heading");
        HBox legend = new HBox(10);
        legend.setAlignment(Pos.CENTER_RIGHT);
        vm.mirrors().addListener((ListChangeListener<String>) c -> fillLegend(legend));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, heading, summary, spacer, legend);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("panel-toolbar");
        setTop(bar);

        Label waiting = legendItem(WaterfallView.WAITING, "waiting: DNS, connect, TLS, first byte");
        Label body = legendItem(PALETTE[0], "body (mirror colour)");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        waterfallTitle.getStyleClass().add("panel-heading");
        waterfallTitle.setId("waterfallTitle");
        HBox waterfallBar = new HBox(12, waterfallTitle, gap, waiting, body);
        waterfallBar.setAlignment(Pos.CENTER_LEFT);
        waterfallBar.getStyleClass().add("panel-toolbar");
        BorderPane lower = new BorderPane(waterfall);
        lower.setTop(waterfallBar);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, lower);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        setCenter(split);
        showSelected();
    }

    private static Label legendItem(Color c, String text) {
        Label l = new Label(text, new Rectangle(10, 10, c));
        l.getStyleClass().add("muted");
        return l;
    }

    private javafx.scene.control.ContextMenu fileMenu(DownloadsViewModel.Row r) {
        boolean unfinished = r.phase() == DownloadsViewModel.Phase.QUEUED
                || r.phase() == DownloadsViewModel.Phase.DOWNLOADING || r.phase() == DownloadsViewModel.Phase.PAUSED;
        javafx.scene.control.MenuItem pause = new javafx.scene.control.MenuItem("Pause this file");
        pause.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.SPACE));
        pause.setDisable(!unfinished || r.phase() == DownloadsViewModel.Phase.PAUSED);
        pause.setOnAction(e -> actions.pause(r.module()));
        javafx.scene.control.MenuItem resume = new javafx.scene.control.MenuItem("Resume this file");
        resume.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.SPACE));
        resume.setDisable(r.phase() != DownloadsViewModel.Phase.PAUSED);
        resume.setOnAction(e -> actions.resume(r.module()));
        javafx.scene.control.MenuItem cancel = new javafx.scene.control.MenuItem("Cancel this file");
        cancel.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.DELETE));
        cancel.setDisable(!unfinished);
        cancel.setOnAction(e -> actions.cancel(r.module()));
        return new javafx.scene.control.ContextMenu(pause, resume, cancel);
    }

    private void togglePause(DownloadsViewModel.Row r) {
        if (r.phase() == DownloadsViewModel.Phase.PAUSED) {
            actions.resume(r.module());
        } else if (r.phase() == DownloadsViewModel.Phase.QUEUED || r.phase() == DownloadsViewModel.Phase.DOWNLOADING) {
            actions.pause(r.module());
        }
    }

    /// The waterfall follows the selected file across row updates (rows are replaced as they change).
    private void showSelected() {
        DownloadsViewModel.Row shown = null;
        if (selected != null) {
            for (DownloadsViewModel.Row r : vm.rows()) {
                if (r.module().equals(selected)) {
                    shown = r;
                    break;
                }
            }
        }
        waterfallTitle.setText(shown == null ? "Requests" : "Requests of " + shown.module() + " · "
                + shown.requests().size() + (shown.requests().size() == 1 ? " request" : " requests"));
        if (shown != waterfall.shown()) {
            waterfall.show(shown);
        }
        // A changed row replaces the old one in the list, which drops it from the table's selection.
        if (shown != null && table.getSelectionModel().getSelectedItem() != shown && !reselecting) {
            reselecting = true;
            try {
                table.getSelectionModel().select(shown);
            } finally {
                reselecting = false;
            }
        }
    }

    /// The waterfall of the selected file (tests).
    WaterfallView waterfall() {
        return waterfall;
    }

    private void fillLegend(HBox legend) {
        legend.getChildren().clear();
        for (int i = 0; i < vm.mirrors().size(); i++) {
            Rectangle swatch = new Rectangle(10, 10, PALETTE[i % PALETTE.length]);
            Label l = new Label(vm.mirrors().get(i), swatch);
            l.getStyleClass().add("muted");
            legend.getChildren().add(l);
        }
    }

    static String stateText(DownloadsViewModel.Row r) {
        return switch (r.phase()) {
            case FAILED -> "failed";
            case DONE -> "verified";
            default -> r.phase().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String sizeText(DownloadsViewModel.Row r) {
        if (r.total() <= 0) {
            return r.bytes() > 0 ? DownloadsViewModel.formatBytes(r.bytes()) : "";
        }
        if (r.phase() == DownloadsViewModel.Phase.DONE) {
            return DownloadsViewModel.formatBytes(r.total());
        }
        return DownloadsViewModel.formatBytes(r.bytes()) + " / " + DownloadsViewModel.formatBytes(r.total());
    }

    private Color colour(String mirror) {
        int i = vm.mirrors().indexOf(mirror);
        return i < 0 ? Color.web("#6e7781") : PALETTE[i % PALETTE.length];
    }

    /// The file as a bar: each range's extent in a light tint of its mirror's colour, the part written
    /// so far in full colour; without ranges (served whole, or from the cache) one plain bar.
    private final class ChunkCell extends TableCell<DownloadsViewModel.Row, DownloadsViewModel.Row> {
        private final Canvas canvas = new Canvas();
        private final Pane box = new Pane(canvas);

        ChunkCell() {
            box.setPrefHeight(14);
            box.setMinHeight(14);
            canvas.widthProperty().bind(box.widthProperty());
            canvas.heightProperty().bind(box.heightProperty());
            canvas.widthProperty().addListener((o, a, b) -> draw(getItem()));
        }

        @Override
        protected void updateItem(DownloadsViewModel.Row r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            setGraphic(empty || r == null ? null : box);
            draw(empty ? null : r);
        }

        private void draw(DownloadsViewModel.Row r) {
            GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            g.clearRect(0, 0, w, h);
            if (r == null || w <= 0) {
                return;
            }
            g.setFill(Color.web("#eaeef2"));
            g.fillRect(0, 2, w, h - 4);
            Color failed = Color.web("#cf222e");
            boolean paused = r.phase() == DownloadsViewModel.Phase.PAUSED;
            if (r.phase() == DownloadsViewModel.Phase.DONE && r.chunks().isEmpty()) {
                g.setFill(colour(r.mirror()).deriveColor(0, 1, 1, 0.8));
                g.fillRect(0, 2, w, h - 4);
                return;
            }
            long total = r.total();
            if (total <= 0 || r.chunks().isEmpty()) {
                double f = r.fraction();
                if (f > 0) {
                    g.setFill(r.phase() == DownloadsViewModel.Phase.FAILED ? failed : colour(r.mirror()));
                    g.fillRect(0, 2, w * f, h - 4);
                }
                return;
            }
            for (DownloadsViewModel.Chunk c : r.chunks()) {
                Color col = paused ? colour(c.mirror()).desaturate().desaturate() : colour(c.mirror());
                double x0 = w * c.start() / total;
                double end = c.end() < 0 ? total : Math.min(total, c.end());
                double x1 = w * end / total;
                g.setFill(col.deriveColor(0, 0.5, 1.2, 0.35));
                g.fillRect(x0, 2, Math.max(1, x1 - x0), h - 4);
                double done = Math.min(end, c.start() + c.bytes());
                g.setFill(r.phase() == DownloadsViewModel.Phase.FAILED ? failed : col);
                g.fillRect(x0, 2, Math.max(0, w * done / total - x0), h - 4);
                // a thin gap marks where one range ends and the next starts
                g.setFill(Color.WHITE);
                g.fillRect(x0, 2, 1, h - 4);
            }
        }
    }
}

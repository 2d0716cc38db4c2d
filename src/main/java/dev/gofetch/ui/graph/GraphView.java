package dev.gofetch.ui.graph;

import dev.gofetch.ui.base.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

/// The Graph panel: a toolbar (search, hide superseded, collapse, fit and zoom), the canvas with a
/// legend, and the details of the selected module. Only binds to and calls {@link GraphViewModel}.
public final class GraphView extends BorderPane {
    private final GraphViewModel vm;
    private final GraphCanvas canvas = new GraphCanvas();
    private final CustomTextField search;

    public GraphView(GraphViewModel vm) {
        this.vm = vm;
        getStyleClass().add("graph-view");
        search = (CustomTextField) TextFields.createClearableTextField();
        setTop(toolbar());
        SplitPane split = new SplitPane(canvasArea(), details());
        split.setDividerPositions(0.67);
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        setCenter(split);

        canvas.setId("graphCanvas");
        canvas.setSnapshot(vm.getSnapshot());
        vm.snapshotProperty().addListener((obs, was, now) -> canvas.setSnapshot(now));
        vm.selectedKeyProperty().addListener((obs, was, now) -> canvas.setSelected(now));
        vm.matchesProperty().addListener((obs, was, now) -> canvas.setMatches(now));
        vm.focusProperty().addListener((obs, was, now) -> {
            if (now != null) {
                canvas.centerOn(now.key());
            }
        });
        vm.projectProperty().addListener((obs, was, now) -> canvas.resetView());
        canvas.setOnSelect(vm::select);
        canvas.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.clearSelection();
                e.consume();
            }
        });
        canvas.setOnOpen(key -> {
            DisplayNode n = vm.getSnapshot().node(key);
            if (n != null && n.kind() == DisplayNode.Kind.GROUP) {
                vm.expand(key.substring(0, key.length() - DisplayGraph.GROUP_MARK.length()));
            }
        });
        canvas.setOnContextMenuRequested(e -> {
            DisplayNode n = canvas.nodeAtScreen(e.getX(), e.getY());
            contextMenu(n).show(canvas, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    /// Label widths for layouts, in the font the canvas draws with (call on the FX thread).
    public static TextMetrics labelMetrics() {
        return GraphCanvas.TEXT_WIDTHS;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void fit() {
        canvas.fit();
    }

    public void zoomIn() {
        canvas.zoomBy(1.25);
    }

    public void zoomOut() {
        canvas.zoomBy(0.8);
    }

    private HBox toolbar() {
        search.setId("graphSearch");
        search.setPromptText("Search modules (Ctrl+F)");
        search.setLeft(Icons.SEARCH.node(12));
        search.setPrefColumnCount(18);
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) {
                    vm.previousMatch();
                } else {
                    vm.nextMatch();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                canvas.requestFocus();
                e.consume();
            }
        });
        Label matchStatus = new Label();
        matchStatus.setId("searchStatus");
        matchStatus.getStyleClass().add("muted");
        matchStatus.textProperty().bind(vm.searchStatusProperty());
        matchStatus.setMinWidth(Region.USE_PREF_SIZE);
        Button prev = iconButton(Icons.UP, "Previous match (Shift+Enter)", vm::previousMatch);
        Button next = iconButton(Icons.DOWN, "Next match (Enter)", vm::nextMatch);
        prev.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.matchesProperty().get().isEmpty(), vm.matchesProperty()));
        next.disableProperty().bind(prev.disableProperty());

        ToggleButton hide = new ToggleButton("Hide superseded");
        hide.setId("hideSuperseded");
        hide.setTooltip(new Tooltip("Show only the versions MVS selected; requirements on older versions point at the selected one (Ctrl+H)"));
        hide.selectedProperty().bindBidirectional(vm.hideSupersededProperty());
        hide.setMinWidth(Region.USE_PREF_SIZE);

        MenuButton collapse = new MenuButton("Collapse");
        collapse.setId("collapseMenu");
        collapse.setTooltip(new Tooltip("Fold all modules under a path prefix into one box"));
        collapse.setOnShowing(e -> fillCollapseMenu(collapse));
        collapse.getItems().add(new MenuItem("…"));
        collapse.setMinWidth(Region.USE_PREF_SIZE);

        Label summary = new Label();
        summary.setId("graphSummary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button fit = iconButton(Icons.FIT, "Fit the whole graph (Ctrl+0)", canvas::fit);
        Button out = iconButton(Icons.ZOOM_OUT, "Zoom out (Ctrl+-)", this::zoomOut);
        Button in = iconButton(Icons.ZOOM_IN, "Zoom in (Ctrl+=)", this::zoomIn);
        HBox zoom = new HBox(out, fit, in);
        zoom.getStyleClass().add("segmented");

        HBox bar = new HBox(8, search, prev, next, matchStatus, gap(), hide, collapse, spacer, summary, gap(), zoom);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("panel-toolbar");
        return bar;
    }

    private static Region gap() {
        Region r = new Region();
        r.setMinWidth(8);
        return r;
    }

    private static Button iconButton(Icons icon, String tip, Runnable action) {
        Button b = new Button();
        b.setGraphic(icon.node(12));
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void fillCollapseMenu(MenuButton menu) {
        menu.getItems().clear();
        for (GraphViewModel.PrefixSuggestion s : vm.collapseSuggestions()) {
            MenuItem item = new MenuItem(s.prefix() + "…   (" + s.modules() + " modules)");
            item.setOnAction(e -> vm.collapse(s.prefix()));
            menu.getItems().add(item);
        }
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No prefix is shared by three or more modules");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        menu.getItems().add(new SeparatorMenuItem());
        for (String p : vm.collapsedProperty().get()) {
            MenuItem item = new MenuItem("Expand " + p + "…");
            item.setOnAction(e -> vm.expand(p));
            menu.getItems().add(item);
        }
        MenuItem all = new MenuItem("Expand all");
        all.setDisable(vm.collapsedProperty().get().isEmpty());
        all.setOnAction(e -> vm.expandAll());
        menu.getItems().add(all);
    }

    private ContextMenu contextMenu(DisplayNode n) {
        ContextMenu menu = new ContextMenu();
        if (n != null && n.kind() == DisplayNode.Kind.GROUP) {
            String prefix = n.key().substring(0, n.key().length() - DisplayGraph.GROUP_MARK.length());
            MenuItem expand = new MenuItem("Expand " + prefix + "…");
            expand.setOnAction(e -> vm.expand(prefix));
            menu.getItems().add(expand);
        } else if (n != null) {
            MenuItem why = new MenuItem("Show details");
            why.setOnAction(e -> vm.select(n.key()));
            MenuItem copy = new MenuItem("Copy " + n.key());
            copy.setOnAction(e -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(n.module() == null ? n.key() : n.module().path() + " " + n.module().version());
                Clipboard.getSystemClipboard().setContent(c);
            });
            menu.getItems().addAll(why, copy);
            java.util.List<String> prefixes = vm.prefixesOf(n.key());
            if (!prefixes.isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
                for (String p : prefixes) {
                    MenuItem item = new MenuItem("Collapse " + p + "…");
                    item.setOnAction(e -> vm.collapse(p));
                    menu.getItems().add(item);
                }
            }
        }
        if (!vm.collapsedProperty().get().isEmpty()) {
            MenuItem all = new MenuItem("Expand all");
            all.setOnAction(e -> vm.expandAll());
            menu.getItems().add(all);
        }
        MenuItem fit = new MenuItem("Fit graph");
        fit.setOnAction(e -> canvas.fit());
        if (!menu.getItems().isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
        }
        menu.getItems().add(fit);
        return menu;
    }

    private StackPane canvasArea() {
        Label placeholder = new Label();
        placeholder.getStyleClass().add("canvas-placeholder");
        placeholder.textProperty().bind(Bindings.createStringBinding(
                () -> !vm.runningProperty().get() ? "" : vm.summaryProperty().get().isEmpty() ? "Reading go.mod…"
                        : "Laying out the graph…", vm.runningProperty(), vm.summaryProperty()));
        placeholder.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.getSnapshot().nodes().isEmpty() && vm.runningProperty().get(),
                vm.snapshotProperty(), vm.runningProperty()));
        placeholder.setMouseTransparent(true);
        VBox legend = legend();
        StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(legend, new Insets(10));
        StackPane area = new StackPane(canvas, placeholder, legend);
        area.getStyleClass().add("canvas-area");
        return area;
    }

    /// Two rows: what the box colours mean, then the markers and edge colours.
    private static VBox legend() {
        String[][] states = {
            {"main", "Main module"}, {"resolved", "Selected"}, {"superseded", "Superseded"},
            {"pruned", "Pruned"}, {"resolving", "Resolving"}, {"queued", "Queued"}, {"failed", "Failed"},
            {"downloading", "Downloading"}, {"verified", "Verified"}, {"cancelled", "Cancelled"},
        };
        HBox first = new HBox(10);
        for (String[] item : states) {
            Rectangle swatch = new Rectangle(12, 10);
            swatch.setArcWidth(4);
            swatch.setArcHeight(4);
            swatch.getStyleClass().addAll("swatch", "swatch-" + item[0]);
            first.getChildren().add(legendItem(item[1], swatch));
        }
        Rectangle replaced = new Rectangle(8, 8);
        replaced.getStyleClass().addAll("swatch", "swatch-replaced");
        HBox second = new HBox(10, legendItem("Replaced in go.mod", replaced));
        String[][] edges = {{"out", "requires (from the selected box)"}, {"in", "required by"}};
        for (String[] edge : edges) {
            javafx.scene.shape.Line line = new javafx.scene.shape.Line(0, 0, 14, 0);
            line.getStyleClass().addAll("edge-swatch", "edge-" + edge[0]);
            second.getChildren().add(legendItem(edge[1], line));
        }
        VBox box = new VBox(4, first, second);
        box.getStyleClass().add("legend");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        box.setMouseTransparent(true);
        return box;
    }

    private static Label legendItem(String text, javafx.scene.Node graphic) {
        Label l = new Label(text, graphic);
        l.getStyleClass().add("legend-item");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private ScrollPane details() {
        DetailsPane pane = new DetailsPane(vm);
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("details-scroll");
        scroll.setMinWidth(280);
        scroll.setPrefWidth(400);
        return scroll;
    }
}

package dev.gofetch.ui.cache;

import dev.gofetch.ui.base.Icons;
import dev.gofetch.ui.downloads.DownloadsViewModel;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/// The Cache panel: where GOMODCACHE is and how big, its module versions with sizes, search, verify,
/// remove and clean (both confirmed, saying how much is freed).
public final class CacheView extends BorderPane {
    /// Asks the user; tests replace it to answer without a dialog.
    public interface Confirm {
        boolean ask(String title, String text, String action);
    }

    private final CacheViewModel vm;
    private final TableView<CacheViewModel.Row> table;
    private Confirm confirm = CacheView::dialog;

    public CacheView(CacheViewModel vm) {
        this.vm = vm;
        getStyleClass().add("cache-view");
        table = new TableView<>(vm.rows());
        table.setId("cacheTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<CacheViewModel.Row, String> module = new TableColumn<>("Module");
        module.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().module().path()));
        module.setPrefWidth(340);
        TableColumn<CacheViewModel.Row, String> version = new TableColumn<>("Version");
        version.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().module().version()));
        version.setPrefWidth(150);
        TableColumn<CacheViewModel.Row, Number> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyLongWrapper(c.getValue().bytes()));
        size.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : DownloadsViewModel.formatBytes(n.longValue()));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        size.setPrefWidth(90);
        TableColumn<CacheViewModel.Row, String> extracted = new TableColumn<>("Extracted");
        extracted.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().extracted() ? "yes" : "zip only"));
        extracted.setPrefWidth(80);
        TableColumn<CacheViewModel.Row, String> check = new TableColumn<>("Verified");
        check.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().check()));
        check.setPrefWidth(240);
        table.getColumns().addAll(List.of(module, version, size, extracted, check));
        Label empty = new Label("The module cache is empty (or not measured yet).");
        empty.getStyleClass().add("placeholder-text");
        table.setPlaceholder(empty);

        Label heading = new Label("Module cache");
        heading.getStyleClass().add("panel-heading");
        Label where = new Label();
        where.setId("cacheLocation");
        where.getStyleClass().add("setting-value");
        where.textProperty().bind(Bindings.createStringBinding(() -> vm.locationProperty().get().isEmpty()
                ? "Measuring…" : vm.locationProperty().get(), vm.locationProperty()));
        Label total = new Label();
        total.setId("cacheTotal");
        total.textProperty().bind(Bindings.createStringBinding(() -> vm.totalBytesProperty().get() < 0 ? ""
                : DownloadsViewModel.formatBytes(vm.totalBytesProperty().get()), vm.totalBytesProperty()));
        total.getStyleClass().add("cache-total");

        TextField search = new TextField();
        search.setId("cacheSearch");
        search.setPromptText("Search modules");
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setPrefColumnCount(18);
        Button refresh = button("Refresh", Icons.RESOLVE, "Measure the cache again", vm::refresh);
        Button verifySelected = button("Verify selected", null, "Check the selected versions against their "
                + ".ziphash (go mod verify)", () -> vm.verify(selected()));
        verifySelected.setId("cacheVerifySelected");
        verifySelected.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems())
                .or(vm.busyProperty()));
        Button verifyAll = button("Verify all", null, "Check every cached version (go mod verify)", () -> vm.verify(List.of()));
        verifyAll.setId("cacheVerifyAll");
        verifyAll.disableProperty().bind(vm.busyProperty());
        Button remove = button("Remove selected", null, "Delete the selected versions from the cache", this::removeSelected);
        remove.setId("cacheRemove");
        remove.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems())
                .or(vm.busyProperty()));
        Button clean = button("Clean all", null, "Delete the whole module cache (go clean -modcache)", this::cleanAll);
        clean.setId("cacheClean");
        clean.disableProperty().bind(vm.busyProperty());
        HBox title = new HBox(12, heading, where, total);
        title.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, search, spacer, refresh, verifySelected, verifyAll, remove, clean);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(8, title, actions);
        bar.getStyleClass().add("panel-toolbar");

        ListView<String> results = new ListView<>(vm.verifyResults());
        results.setId("verifyResults");
        Label noProblems = new Label("Verification results show here.");
        noProblems.getStyleClass().add("placeholder-text");
        results.setPlaceholder(noProblems);
        Label status = new Label();
        status.setId("cacheStatus");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("muted");
        VBox bottom = new VBox(4, status, results);
        bottom.getStyleClass().add("cache-results");
        VBox.setVgrow(results, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, bottom);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.78);
        setTop(bar);
        setCenter(split);
    }

    private static Button button(String text, Icons icon, String tip, Runnable action) {
        Button b = icon == null ? new Button(text) : new Button(text, icon.node(14));
        b.getStyleClass().add("tool-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /// For tests: answer confirmations without a dialog.
    public void confirmWith(Confirm c) {
        confirm = c;
    }

    private List<CacheViewModel.Row> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private void removeSelected() {
        List<CacheViewModel.Row> rows = selected();
        if (rows.isEmpty()) {
            return;
        }
        String what = rows.size() == 1 ? rows.get(0).module().toString() : rows.size() + " module versions";
        if (confirm.ask("Remove from the module cache", "Remove " + what + " from the module cache? This frees "
                + DownloadsViewModel.formatBytes(CacheViewModel.bytesOf(rows)) + ". The next build downloads "
                + (rows.size() == 1 ? "it" : "them") + " again.", "Remove")) {
            vm.remove(rows);
        }
    }

    private void cleanAll() {
        long bytes = Math.max(0, vm.totalBytesProperty().get());
        if (confirm.ask("Clean the module cache", "Delete the whole module cache at " + vm.locationProperty().get()
                + "? This frees " + DownloadsViewModel.formatBytes(bytes) + ". Every module is downloaded again "
                + "when next needed.", "Clean all")) {
            vm.cleanAll();
        }
    }

    private static boolean dialog(String title, String text, String action) {
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ok, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ok;
    }
}

package dev.gofetch.ui;

import dev.gofetch.ui.base.Icons;
import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/// What the window shows before a project is open: what gofetch does, how to open a project, and the
/// recent ones.
final class EmptyState extends VBox {
    private final MainViewModel vm;
    private final VBox recent = new VBox(2);

    EmptyState(MainViewModel vm, Runnable openFolder, Runnable openGoMod) {
        super(14);
        this.vm = vm;
        setId("emptyState");
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setFillWidth(false);

        ImageView logo = new ImageView();
        var url = EmptyState.class.getResource("/dev/gofetch/ui/icons/gofetch-128.png");
        if (url != null) {
            logo.setImage(new Image(url.toExternalForm(), 72, 72, true, true, true));
        }
        Label title = new Label("Open a Go project");
        title.getStyleClass().add("empty-title");
        Label text = new Label("gofetch reads the project's go.mod and shows its module graph as it loads: "
                + "which versions are selected, why each module is there, and what fails and why.");
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add("empty-text");

        Button folder = new Button("Open folder…", Icons.OPEN.node(14));
        folder.setId("emptyOpenFolder");
        folder.getStyleClass().add("accent");
        folder.setDefaultButton(true);
        folder.setOnAction(e -> openFolder.run());
        Button goMod = new Button("Open go.mod…");
        goMod.setOnAction(e -> openGoMod.run());
        Button demo = new Button("Try the demo", Icons.DEMO.node(14));
        demo.setId("emptyDemo");
        demo.setOnAction(e -> vm.startDemo());
        demo.disableProperty().bind(vm.demoRunningProperty());
        demo.setTooltip(new Tooltip("Generates sample modules, serves them from the built-in lab mirror on this "
                + "computer (no internet needed) and downloads them"));
        HBox buttons = new HBox(8, folder, goMod, demo);
        buttons.setAlignment(Pos.CENTER);
        Label hint = new Label("You can also drop a folder or a go.mod onto this window, or start gofetch with "
                + "gofetch gui -C DIR.  The demo needs no internet: it serves sample modules from a mirror inside "
                + "gofetch, with some latency and errors on purpose.");
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.getStyleClass().add("muted");

        Label error = new Label();
        error.setId("openError");
        error.setWrapText(true);
        error.setMaxWidth(520);
        error.getStyleClass().add("page-error");
        error.textProperty().bind(vm.openErrorProperty());
        error.visibleProperty().bind(vm.openErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label recentTitle = new Label("RECENT PROJECTS");
        recentTitle.getStyleClass().add("section-title");
        VBox recentBox = new VBox(6, recentTitle, recent);
        recentBox.getStyleClass().add("recent-box");
        recentBox.setMinWidth(520);
        recentBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.recentProjects()));
        recentBox.managedProperty().bind(recentBox.visibleProperty());
        vm.recentProjects().addListener((ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();

        getChildren().addAll(logo, title, text, buttons, hint, error, recentBox);
    }

    private void rebuildRecent() {
        recent.getChildren().clear();
        for (Path p : vm.recentProjects()) {
            Hyperlink link = new Hyperlink(p.getFileName() == null ? p.toString() : p.getFileName().toString());
            link.getStyleClass().add("recent-name");
            link.setOnAction(e -> vm.open(p));
            Label where = new Label(p.toString());
            where.getStyleClass().add("muted");
            HBox row = new HBox(8, Icons.FOLDER.node(13), link, where);
            row.setAlignment(Pos.CENTER_LEFT);
            recent.getChildren().add(row);
        }
    }
}

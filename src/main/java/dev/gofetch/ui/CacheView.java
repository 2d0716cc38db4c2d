package dev.gofetch.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/// The Cache panel. For now it says where the module cache is; browsing, sizes, verification and
/// cleaning arrive with the cache engine.
final class CacheView extends VBox {
    CacheView(MainViewModel vm) {
        super(14);
        getStyleClass().add("page");
        Label title = new Label("Module cache");
        title.getStyleClass().add("page-title");
        Label where = new Label();
        where.setId("modCache");
        where.getStyleClass().add("setting-value");
        where.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.modCacheProperty().get().isEmpty() ? "Reading Go's settings…" : vm.modCacheProperty().get(),
                vm.modCacheProperty()));
        Label text = new Label("Browsing the cache per module, its size on disk, verifying it against go.sum and "
                + "cleaning it per module or whole (the cache is read-only on disk, which defeats rm -rf) arrive "
                + "with the cache engine.");
        text.setWrapText(true);
        text.setMaxWidth(640);
        text.getStyleClass().add("muted");
        getChildren().addAll(title, new Label("GOMODCACHE"), where, text);
    }
}

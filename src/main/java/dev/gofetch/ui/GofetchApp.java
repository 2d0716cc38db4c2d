package dev.gofetch.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/// The desktop application.
public final class GofetchApp extends Application {

    /// Called reflectively by {@link dev.gofetch.Main} so the CLI never loads JavaFX.
    public static void launchApp(String[] args) {
        Application.launch(GofetchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("gofetch");
        stage.setScene(new Scene(new StackPane(new Label("gofetch")), 1100, 720));
        stage.show();
    }
}

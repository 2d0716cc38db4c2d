package dev.gofetch.ui;

import javafx.geometry.Pos;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/// Shows the view model's notices as toasts in the window's corner; clicking a failure opens Problems.
final class Notifier {
    private Notifier() {}

    static void install(MainViewModel vm, Stage stage) {
        vm.noticeProperty().addListener((obs, was, notice) -> {
            if (notice == null || !stage.isShowing()) {
                return;
            }
            Notifications n = Notifications.create()
                    .owner(stage)
                    .position(Pos.BOTTOM_RIGHT)
                    .title(notice.title())
                    .text(notice.text())
                    .hideAfter(Duration.seconds(notice.failure() ? 12 : 6));
            if (notice.failure()) {
                n.onAction(e -> vm.panelProperty().set(MainViewModel.Panel.PROBLEMS)).showError();
            } else {
                n.showInformation();
            }
        });
    }
}

package dev.gofetch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AppSettingsTest {
    private final AppSettings settings = new AppSettings(new MemoryPreferences());

    @Test
    void windowBoundsRoundTripAndAreAbsentUntilSaved() {
        assertThat(settings.windowBounds()).isEmpty();
        settings.saveWindowBounds(new AppSettings.WindowBounds(10, 20, 1000, 700, true));
        assertThat(settings.windowBounds()).contains(new AppSettings.WindowBounds(10, 20, 1000, 700, true));
    }

    @Test
    void implausiblySmallWindowsAreNotRestored() {
        settings.saveWindowBounds(new AppSettings.WindowBounds(0, 0, 50, 40, false));
        assertThat(settings.windowBounds()).isEmpty();
    }

    @Test
    void recentProjectsAreMostRecentFirstWithoutDuplicatesAndCapped() {
        for (int i = 0; i < 12; i++) {
            settings.addRecentProject(Path.of("/p" + i));
        }
        settings.addRecentProject(Path.of("/p5"));
        assertThat(settings.recentProjects()).hasSize(AppSettings.MAX_RECENT)
                .startsWith(Path.of("/p5"), Path.of("/p11"), Path.of("/p10"))
                .doesNotHaveDuplicates()
                .doesNotContain(Path.of("/p0"), Path.of("/p1"));
        assertThat(settings.removeRecentProject(Path.of("/p11"))).startsWith(Path.of("/p5"), Path.of("/p10"));
    }
}

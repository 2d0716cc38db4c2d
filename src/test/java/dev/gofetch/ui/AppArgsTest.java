package dev.gofetch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppArgsTest {
    private static final Path CWD = Path.of("/home/dev/work");

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "|NONE",
        "gui|NONE",
        "gui -C /src/app|/src/app",
        "gui -C app|/home/dev/work/app",
        "-C ../other|/home/dev/other",
        "gui -C=app|/home/dev/work/app",
        "gui --C app|/home/dev/work/app",
        "gui /src/app|/src/app",
        "app|/home/dev/work/app",
        "gui --verbose|NONE",
        "gui -C|NONE",
    })
    void theProjectComesFromDashCOrThePlainArgument(String args, String expected) {
        List<String> list = args == null || args.isBlank() ? List.of() : Arrays.asList(args.trim().split(" "));
        assertThat(AppArgs.projectDir(list, CWD)).isEqualTo(java.util.Optional.ofNullable(expected).map(Path::of));
    }
}

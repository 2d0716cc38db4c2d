package dev.gofetch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {

    private static Flags flags() {
        return new Flags("download").bool("json", "").bool("x", "").string("p", "N");
    }

    @Test
    void acceptsTheGoFlagSpellings() throws Exception {
        Flags f = flags().parse(List.of("--json", "-p", "4", "-x=false", "all", "-json"));
        assertThat(f.isSet("json")).isTrue();
        assertThat(f.isSet("x")).isFalse();
        assertThat(f.get("p", "")).isEqualTo("4");
        assertThat(f.args()).containsExactly("all", "-json");
    }

    @Test
    void doubleDashEndsFlags() throws Exception {
        assertThat(flags().parse(List.of("--", "-json")).args()).containsExactly("-json");
    }

    @Test
    void unknownFlagsAndMissingValuesAreUsageErrors() {
        assertThatThrownBy(() -> flags().parse(List.of("-nope")))
                .isInstanceOf(UsageException.class).hasMessage("flag provided but not defined: -nope");
        assertThatThrownBy(() -> flags().parse(List.of("-p")))
                .isInstanceOf(UsageException.class).hasMessage("flag needs an argument: -p");
        assertThatThrownBy(() -> flags().parse(List.of("-json=maybe")))
                .isInstanceOf(UsageException.class).hasMessageContaining("invalid boolean value");
    }
}

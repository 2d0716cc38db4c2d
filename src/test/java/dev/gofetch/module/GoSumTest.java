package dev.gofetch.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoSumTest {
    private static final String H1 = "h1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=";
    private static final String H2 = "h1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb=";

    private static GoSum parse(String text) {
        return GoSum.parse("go.sum", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String format(GoSum sum) {
        return new String(sum.format(), StandardCharsets.UTF_8);
    }

    @Test
    void readsKeysAndHashesSkippingBlankLinesAndAnyWhitespace() {
        GoSum sum = parse("\n"
                + "example.com/a v1.0.0 " + H1 + "\n"
                + "   \t\n"
                + "example.com/a\tv1.0.0/go.mod  " + H2 + "\r\n"
                + "example.com/a v1.0.0 " + H2);

        assertThat(sum.hashes(ModuleVersion.of("example.com/a", "v1.0.0"))).containsExactly(H1, H2);
        assertThat(sum.hashes(ModuleVersion.of("example.com/a", "v1.0.0/go.mod"))).containsExactly(H2);
        assertThat(sum.hashes(ModuleVersion.of("example.com/b", "v1.0.0"))).isEmpty();
        assertThat(sum.entries().keySet()).containsExactly(
                ModuleVersion.of("example.com/a", "v1.0.0"), ModuleVersion.of("example.com/a", "v1.0.0/go.mod"));
    }

    @Test
    void dropsTheLegacyEmptyGoModHash() {
        GoSum sum = parse("example.com/a v1.0.0/go.mod " + GoSum.EMPTY_GO_MOD_HASH + "\n"
                + "example.com/b v1.0.0/go.mod " + H1 + "\n");

        assertThat(sum.entries().keySet()).containsExactly(ModuleVersion.of("example.com/b", "v1.0.0/go.mod"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com/a v1.0.0                 | 2",
        "example.com/a v1.0.0 h1:x= extra     | 4",
        "example.com/a                        | 1",
    })
    void rejectsLinesWithoutExactlyThreeFields(String badLine, int fields) {
        String text = "example.com/ok v1.0.0 " + H1 + "\n\n" + badLine + "\n";

        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(GoModParseException.class, e -> assertThat(e.errors()).containsExactly(
                        "malformed go.sum:\ngo.sum:3: wrong number of fields " + fields));
    }

    @Test
    void addingIsIdempotent() {
        GoSum sum = GoSum.empty();
        ModuleVersion key = ModuleVersion.of("example.com/a", "v1.0.0");
        sum.add(key, H2);
        sum.add(key, H1);
        sum.add(key, H2);

        assertThat(sum.hashes(key)).containsExactly(H2, H1);
    }

    @Test
    void formatsKeysInModuleSortOrderWithSortedUniqueHashes() {
        List<String> ordered = List.of(
                "example.com/a v0.9.0 " + H1,
                "example.com/a v0.9.0/go.mod " + H1,
                "example.com/a v1.0.0-alpha " + H1,
                "example.com/a v1.0.0-alpha/go.mod " + H1,
                "example.com/a v1.0.0-alpha.2/go.mod " + H1,
                "example.com/a v1.0.0-beta " + H1,
                "example.com/a v1.0.0 " + H1,
                "example.com/a v1.0.0 " + H2,
                "example.com/a v1.0.0/go.mod " + H2,
                "example.com/a v1.2.0 " + H1,
                "example.com/a v1.10.0 " + H1,
                "example.com/a v2.0.0+incompatible/go.mod " + H1,
                "example.com/a/v2 v2.0.0 " + H1,
                "example.com/b v0.0.0-20190101000000-abcdefabcdef " + H1,
                "example.com/b v0.0.0-20200101000000-abcdefabcdef/go.mod " + H1,
                "golang.org/x/text v0.3.0 " + H1);
        List<String> shuffled = new ArrayList<>(ordered);
        shuffled.add("example.com/a v1.0.0 " + H2); // duplicate
        Collections.shuffle(shuffled, new Random(7));

        GoSum sum = parse(String.join("\n", shuffled) + "\n");

        assertThat(format(sum)).isEqualTo(String.join("\n", ordered) + "\n");
        assertThat(format(parse(format(sum)))).isEqualTo(format(sum));
    }

    @Test
    void anEmptySumFormatsToNothing() {
        assertThat(GoSum.empty().format()).isEmpty();
        assertThat(parse("\n\n").entries()).isEmpty();
    }
}

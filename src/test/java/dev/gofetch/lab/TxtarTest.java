package dev.gofetch.lab;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TxtarTest {

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void splitsCommentAndFilesAtMarkerLines() {
        Txtar a = Txtar.parse("""
                rsc.io/quote@v1.5.2

                -- .mod --
                module "rsc.io/quote"
                -- .info --
                {"Version":"v1.5.2"}
                -- buggy/buggy_test.go --
                package buggy
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(text(a.comment())).isEqualTo("rsc.io/quote@v1.5.2\n\n");
        assertThat(a.files()).extracting(Txtar.File::name).containsExactly(".mod", ".info", "buggy/buggy_test.go");
        assertThat(text(a.files().get(0).data())).isEqualTo("module \"rsc.io/quote\"\n");
        assertThat(text(a.files().get(2).data())).isEqualTo("package buggy\n");
    }

    @Test
    void lastFileGetsAFinalNewlineAndEmptyFilesStayEmpty() {
        Txtar a = Txtar.parse("-- empty --\n-- last --\nno newline".getBytes(StandardCharsets.UTF_8));

        assertThat(text(a.comment())).isEmpty();
        assertThat(a.files().get(0).data()).isEmpty();
        assertThat(text(a.files().get(1).data())).isEqualTo("no newline\n");
    }

    @Test
    void linesThatOnlyLookLikeMarkersAreContent() {
        Txtar a = Txtar.parse("""
                -- f --
                 -- indented --
                -- no end marker
                --  --
                -- /abs/name --
                x
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(a.files()).extracting(Txtar.File::name).containsExactly("f", "/abs/name");
        assertThat(text(a.files().get(0).data())).isEqualTo(" -- indented --\n-- no end marker\n--  --\n");
    }

    @Test
    void markerNamesAreTrimmed() {
        Txtar a = Txtar.parse("--   spaced.go   --\nx\n".getBytes(StandardCharsets.UTF_8));

        assertThat(a.files()).extracting(Txtar.File::name).containsExactly("spaced.go");
    }
}

package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorListTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "https://proxy.golang.org,direct; https://proxy.golang.org,direct",
        "a.example|b.example,off; a.example|b.example,off",
        " a.example , ,b.example| ; a.example,b.example",
        "direct,https://never.example; direct,https://never.example",
    })
    void parsingAndRenderingKeepsEveryEntryAndSeparator(String goproxy, String rendered) {
        assertThat(MirrorList.parse(goproxy).goproxy()).isEqualTo(rendered);
    }

    @Test
    void aSwitchedOffEntryIsLeftOutAndThePreviousSeparatorJoinsItsNeighbours() {
        MirrorList list = MirrorList.parse("https://a.example|https://b.example,https://c.example,direct");

        assertThat(list.withEnabled(1, false).goproxy()).isEqualTo("https://a.example|https://c.example,direct");
        assertThat(list.withEnabled(0, false).goproxy()).isEqualTo("https://b.example,https://c.example,direct");
        assertThat(list.withEnabled(0, false).withEnabled(0, true)).isEqualTo(list);
    }

    @Test
    void reorderingAndSeparatorsChangeWhatGoTries() throws ProxyConfigException {
        MirrorList list = MirrorList.parse("https://a.example,https://b.example");

        MirrorList swapped = list.moved(1, 0).withAnyError(0, true);

        assertThat(swapped.goproxy()).isEqualTo("https://b.example|https://a.example");
        ProxyList parsed = swapped.toProxyList("");
        assertThat(parsed.entries()).extracting(ProxyList.Entry::text)
                .containsExactly("https://b.example", "https://a.example");
        assertThat(parsed.entries().get(0).fallBackOnError()).isTrue();
    }

    @Test
    void addedMirrorsGoBeforeDirectOrOffWhichEndTheList() throws ProxyConfigException {
        MirrorList list = MirrorList.parse("https://proxy.golang.org,direct");

        assertThat(list.added(" https://athens.corp.example ").goproxy())
                .isEqualTo("https://proxy.golang.org,https://athens.corp.example|direct");
        assertThat(list.added("off").goproxy()).isEqualTo("https://proxy.golang.org,direct,off");
        assertThat(list.added("off").reachable(2)).isFalse();
        assertThat(list.reachable(1)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "ftp://mirror.example; invalid proxy URL scheme (must be https, http, file): ftp://mirror.example",
        "file://host/x; invalid file:// proxy URL with non-path elements: file://host/x",
        "a.example|b.example; one entry at a time: a.example|b.example holds a , or |",
        "'  '; type a mirror URL, such as https://athens.corp.example",
        "justaword; invalid proxy URL missing scheme: justaword",
    })
    void entriesGoWouldRefuseAreRefusedWithItsMessage(String text, String message) {
        assertThatThrownBy(() -> MirrorList.parse("").added(text)).isInstanceOf(ProxyConfigException.class)
                .hasMessage(message);
    }

    @Test
    void nothingSwitchedOnIsNotAList() {
        MirrorList none = MirrorList.parse("https://a.example").withEnabled(0, false);
        assertThat(none.goproxy()).isEmpty();
        assertThatThrownBy(() -> none.toProxyList("")).hasMessageContaining("no entry is switched on");
    }

    /// Vectors checked against Go's path.Match (a nil error or ErrBadPattern).
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "*.corp.example true", "github.com/acme true", "[a-c]x true", "[^a] true", "[] false", "[]a] false",
        "[-a] false", "[a-] false", "[a false", "x\\ false", "a\\*b true", "[\\]] true", "[a-c-e] false",
        "[é]x true", "[^] false", "a[ false", "[!a] true",
    })
    void patternSyntaxIsGos(String pattern, boolean ok) {
        assertThat(MirrorList.wellFormedGlob(pattern)).isEqualTo(ok);
    }

    @Test
    void patternMistakesThatMatchNothingAreNamed() {
        assertThat(MirrorList.checkPatterns("*.corp.example,github.com/acme/*,")).isEmpty();
        assertThat(MirrorList.checkPatterns("*.corp.example, github.com/acme,https://git.corp.example,[x"))
                .containsExactly(
                        "\" github.com/acme\" has spaces around it; Go does not trim them, so it matches nothing",
                        "\"https://git.corp.example\" is a URL; patterns are module path prefixes such as "
                                + "*.corp.example or github.com/acme",
                        "\"[x\" is not a valid pattern (an unclosed [ or a dangling \\); Go ignores it");
    }
}

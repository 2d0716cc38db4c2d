package dev.gofetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyListTest {

    @Test
    void separatorAfterAnEntryDecidesItsFallback() throws Exception {
        ProxyList list = ProxyList.parse("https://a.example|https://b.example,https://c.example", "");
        assertThat(list.entries()).extracting(ProxyList.Entry::text, ProxyList.Entry::fallBackOnError)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("https://a.example", true),
                        org.assertj.core.groups.Tuple.tuple("https://b.example", false),
                        org.assertj.core.groups.Tuple.tuple("https://c.example", false));
    }

    @Test
    void bareHostsGetHttpsAndDirectEndsTheList() throws Exception {
        ProxyList list = ProxyList.parse(" proxy.example.com , direct, https://ignored.example", "");
        assertThat(list.entries()).hasSize(2);
        assertThat(list.entries().get(0)).isInstanceOf(ProxyList.ProxyUrl.class);
        assertThat(((ProxyList.ProxyUrl) list.entries().get(0)).base().toString())
                .isEqualTo("https://proxy.example.com");
        assertThat(list.entries().get(1)).isInstanceOf(ProxyList.Direct.class);
    }

    @Test
    void offEndsTheList() throws Exception {
        ProxyList list = ProxyList.parse("off,https://x.example", "");
        assertThat(list.entries()).singleElement().isInstanceOf(ProxyList.Off.class);
    }

    @Test
    void gonoproxyAddsAnImplicitFirstEntryUnlessGoproxyIsExactlyDirect() throws Exception {
        assertThat(ProxyList.parse("https://p.example", "corp.example").entries().get(0))
                .isInstanceOf(ProxyList.NoProxy.class);
        assertThat(ProxyList.parse("direct", "corp.example").entries())
                .singleElement().isInstanceOf(ProxyList.Direct.class);
    }

    @Test
    void fileUrlsAndAbsolutePathsAreAccepted() throws Exception {
        List<ProxyList.Entry> e = ProxyList.parse("file:///srv/goproxy", "").entries();
        assertThat(((ProxyList.ProxyUrl) e.get(0)).base().getPath()).isEqualTo("/srv/goproxy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "','; GOPROXY list is not the empty string, but contains no entries",
            "' | '; GOPROXY list is not the empty string, but contains no entries",
            "/srv/goproxy; invalid proxy URL missing scheme: /srv/goproxy",
            "ftp://mirror.example/go; invalid proxy URL scheme (must be https, http, file): ftp://mirror.example/go",
            "file://host/srv; invalid file:// proxy URL with non-path elements: file://host/srv",
            "localproxy; invalid proxy URL missing scheme: localproxy",
    })
    void malformedListsGetTheGoCommandsMessage(String goproxy, String message) {
        assertThatThrownBy(() -> ProxyList.parse(goproxy, "")).isInstanceOf(ProxyConfigException.class)
                .hasMessage(message);
    }

    @Test
    void formatWritesTheSeparatorsBack() throws Exception {
        assertThat(ProxyList.parse("https://a.example|https://b.example,direct", "x.example").format())
                .isEqualTo("https://a.example|https://b.example,direct");
    }
}

package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/// go-import tags are read with Go's lenient XML tokenizer; vectors follow the behaviour of
/// cmd/go/internal/vcs/discovery.go and encoding/xml (non-strict RawToken).
class GoImportMetaTest {
    private static List<GoImportMeta> parse(String html, boolean preferMod) throws Exception {
        return GoImportMeta.parse(html.getBytes(StandardCharsets.UTF_8), preferMod);
    }

    private static GoImportMeta tag(String prefix, String vcs, String root, String subdir) {
        return new GoImportMeta(prefix, vcs, root, subdir);
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("<meta name=\"go-import\" content=\"a.example/b git https://src.example/b\">", false,
                        List.of(tag("a.example/b", "git", "https://src.example/b", ""))),
                // HTML style: unquoted values and upper-case names
                Arguments.of("<!DOCTYPE html><HTML><Head><META NAME=go-import CONTENT=\"a.example/b hg https://h/b\">", false,
                        List.of(tag("a.example/b", "hg", "https://h/b", ""))),
                // the name attribute's value is compared exactly
                Arguments.of("<meta name=\"Go-Import\" content=\"a.example/b git https://x\">", false, List.of()),
                // three or four fields only; the fourth is a subdirectory
                Arguments.of("<meta name=go-import content=\"a.example/b git\"><meta name=go-import content=\"a.example/c git https://x sub/dir\">"
                        + "<meta name=go-import content=\"a b c d e\">", false,
                        List.of(tag("a.example/c", "git", "https://x", "sub/dir"))),
                // entities in attribute values; unknown entities stay as written
                Arguments.of("<meta name=\"go-import\" content=\"a.example/b git https://x/?a=1&amp;b=2&nbsp;\">", false,
                        List.of(tag("a.example/b", "git", "https://x/?a=1&b=2&nbsp;", ""))),
                // reading stops at </head> and at <body>
                Arguments.of("<head></head><meta name=go-import content=\"a.example/b git https://x\">", false, List.of()),
                Arguments.of("<head/><meta name=go-import content=\"a.example/b git https://x\">", false, List.of()),
                Arguments.of("<body><meta name=go-import content=\"a.example/b git https://x\">", false, List.of()),
                // comments, CDATA and directives are skipped, even with markup inside
                Arguments.of("<!-- <meta name=go-import content=\"c.example git https://c\"> --><!DOCTYPE x [<!ENTITY y \">\">]>"
                        + "<![CDATA[<body>]]><meta name=go-import content=\"a.example/b git https://x\">", false,
                        List.of(tag("a.example/b", "git", "https://x", ""))),
                // with preferMod, mod tags come first and hide other tags for their prefix
                Arguments.of("<meta name=go-import content=\"a.example git https://g\">"
                        + "<meta name=go-import content=\"a.example/m mod https://p\">"
                        + "<meta name=go-import content=\"a.example/m git https://g2\">", true,
                        List.of(tag("a.example/m", "mod", "https://p", ""), tag("a.example", "git", "https://g", ""))),
                Arguments.of("<meta name=go-import content=\"a.example/m mod https://p\">"
                        + "<meta name=go-import content=\"a.example/m git https://g2\">", false,
                        List.of(tag("a.example/m", "git", "https://g2", ""))),
                // an error after the first tag ends reading quietly
                Arguments.of("<meta name=go-import content=\"a.example/b git https://x\"><a <", false,
                        List.of(tag("a.example/b", "git", "https://x", ""))),
                // character references: bad ones stay as written, surrogates become U+FFFD
                Arguments.of("<meta name=go-import content=\"a.example git https://x/&#65&#x42;&#;&#xZ;&lt&#xD800;&#x110000;\">",
                        false, List.of(tag("a.example", "git", "https://x/&#65B&#;&#xZ;&lt\uFFFD&#x110000;", ""))),
                // namespace prefixes are dropped from element and attribute names; a bare attribute is its own value
                Arguments.of("<x:meta x:name=\"go-import\" go-import content=\"a.example git https://x\">", false,
                        List.of(tag("a.example", "git", "https://x", ""))));
    }

    @ParameterizedTest
    @MethodSource("pages")
    void readsTheTagsTheGoCommandReads(String html, boolean preferMod, List<GoImportMeta> expected) throws Exception {
        assertThat(parse(html, preferMod)).isEqualTo(expected);
    }

    @Test
    void asciiDeclaredPagesAreReadAsUtf8() throws Exception {
        assertThat(parse("<?xml version=\"1.0\" encoding=\"ascii\"?><meta name=go-import content=\"a.example git https://x\">",
                false)).containsExactly(tag("a.example", "git", "https://x", ""));
    }

    static Stream<Arguments> brokenPages() {
        return Stream.of(
                Arguments.of("<?xml version=\"1.0\" encoding=\"latin1\"?>", "xml: opening charset \"latin1\": can't decode XML document using charset \"latin1\""),
                Arguments.of("<?xml version=\"1.1\"?>", "xml: unsupported version \"1.1\"; only version 1.0 is supported"),
                Arguments.of("<html>\n<script>if (a < b) x()</script>", "XML syntax error on line 2: expected element name after <"),
                Arguments.of("<a href=\"x<y\">", "XML syntax error on line 1: unescaped < inside quoted string"),
                Arguments.of("<!-- a -- b -->", "XML syntax error on line 1: invalid sequence \"--\" not allowed in comments"),
                Arguments.of("<!-x>", "XML syntax error on line 1: invalid sequence <!- not part of <!--"),
                Arguments.of("<![CDAT[x]]>", "XML syntax error on line 1: invalid <![ sequence"),
                Arguments.of("<![CDATA[x", "XML syntax error on line 1: unexpected EOF in CDATA section"),
                Arguments.of("a ]]> b", "XML syntax error on line 1: unescaped ]]> not in CDATA section"),
                Arguments.of("<meta name=go-import\n\ncontent=\"x", "XML syntax error on line 3: unexpected EOF"),
                Arguments.of("</ >", "XML syntax error on line 1: expected element name after </"),
                Arguments.of("</head x>", "XML syntax error on line 1: invalid characters between </head and >"),
                Arguments.of("<a/ >", "XML syntax error on line 1: expected /> in element"),
                Arguments.of("<a =1>", "XML syntax error on line 1: expected attribute name in element"),
                Arguments.of("<1a>", "XML syntax error on line 1: invalid XML name: 1a"),
                Arguments.of("<a b=\"&#1;\">", "XML syntax error on line 1: illegal character code U+0001"),
                Arguments.of("<x:meta a:b:c=1>", "XML syntax error on line 1: expected attribute name in element"),
                Arguments.of("<a b=&#x41;>", "XML syntax error on line 1: expected attribute name in element"),
                Arguments.of("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>",
                        "xml: opening charset \"US-ASCII\": can't decode XML document using charset \"US-ASCII\""));
    }

    @ParameterizedTest
    @MethodSource("brokenPages")
    void reportsTokenizerErrorsWhenNoTagWasFound(String html, String message) {
        assertThatThrownBy(() -> parse(html, true)).hasMessage(message);
    }

    @Test
    void rejectsInvalidUtf8InText() {
        byte[] page = "<title>caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> GoImportMeta.parse(page, true)).hasMessage("XML syntax error on line 1: invalid UTF-8");
    }

    @Test
    void splitsContentOnUnicodeSpaceLikeStringsFields() {
        assertThat(GoImportMeta.fields(" a\u00a0b\tc\u2003 d ")).containsExactly("a", "b", "c", "d");
    }
}

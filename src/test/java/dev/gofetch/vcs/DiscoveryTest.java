package dev.gofetch.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.proxy.FetchException;
import dev.gofetch.proxy.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// Repository lookup logic with pages and pings supplied by the test (vectors after the behaviour of
/// cmd/go/internal/vcs). The same lookups over real sockets, and against the go command itself, are in
/// DiscoveryDifferentialTest.
class DiscoveryTest {
    private final Map<String, Transport.Page> pages = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> pinged = new ArrayList<>();
    private String answeringScheme = "";

    private Discovery discovery(String goprivate, String goinsecure, String govcs) {
        Discovery.PageSource source = (uri, insecure) -> {
            asked.add(uri + (insecure ? " (insecure)" : ""));
            Transport.Page page = pages.get(uri.toString());
            if (page == null) {
                throw new FetchException("Get \"" + uri + "\": dial tcp: lookup " + uri.getHost() + ": no such host",
                        false, 0);
            }
            return page;
        };
        Discovery.Pinger pinger = (vcs, scheme, repo) -> {
            pinged.add(vcs + " " + scheme + "://" + repo);
            return scheme.equals(answeringScheme);
        };
        return new Discovery(source, pinger, goprivate, goinsecure, govcs, "");
    }

    private Discovery discovery() {
        return discovery("", "", "");
    }

    private void page(String url, int status, String html) {
        FetchException error = status == 200 ? null
                : new FetchException("reading " + url + ": " + status + " Not Found", true, status);
        pages.put(url, new Transport.Page(status, html.getBytes(StandardCharsets.UTF_8), error));
    }

    private static String meta(String content) {
        return "<meta name=\"go-import\" content=\"" + content + "\">\n";
    }

    @ParameterizedTest
    @CsvSource({
        "github.com/golang/groupcache, github.com/golang/groupcache, git, https://github.com/golang/groupcache",
        "github.com/golang/groupcache/lru/x, github.com/golang/groupcache, git, https://github.com/golang/groupcache",
        "bitbucket.org/workspace/pkgname, bitbucket.org/workspace/pkgname, git, https://bitbucket.org/workspace/pkgname",
        "hub.jazz.net/git/user1/pkgname/sub/sub, hub.jazz.net/git/user1/pkgname, git, https://hub.jazz.net/git/user1/pkgname",
        "hub.jazz.net/git/user/pkg.name, hub.jazz.net/git/user/pkg.name, git, https://hub.jazz.net/git/user/pkg.name",
        // the optional .git is matched by the name itself, so it stays part of the root
        "git.openstack.org/openstack/swift.git, git.openstack.org/openstack/swift.git, git, https://git.openstack.org/openstack/swift.git",
        "git.openstack.org/openstack/swift/go/hummingbird, git.openstack.org/openstack/swift, git, https://git.openstack.org/openstack/swift",
        "git.apache.org/package-name_2.x.git/path/to/lib, git.apache.org/package-name_2.x.git, git, https://git.apache.org/package-name_2.x.git",
    })
    void knownHostsNeedNoNetwork(String path, String root, String vcs, String url) throws Exception {
        assertThat(discovery().lookup(path)).isEqualTo(new RepoRoot(root, vcs, url));
        assertThat(asked).isEmpty();
        assertThat(pinged).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "github.com/foo | invalid github.com import path \"github.com/foo\"",
        "github.com/user/unicode/испытание | invalid github.com import path \"github.com/user/unicode/испытание\"",
        "github.com/foo/bar.git | invalid version control suffix in github.com/ path",
        "bitbucket.org/foo/bar.hg/x | invalid version control suffix in bitbucket.org/ path",
        "hub.jazz.net/git/user1 | invalid hub.jazz.net/git import path \"hub.jazz.net/git/user1\"",
        "hub.jazz.net/git/User 1/pkgname | invalid hub.jazz.net/git import path \"hub.jazz.net/git/User 1/pkgname\"",
        "hub.jazz.net/git/user.1/pkgname | invalid hub.jazz.net/git import path \"hub.jazz.net/git/user.1/pkgname\"",
        "git.apache.org/package-name/path/to/lib | invalid git.apache.org import path \"git.apache.org/package-name/path/to/lib\"",
        "chiselapp.com/user/kyle/fossilgg | invalid chiselapp.com import path \"chiselapp.com/user/kyle/fossilgg\"",
        // chiselapp is fossil, which GOVCS allows only for private paths by default
        "chiselapp.com/user/kyle/repository/fossilgg | GOVCS disallows using fossil for public chiselapp.com/user/kyle/repository/fossilgg; see 'go help vcs'",
        "example.net/x | no modules on example.net",
        "rsc.io | rsc.io is not a module",
        "https://example.com/x | \"https://\" not allowed in import path",
        "http:/example.com/x | \"http://\" not allowed in import path",
    })
    void knownShapesFailWithTheGoCommandsWords(String path, String message) {
        assertThatThrownBy(() -> discovery().lookup(path)).hasMessage(message);
        assertThat(asked).isEmpty();
    }

    @Test
    void aVcsQualifiedPathUsesTheFirstSecureSchemeThatAnswers() throws Exception {
        answeringScheme = "ssh";
        assertThat(discovery().lookup("git.corp.example:2222/~team/repo.git/sub/pkg"))
                .isEqualTo(new RepoRoot("git.corp.example:2222/~team/repo.git", "git", "ssh://git.corp.example:2222/~team/repo"));
        assertThat(pinged).containsExactly("git https://git.corp.example:2222/~team/repo",
                "git git+ssh://git.corp.example:2222/~team/repo", "git ssh://git.corp.example:2222/~team/repo");
    }

    @Test
    void goinsecureAddsThePlainSchemesInTheGoCommandsOrder() throws Exception {
        answeringScheme = "http";
        assertThat(discovery("", "git.corp.example", "").lookup("git.corp.example/repo.git"))
                .isEqualTo(new RepoRoot("git.corp.example/repo.git", "git", "http://git.corp.example/repo"));
        assertThat(pinged).containsExactly("git git://git.corp.example/repo", "git https://git.corp.example/repo",
                "git http://git.corp.example/repo");
    }

    @Test
    void noAnsweringSchemeIsAnError() {
        assertThatThrownBy(() -> discovery().lookup("git.corp.example/repo.git"))
                .hasMessage("no secure protocol found for repository");
        assertThatThrownBy(() -> discovery("", "*.example", "").lookup("git.corp.example/repo.hg"))
                .hasMessage("no protocol found for repository");
    }

    @Test
    void fossilIsNotPingedButMustBeAllowedByGovcs() throws Exception {
        assertThat(discovery("corp.example", "", "").lookup("corp.example/r.fossil/x"))
                .isEqualTo(new RepoRoot("corp.example/r.fossil", "fossil", "https://corp.example/r"));
        assertThat(pinged).isEmpty();
        assertThatThrownBy(() -> discovery("", "", "").lookup("corp.example/r.svn"))
                .hasMessage("GOVCS disallows using svn for public corp.example/r.svn; see 'go help vcs'");
        assertThatThrownBy(() -> discovery("corp.example", "", "private:git").lookup("corp.example/r.svn"))
                .hasMessage("GOVCS disallows using svn for private corp.example/r.svn; see 'go help vcs'");
    }

    @Test
    void goGetDiscoveryReadsTheMetaTag() throws Exception {
        page("https://go.corp.example/lib/sub?go-get=1", 200, "<html><head>" + meta("go.corp.example/lib git https://git.corp.example/lib.git"));
        page("https://go.corp.example/lib?go-get=1", 200, meta("go.corp.example/lib git https://git.corp.example/lib.git"));
        assertThat(discovery().lookup("go.corp.example/lib/sub"))
                .isEqualTo(new RepoRoot("go.corp.example/lib", "git", "https://git.corp.example/lib.git"));
        // the prefix's own page confirmed the tag
        assertThat(asked).containsExactly("https://go.corp.example/lib/sub?go-get=1", "https://go.corp.example/lib?go-get=1");
    }

    @Test
    void aModTagNamesAGoproxyServer() throws Exception {
        page("https://go.corp.example/m?go-get=1", 200,
                meta("go.corp.example/m git https://git.corp.example/m") + meta("go.corp.example/m mod https://mods.corp.example/"));
        assertThat(discovery("", "", "*:none").lookup("go.corp.example/m"))
                .isEqualTo(new RepoRoot("go.corp.example/m", "mod", "https://mods.corp.example/"));
    }

    @Test
    void aTagInA404PageCounts() throws Exception {
        page("https://go.corp.example/x?go-get=1", 404, meta("go.corp.example/x hg https://hg.corp.example/x"));
        assertThat(discovery().lookup("go.corp.example/x")).isEqualTo(new RepoRoot("go.corp.example/x", "hg",
                "https://hg.corp.example/x"));
    }

    @Test
    void plainHttpIsTriedOnlyForGoinsecurePaths() throws Exception {
        page("http://go.corp.example/x?go-get=1", 200, meta("go.corp.example/x git https://git.corp.example/x"));
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/x")).hasMessage("unrecognized import path "
                + "\"go.corp.example/x\": https fetch: Get \"https://go.corp.example/x?go-get=1\": dial tcp: lookup "
                + "go.corp.example: no such host");
        assertThat(asked).containsExactly("https://go.corp.example/x?go-get=1");
        asked.clear();
        assertThat(discovery("", "go.corp.example", "").lookup("go.corp.example/x"))
                .isEqualTo(new RepoRoot("go.corp.example/x", "git", "https://git.corp.example/x"));
        assertThat(asked).containsExactly("https://go.corp.example/x?go-get=1 (insecure)",
                "http://go.corp.example/x?go-get=1 (insecure)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // page; message after `unrecognized import path "go.corp.example/a/b": `
        "<html>; parse https://go.corp.example/a/b?go-get=1: no go-import meta tags ()",
        "<meta name=go-import content='other.example/a git https://x'><meta name=go-import content='go.corp.example/a/bc git https://x'>"
                + "; parse https://go.corp.example/a/b?go-get=1: no go-import meta tags (meta tag other.example/a did not match import"
                + " path go.corp.example/a/b, meta tag go.corp.example/a/bc did not match import path go.corp.example/a/b)",
        "<meta name=go-import content='go.corp.example/a/b git https://x'><meta name=go-import content='go.corp.example/a/b hg https://y'>"
                + "; parse //go.corp.example/a/b?go-get=1: multiple meta tags match import path \"go.corp.example/a/b\"",
        "<meta name=go-import content='go.corp.example/a/b git git.corp.example/b'>"
                + "; https://go.corp.example/a/b?go-get=1: invalid repo root \"git.corp.example/b\": no scheme",
        "<meta name=go-import content='go.corp.example/a/b git file:///srv/b'>"
                + "; https://go.corp.example/a/b?go-get=1: invalid repo root \"file:///srv/b\": file scheme disallowed",
        "<meta name=go-import content='go.corp.example/a/b git :x'>"
                + "; https://go.corp.example/a/b?go-get=1: invalid repo root \":x\": parse \":x\": missing protocol scheme",
        "<meta name=go-import content='go.corp.example/a/b git https://x -sub'>"
                + "; https://go.corp.example/a/b?go-get=1: invalid subdirectory \"-sub\": leading hyphen",
        "<meta name=go-import content='go.corp.example/a/b cvs https://x'>"
                + "; https://go.corp.example/a/b?go-get=1: unknown vcs \"cvs\"",
        "<?xml version='1.0' encoding='latin1'?>"
                + "; parsing go.corp.example/a/b: xml: opening charset \"latin1\": can't decode XML document using charset \"latin1\"",
    })
    void badPagesAreReportedAsTheGoCommandReportsThem(String html, String message) {
        page("https://go.corp.example/a/b?go-get=1", 200, html);
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/a/b"))
                .hasMessage("unrecognized import path \"go.corp.example/a/b\": " + message);
    }

    @Test
    void anErrorStatusWithoutTagsIsReportedAsSuch() {
        page("https://go.corp.example/a?go-get=1", 404, "<html><body>no</body>");
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/a")).hasMessage(
                "unrecognized import path \"go.corp.example/a\": reading https://go.corp.example/a?go-get=1: 404 Not Found");
    }

    @Test
    void aTagForAPrefixMustBeConfirmedByThePrefixsPage() {
        page("https://go.corp.example/a/b?go-get=1", 200, meta("go.corp.example/a git https://evil.example/a"));
        page("https://go.corp.example/a?go-get=1", 200, meta("go.corp.example/a git https://good.example/a"));
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/a/b")).hasMessage("unrecognized import path "
                + "\"go.corp.example/a/b\": https://go.corp.example/a/b?go-get=1 and //go.corp.example/a?go-get=1 disagree "
                + "about go-import for go.corp.example/a");

        pages.remove("https://go.corp.example/a?go-get=1");
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/a/b")).hasMessage("unrecognized import path "
                + "\"go.corp.example/a/b\": fetching go.corp.example/a: Get \"https://go.corp.example/a?go-get=1\": dial tcp:"
                + " lookup go.corp.example: no such host");

        page("https://go.corp.example/a?go-get=1", 200, "<p>");
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/a/b")).hasMessage("unrecognized import path "
                + "\"go.corp.example/a/b\": fetching go.corp.example/a: no go-import meta tag found in "
                + "https://go.corp.example/a?go-get=1");
    }

    @Test
    void aHostWithoutADotCannotBeDiscovered() {
        assertThatThrownBy(() -> discovery().lookup("corp/x"))
                .hasMessage("unrecognized import path \"corp/x\": import path does not begin with hostname");
    }

    @Test
    void govcsAppliesToTheDiscoveredRoot() {
        page("https://go.corp.example/s?go-get=1", 200, meta("go.corp.example/s svn https://svn.corp.example/s"));
        assertThatThrownBy(() -> discovery().lookup("go.corp.example/s"))
                .hasMessage("unrecognized import path \"go.corp.example/s\": GOVCS disallows using svn for public "
                        + "go.corp.example/s; see 'go help vcs'");
    }

    @Test
    void launchpadIsTriedAfterDiscoveryFails() throws Exception {
        page("https://code.launchpad.net/proj/series/.bzr/branch-format", 200, "x");
        RepoRoot rr = discovery("launchpad.net", "", "").lookup("launchpad.net/proj/series/pkg");
        assertThat(rr).isEqualTo(new RepoRoot("launchpad.net/proj/series", "bzr", "https://launchpad.net/proj/series"));
        pages.clear();
        assertThat(discovery("launchpad.net", "", "").lookup("launchpad.net/proj/dir/pkg"))
                .isEqualTo(new RepoRoot("launchpad.net/proj", "bzr", "https://launchpad.net/proj"));
    }

    @Test
    void matchGoImportPrefersModTagsAndRejectsNestedRepositories() throws Exception {
        GoImportMeta mod = new GoImportMeta("myitcv.io/blah2", "mod", "https://p", "");
        GoImportMeta git = new GoImportMeta("myitcv.io", "git", "https://g", "");
        assertThat(Discovery.matchGoImport(List.of(mod, git), "myitcv.io/blah2/foo")).isEqualTo(mod);
        assertThat(Discovery.matchGoImport(List.of(mod, git), "myitcv.io/other")).isEqualTo(git);
        GoImportMeta outer = new GoImportMeta("example.com/user/foo", "git", "https://x", "");
        GoImportMeta inner = new GoImportMeta("example.com/user/foo/bar", "git", "https://x", "");
        assertThatThrownBy(() -> Discovery.matchGoImport(List.of(outer, inner), "example.com/user/foo/bar/baz"))
                .hasMessage("multiple meta tags match import path \"example.com/user/foo/bar/baz\"");
        assertThat(Discovery.matchGoImport(List.of(outer, new GoImportMeta("example.com/user/fooa", "git", "https://x", "")),
                "example.com/user/foo")).isEqualTo(outer);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'' ; no scheme", "http:// ; ''", "git+ssh:// ; ''", "http#:// ; no scheme", "-config ; no scheme",
        "-config:// ; no scheme", "FILE:///x ; file scheme disallowed",
    })
    void repositoryRootsNeedAScheme(String root, String problem) {
        assertThat(Discovery.repoRootProblem(root)).isEqualTo(problem);
    }
}

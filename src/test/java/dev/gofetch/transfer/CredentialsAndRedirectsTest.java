package dev.gofetch.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Credentials go only to the host they belong to, never across a redirect to another host, and
/// never into traces; redirects are followed by hand with the go command's limits.
class CredentialsAndRedirectsTest {
    @TempDir
    Path dir;
    TestServer origin;
    TestServer storage;
    byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        origin = new TestServer();
        storage = new TestServer();
        content = TestServer.randomBytes(300 * 1024, 21);
        storage.file("/blob/m.zip", content);
        // "localhost" and "127.0.0.1" are different hosts to an HTTP client
        origin.redirect("/m.zip", "http://localhost:" + storage.port() + "/blob/m.zip?sig=s3cr3t-signature");
        origin.file("/direct.zip", content);
    }

    @AfterEach
    void tearDown() throws Exception {
        origin.close();
        storage.close();
    }

    @Test
    void hookHeadersReachOnlyTheirHostAndNeverTheTrace() throws Exception {
        Credentials netrc = url -> url.getHost().equals("127.0.0.1")
                ? Map.of("Authorization", "Basic b3JpZ2luOnNlY3JldA==") : Map.of();
        StringWriter trace = new StringWriter();
        Path dest = dir.resolve("m.zip");
        try (JsonTraceWriter tw = new JsonTraceWriter(trace);
             Downloader d = Downloader.builder().options(Fixtures.fast()).credentials(netrc).listener(tw).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(origin.url("/m.zip"), false)));
        }

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(origin.log()).allSatisfy(e -> assertThat(e.header("authorization")).isEqualTo("Basic b3JpZ2luOnNlY3JldA=="));
        assertThat(storage.log()).isNotEmpty().allSatisfy(e -> assertThat(e.header("authorization")).isNull());
        assertThat(trace.toString()).doesNotContain("b3JpZ2luOnNlY3JldA").doesNotContain("s3cr3t");
    }

    @Test
    void userInfoInTheUrlIsBasicAuthForThatHostOnly() throws Exception {
        StringWriter trace = new StringWriter();
        Path dest = dir.resolve("m.zip");
        URI withUser = URI.create("http://alice:pa55word@127.0.0.1:" + origin.port() + "/m.zip");
        try (JsonTraceWriter tw = new JsonTraceWriter(trace);
             Downloader d = Downloader.builder().options(Fixtures.fast()).listener(tw).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(withUser, false)));
        }

        assertThat(origin.log().get(0).header("authorization")).isEqualTo("Basic YWxpY2U6cGE1NXdvcmQ=");
        assertThat(storage.log()).allSatisfy(e -> assertThat(e.header("authorization")).isNull());
        assertThat(trace.toString()).doesNotContain("pa55word").doesNotContain("YWxpY2U6cGE1NXdvcmQ");
    }

    @Test
    void rangesGoStraightToTheRedirectTarget() throws Exception {
        content = TestServer.randomBytes(512 * 1024, 22);
        storage.file("/blob/m.zip", content);
        storage.bytesPerSecondPerConnection = 2 * 1024 * 1024;
        Path dest = dir.resolve("m.zip");
        try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
            d.download(DownloadRequest.of(dest, new Candidate(origin.url("/m.zip"), false)));
        }

        assertThat(Files.readAllBytes(dest)).isEqualTo(content);
        assertThat(origin.log()).hasSize(1);
        assertThat(storage.log().size()).isGreaterThan(1);
        assertThat(storage.log()).allSatisfy(e -> assertThat(e.path).isEqualTo("/blob/m.zip?sig=s3cr3t-signature"));
    }

    @Test
    void redirectLoopStopsAfterTenRedirects() {
        origin.redirect("/loop.zip", "/loop.zip");

        assertThatThrownBy(() -> {
            try (Downloader d = Downloader.builder().options(Fixtures.fast()).build()) {
                d.download(DownloadRequest.of(dir.resolve("loop.zip"), new Candidate(origin.url("/loop.zip"), false)));
            }
        }).isInstanceOf(DownloadException.class)
                .hasMessage("Get \"" + origin.url("/loop.zip") + "\": stopped after 10 redirects");
        assertThat(origin.log()).hasSize(11);
    }
}

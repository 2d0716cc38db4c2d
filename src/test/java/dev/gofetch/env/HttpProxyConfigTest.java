package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gofetch.testing.GoTool;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpProxyConfigTest {
    private static final Map<String, String> NO_PROXY_MIX = Map.of(
            "HTTPS_PROXY", "http://user:p%40ss:w@proxy.example:3128",
            "http_proxy", "proxy.example:8080",
            "NO_PROXY", " example.com, .internal.test,*.wild.test, host.test:8443 ,10.1.2.3, 192.168.0.0/16,"
                    + "[2001:db8::1]:443, 2001:db9::/32, 10.9.9.9:81, ,");

    private static final List<String> URLS = List.of(
            "https://example.com/x", "https://sub.example.com/", "https://EXAMPLE.com/", "https://notexample.com/",
            "https://internal.test/", "https://a.internal.test/", "https://wild.test/", "https://x.wild.test/",
            "https://host.test:8443/", "https://host.test/", "http://host.test:8443/", "https://10.1.2.3/",
            "https://10.1.2.4/", "http://192.168.5.5/", "https://192.169.0.1/", "https://[2001:db8::1]/",
            "https://[2001:db8::1]:8443/", "https://[2001:db9::7]/", "https://[2001:dba::7]/",
            "http://10.9.9.9:81/", "http://10.9.9.9/", "https://localhost:1234/", "https://LOCALHOST/",
            "http://127.0.0.2:9/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "ftp://example.org/",
            "http://mirror.test:8080/proxy/", "https://proxy.golang.org/", "https://[fe80::1%25eth0]/");

    private static Path probe;

    /// A go program printing how net/http.ProxyFromEnvironment routes each URL argument.
    @BeforeAll
    static void buildProbe(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("probe.go"), """
                package main

                import (
                	"fmt"
                	"net/http"
                	"net/url"
                	"os"
                )

                func main() {
                	for _, a := range os.Args[1:] {
                		u, err := url.Parse(a)
                		if err != nil {
                			fmt.Println("bad url")
                			continue
                		}
                		p, err := http.ProxyFromEnvironment(&http.Request{URL: u})
                		switch {
                		case err != nil:
                			fmt.Println("error", err)
                		case p == nil:
                			fmt.Println("direct")
                		default:
                			port := p.Port()
                			if port == "" {
                				port = map[string]string{"http": "80", "https": "443", "socks5": "1080"}[p.Scheme]
                			}
                			pw, _ := p.User.Password()
                			fmt.Println("proxy", p.Scheme, p.Hostname(), port, p.User.Username(), pw)
                		}
                	}
                }
                """);
        Map<String, String> env = GoTool.pinnedEnv(dir, "off");
        GoTool.run(dir, env, "build", "-o", "probe", "probe.go").requireSuccess();
        probe = dir.resolve("probe");
    }

    private static List<String> goRoutes(Map<String, String> proxyEnv, List<String> urls) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(probe.toString());
        cmd.addAll(urls);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(proxyEnv);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.lines().toList();
    }

    private static List<String> ourRoutes(Map<String, String> proxyEnv, List<String> urls) {
        HttpProxyConfig config = HttpProxyConfig.fromEnvironment(proxyEnv);
        List<String> out = new ArrayList<>();
        for (String u : urls) {
            HttpProxyConfig.Route r = config.route(URI.create(u));
            if (r instanceof HttpProxyConfig.Route.Direct) {
                out.add("direct");
            } else if (r instanceof HttpProxyConfig.Route.Refused refused) {
                out.add("error " + refused.message());
            } else {
                HttpProxyConfig.Route.ViaProxy via = (HttpProxyConfig.Route.ViaProxy) r;
                String userPw = via.authorization()
                        .map(a -> new String(Base64.getDecoder().decode(a.substring("Basic ".length())),
                                StandardCharsets.UTF_8).replaceFirst(":", " "))
                        .orElse(" ");
                out.add("proxy http " + via.host() + " " + via.port() + " " + userPw);
            }
        }
        return out;
    }

    @Test
    void routesEveryUrlLikeTheGoCommand() throws Exception {
        assertThat(ourRoutes(NO_PROXY_MIX, URLS)).isEqualTo(goRoutes(NO_PROXY_MIX, URLS));
        // and the table is not trivially all-direct or all-proxied
        assertThat(goRoutes(NO_PROXY_MIX, URLS)).contains("direct").anyMatch(s -> s.startsWith("proxy"));
    }

    @Test
    void upperCaseWinsLowerCaseFillsInStarDisablesAndCgiRefusesHttpProxyLikeTheGoCommand() throws Exception {
        List<Map<String, String>> envs = List.of(
                Map.of("HTTPS_PROXY", "upper.example:1", "https_proxy", "lower.example:2",
                        "no_proxy", "example.com", "NO_PROXY", ""),
                Map.of("https_proxy", "https://secure.example", "HTTP_PROXY", "http://plain.example",
                        "no_proxy", "*"),
                Map.of("HTTPS_PROXY", "secure.example:3", "HTTP_PROXY", "plain.example:4", "REQUEST_METHOD", "GET"),
                Map.of("HTTPS_PROXY", "http://[::1]:3128", "HTTP_PROXY", "%zz:1", "NO_PROXY", "*.example.com:443"),
                Map.of("HTTPS_PROXY", "http://u@proxy.example", "NO_PROXY", "example.com:"));
        List<String> urls = List.of("https://example.com/", "http://example.com/", "https://a.example.com/",
                "https://a.example.com:8443/", "http://other.example/");
        for (Map<String, String> env : envs) {
            assertThat(ourRoutes(env, urls)).as(env.toString()).isEqualTo(goRoutes(env, urls));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "socks5://127.0.0.9:1080, proxyconnect: gofetch cannot use socks5 proxy socks5://127.0.0.9:1080; only http:// proxies are supported",
        "https://user:secret@proxy.example, proxyconnect: gofetch cannot use https proxy https://proxy.example:443; only http:// proxies are supported",
    })
    void proxiesTheJdkCannotSpeakRefuseTheRequestInsteadOfGoingDirect(String proxy, String message) {
        HttpProxyConfig config = HttpProxyConfig.fromEnvironment(Map.of("HTTPS_PROXY", proxy));
        URI url = URI.create("https://example.com/");
        assertThat(config.route(url)).isEqualTo(new HttpProxyConfig.Route.Refused(message));
        assertThat(message).doesNotContain("secret");
        assertThatThrownBy(() -> config.selector().select(url)).hasMessage(message);
    }

    @Test
    void selectorNamesTheProxyForProxiedRequestsAndNoProxyForTheRest() {
        HttpProxyConfig config = HttpProxyConfig.of("", "http://proxy.example:3128", "example.com");
        assertThat(config.selector().select(URI.create("https://golang.org/x"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo(Proxy.Type.HTTP);
                    assertThat(p.address().toString()).startsWith("proxy.example").endsWith(":3128");
                });
        assertThat(config.selector().select(URI.create("https://example.com/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(config.selector().select(URI.create("http://golang.org/x"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void credentialsNeverShowInTheRoutesText() {
        HttpProxyConfig config = HttpProxyConfig.of("", "http://me:hunter2@proxy.example:3128", "");
        HttpProxyConfig.Route r = config.route(URI.create("https://golang.org/"));
        assertThat(r.toString()).doesNotContain("hunter2").doesNotContain("me:");
        assertThat(config.hasProxyCredentials()).isTrue();
        assertThat(config.proxyAuthorization(URI.create("https://golang.org/")))
                .contains("Basic " + Base64.getEncoder().encodeToString("me:hunter2".getBytes(StandardCharsets.UTF_8)));
        assertThat(config.proxyAuthorization(URI.create("https://localhost/"))).isEmpty();
    }

    @Test
    void readsTheProcessEnvironmentGoEnvWasLoadedFrom(@TempDir Path home) {
        Map<String, String> process = new HashMap<>();
        process.put("HOME", home.toString());
        process.put("GOENV", "off");
        process.put("https_proxy", "proxy.example:3128");
        GoEnv env = GoEnv.load(process);
        assertThat(HttpProxyConfig.fromEnv(env).route(URI.create("https://golang.org/")))
                .isEqualTo(new HttpProxyConfig.Route.ViaProxy("proxy.example", 3128, java.util.Optional.empty()));
        assertThat(HttpProxyConfig.none().isEmpty()).isTrue();
    }
}

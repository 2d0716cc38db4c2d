package dev.gofetch.ui.mirrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.testing.GoTool;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorsViewModelTest {
    @Test
    void eachEntrySaysWhenTheNextOneIsTried() throws Exception {
        var rows = MirrorsViewModel.mirrorsOf(ProxyList.parse("https://a.example,b.example|direct", "*.corp.example"));
        assertThat(rows).extracting(MirrorsViewModel.Mirror::text)
                .containsExactly("noproxy", "https://a.example", "https://b.example", "direct");
        assertThat(rows).extracting(MirrorsViewModel.Mirror::separator).containsExactly("", ",", "|", "");
        assertThat(rows).extracting(MirrorsViewModel.Mirror::kind)
                .containsExactly("private paths", "mirror", "mirror", "direct");
        assertThat(rows.get(0).explanation()).contains("GONOPROXY");
        assertThat(rows.get(1).explanation()).contains("only “not found” (404 or 410)");
        assertThat(rows.get(2).explanation()).contains("any error");
        assertThat(rows.get(3).explanation()).contains("Last entry");
    }

    @Test
    void offEndsTheListAndAFileTreeIsALocalMirror() throws Exception {
        var rows = MirrorsViewModel.mirrorsOf(ProxyList.parse("file:///srv/goproxy,off", ""));
        assertThat(rows).extracting(MirrorsViewModel.Mirror::kind).containsExactly("local mirror", "off");
        assertThat(rows.get(1).explanation()).startsWith("No downloads");
    }

    @Test
    void showsTheEffectiveSettingsAndWhichWereChanged(@TempDir Path tmp) {
        Map<String, String> env = new java.util.HashMap<>(GoTool.pinnedEnv(tmp, "https://mirror.example"));
        env.put("GOPRIVATE", "*.corp.example");
        env.remove("GONOPROXY");
        env.remove("GONOSUMDB");
        MirrorsViewModel vm = new MirrorsViewModel();
        vm.show(GoEnv.load(env));
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.mirrors()).extracting(MirrorsViewModel.Mirror::text).containsExactly("noproxy", "https://mirror.example");
        Map<String, MirrorsViewModel.Setting> byName = new java.util.HashMap<>();
        vm.settings().forEach(s -> byName.put(s.name(), s));
        assertThat(byName.get("GOPRIVATE").value()).isEqualTo("*.corp.example");
        assertThat(byName.get("GONOPROXY").value()).as("defaults to GOPRIVATE").isEqualTo("*.corp.example");
        assertThat(byName.get("GOPROXY").changed()).isTrue();
        assertThat(byName.get("GOINSECURE").changed()).isFalse();
        assertThat(byName.get("GOMODCACHE").value()).isEqualTo(tmp.resolve("modcache").toString());
    }

    @Test
    void aMalformedGoproxyIsReportedInGoWords(@TempDir Path tmp) {
        MirrorsViewModel vm = new MirrorsViewModel();
        vm.show(GoEnv.load(GoTool.pinnedEnv(tmp, "ftp://mirror.example")));
        assertThat(vm.mirrors()).isEmpty();
        assertThat(vm.errorProperty().get())
                .isEqualTo("GOPROXY cannot be used: invalid proxy URL scheme (must be https, http, file): ftp://mirror.example");
    }
}

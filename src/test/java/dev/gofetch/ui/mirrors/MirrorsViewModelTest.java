package dev.gofetch.ui.mirrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.engine.Session;
import dev.gofetch.env.GoEnv;
import dev.gofetch.proxy.ProxyList;
import dev.gofetch.testing.GoTool;
import dev.gofetch.transfer.MirrorHealth;
import dev.gofetch.ui.base.Engine;
import dev.gofetch.ui.base.SwitchableEngine;
import dev.gofetch.ui.base.UiBridge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorsViewModelTest {
    @TempDir
    Path tmp;

    private Map<String, String> env(String goproxy) {
        return new HashMap<>(GoTool.pinnedEnv(tmp, goproxy));
    }

    private static MirrorsViewModel viewModel(SwitchableEngine engine) {
        return new MirrorsViewModel(engine, UiBridge.direct(), Runnable::run);
    }

    private MirrorsViewModel shown(Map<String, String> env) {
        MirrorsViewModel vm = viewModel(new SwitchableEngine(Engine.of(env)));
        vm.show(GoEnv.load(env));
        return vm;
    }

    @Test
    void eachEntrySaysWhatItIsAndWhetherGoReachesIt() {
        MirrorsViewModel vm = shown(env("https://a.example,b.example|direct,https://never.example"));

        assertThat(vm.rows()).extracting(r -> r.entry().text())
                .containsExactly("https://a.example", "b.example", "direct", "https://never.example");
        assertThat(vm.rows()).extracting(MirrorsViewModel.Row::kind).containsExactly("mirror", "mirror", "direct", "mirror");
        assertThat(vm.rows()).extracting(r -> r.entry().anyError()).containsExactly(false, true, false, false);
        assertThat(vm.rows()).extracting(MirrorsViewModel.Row::reachable).containsExactly(true, true, true, false);
        assertThat(vm.rows().get(3).explanation()).startsWith("Never tried");
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void switchingReorderingAndSeparatorsRewriteGoproxy() {
        MirrorsViewModel vm = shown(env("https://a.example,https://b.example,direct"));

        vm.setEnabled(0, false);
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://b.example,direct");
        assertThat(vm.rows().get(0).explanation()).startsWith("Switched off");
        assertThat(vm.dirtyProperty().get()).isTrue();

        vm.setEnabled(0, true);
        vm.move(1, 0);
        vm.setAnyError(0, true);
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://b.example|https://a.example,direct");

        assertThat(vm.add("https://athens.corp.example")).isEmpty();
        assertThat(vm.goproxyProperty().get())
                .isEqualTo("https://b.example|https://a.example,https://athens.corp.example|direct");
        assertThat(vm.add("ftp://x.example")).isEqualTo("invalid proxy URL scheme (must be https, http, file): ftp://x.example");

        vm.remove(3);
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://b.example|https://a.example,https://athens.corp.example");
        assertThat(vm.rows().get(2).explanation()).contains("Last entry");
    }

    @Test
    void switchingEverythingOffIsAnErrorNotAnEmptyGoproxy() {
        MirrorsViewModel vm = shown(env("https://a.example"));
        vm.setEnabled(0, false);
        assertThat(vm.errorProperty().get()).startsWith("GOPROXY cannot be used: no entry is switched on");
        vm.apply();
        assertThat(vm.statusProperty().get()).startsWith("Not applied");
    }

    @Test
    void privatePatternsShowAsSetWithTheirMistakes() {
        Map<String, String> env = env("https://a.example");
        env.put("GOPRIVATE", "*.corp.example");
        env.remove("GONOPROXY");
        env.put("GONOSUMDB", "sum.corp.example");
        MirrorsViewModel vm = shown(env);

        assertThat(vm.goprivateProperty().get()).isEqualTo("*.corp.example");
        assertThat(vm.gonoproxyProperty().get()).as("unset: follows GOPRIVATE").isEmpty();
        assertThat(vm.gonosumdbProperty().get()).isEqualTo("sum.corp.example");

        vm.goprivateProperty().set("*.corp.example, github.com/acme");
        assertThat(vm.goprivateProblemProperty().get()).contains("\" github.com/acme\" has spaces around it");
        vm.gonoproxyProperty().set("https://git.corp.example");
        assertThat(vm.gonoproxyProblemProperty().get()).contains("is a URL");
        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void applyReroutesOpenSessionsAndLaterOnes() throws Exception {
        Map<String, String> env = env("https://a.example,https://b.example");
        SwitchableEngine engine = new SwitchableEngine(Engine.of(env));
        MirrorsViewModel vm = viewModel(engine);
        vm.show(engine.loadEnv());
        try (Session running = engine.openSession(engine.loadEnv())) {
            vm.setEnabled(0, false);
            vm.gonoproxyProperty().set("*.corp.example");
            vm.apply();

            assertThat(vm.statusProperty().get()).isEqualTo("Applied to this app's downloads: GOPROXY=https://b.example");
            assertThat(vm.dirtyProperty().get()).isFalse();
            assertThat(running.proxy().list().entries()).extracting(ProxyList.Entry::text)
                    .containsExactly("noproxy", "https://b.example");
            assertThat(running.proxy().isPrivate("git.corp.example/x")).isTrue();
            try (Session later = engine.openSession(engine.loadEnv())) {
                assertThat(later.proxy().list().format()).isEqualTo("https://b.example");
            }
        }
    }

    @Test
    void savingWritesOnlyWhatChangedAndRemovesDefaults() throws Exception {
        Path file = tmp.resolve("config/go/env");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# mine\nGOPROXY=https://old.example\nGOPRIVATE=*.old.example\n");
        Map<String, String> env = env("https://a.example");
        env.put("GOENV", file.toString());
        env.remove("GOPROXY"); // from the file
        env.remove("GOPRIVATE");
        env.remove("GONOPROXY");
        env.remove("GONOSUMDB");
        SwitchableEngine engine = new SwitchableEngine(Engine.of(env));
        MirrorsViewModel vm = viewModel(engine);
        vm.show(engine.loadEnv());
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://old.example");

        vm.add("https://proxy.golang.org");
        vm.remove(0);
        vm.setAnyError(0, false);
        vm.add("direct");
        assertThat(vm.goproxyProperty().get()).isEqualTo("https://proxy.golang.org,direct");
        vm.goprivateProperty().set("");
        vm.gonosumdbProperty().set("sum.corp.example");

        MirrorsViewModel.SavePlan plan = vm.planSave(engine.loadPlainEnv(), vm.variables());

        assertThat(plan.file()).isEqualTo(file);
        assertThat(plan.changes()).containsExactly(
                new MirrorsViewModel.Change("GOPROXY", "https://old.example", null, ""),
                new MirrorsViewModel.Change("GOPRIVATE", "*.old.example", null, ""),
                new MirrorsViewModel.Change("GONOSUMDB", null, "sum.corp.example", ""));
        assertThat(MirrorsViewModel.previewText(plan)).contains(file.toString())
                .contains("GOPROXY: https://old.example  →  (removed: Go's default)")
                .contains("GONOSUMDB: (not set)  →  sum.corp.example");

        vm.save(plan);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("# mine\nGONOSUMDB=sum.corp.example\n");
        assertThat(vm.statusProperty().get()).isEqualTo("Saved to " + file + " (3 variables)");
    }

    @Test
    void aSaveThatTheProcessEnvironmentOverridesSaysSo() {
        Map<String, String> env = env("https://from-the-environment.example");
        env.put("GOENV", tmp.resolve("env").toString());
        MirrorsViewModel vm = shown(env);
        vm.add("https://another.example");

        MirrorsViewModel.SavePlan plan = vm.planSave(GoEnv.load(env), vm.variables());

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.after()).isEqualTo("https://from-the-environment.example,https://another.example");
            assertThat(c.warning()).isEqualTo("The environment of this process sets "
                    + "GOPROXY=https://from-the-environment.example; that value wins over the file for the go "
                    + "command started the same way.");
        });
        assertThat(MirrorsViewModel.previewText(plan)).contains("⚠ The environment of this process sets GOPROXY=");
    }

    @Test
    void theDemoIsNotSaved() {
        MirrorsViewModel vm = shown(env("https://a.example"));
        vm.savable(false);
        vm.prepareSave(plan -> { throw new AssertionError("no plan expected"); });
        assertThat(vm.statusProperty().get()).isEqualTo("The demo's settings are not saved for the go command.");
    }

    @Test
    void healthReadsAsLatencyThroughputAndErrors() {
        MirrorHealth.Stats s = new MirrorHealth.Stats("http://127.0.0.1:80", 12, 2, 1, 5 << 20, 41.6, 2_500_000,
                "503 Service Unavailable", 1, 1);
        assertThat(MirrorsViewModel.describe(s)).isEqualTo("12 requests · 42 ms to first byte · "
                + dev.gofetch.ui.downloads.DownloadsViewModel.formatBytes(2_500_000) + "/s · 2 errors (last: 503 Service Unavailable)");
        MirrorHealth.Stats healthy = new MirrorHealth.Stats("http://127.0.0.1:80", 1, 0, 0, 0, 0, 0, "", 0, 1);
        assertThat(MirrorsViewModel.describe(healthy)).isEqualTo("1 request · 0 errors");
    }

    @Test
    void aMalformedGoproxyIsReportedInGoWords() {
        MirrorsViewModel vm = shown(env("ftp://mirror.example"));
        assertThat(vm.errorProperty().get())
                .isEqualTo("GOPROXY cannot be used: invalid proxy URL scheme (must be https, http, file): ftp://mirror.example");
        assertThat(vm.rows()).hasSize(1);
        assertThat(List.of(vm.rows().get(0).entry().text())).containsExactly("ftp://mirror.example");
    }
}

package dev.gofetch.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// GoEnv without any real Go: fake GOROOTs and env files in a temp directory.
class GoEnvTest {
    @TempDir
    Path tmp;

    Map<String, String> env;
    Path home;

    @BeforeEach
    void freshUser() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", "");
    }

    /// A directory that looks like a Go installation: bin/go and pkg/tool.
    private Path fakeGoroot(String name, String goEnv) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(root.resolve("pkg/tool"));
        Path go = Files.createDirectories(root.resolve("bin")).resolve("go");
        Files.writeString(go, "#!/bin/sh\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (goEnv != null) {
            Files.writeString(root.resolve("go.env"), goEnv);
        }
        return root;
    }

    private Path userEnvFile(String content) throws IOException {
        Path file = Files.createDirectories(home.resolve(".config/go")).resolve("env");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void withoutGoInstalledTheBuiltInDefaultsApply() {
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPROXY")).isEqualTo("https://proxy.golang.org,direct");
        assertThat(goEnv.get("GOSUMDB")).isEqualTo("sum.golang.org");
        assertThat(goEnv.get("GOTOOLCHAIN")).isEqualTo("auto");
        assertThat(goEnv.get("GOAUTH")).isEqualTo("netrc");
        assertThat(goEnv.get("GOROOT")).isEmpty();
        assertThat(goEnv.goroot()).isEmpty();
        assertThat(goEnv.gorootEnvFile()).isEmpty();
        assertThat(goEnv.get("GOPATH")).isEqualTo(home + "/go");
        assertThat(goEnv.get("GOMODCACHE")).isEqualTo(home + "/go/pkg/mod");
        assertThat(goEnv.get("GOENV")).isEqualTo(home + "/.config/go/env");
        assertThat(GoEnv.KNOWN).allSatisfy(name -> assertThat(goEnv.changed(name)).as(name).isFalse());
    }

    @Test
    void environmentBeatsUserFileBeatsGoEnvBeatsDefaults() throws IOException {
        Path goroot = fakeGoroot("goroot", "GOPROXY=goenv\nGOSUMDB=goenv\nGOTOOLCHAIN=goenv\nGOVCS=goenv\n");
        env.put("GOROOT", goroot.toString());
        userEnvFile("GOPROXY=file\nGOSUMDB=file\nGOTOOLCHAIN=file\n");
        env.put("GOPROXY", "env");
        env.put("GOSUMDB", "");  // set but empty counts as unset
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPROXY")).isEqualTo("env");
        assertThat(goEnv.get("GOSUMDB")).isEqualTo("file");
        assertThat(goEnv.get("GOVCS")).isEqualTo("goenv");
        assertThat(goEnv.get("GOAUTH")).isEqualTo("netrc");
        assertThat(goEnv.gorootEnvFile()).contains(goroot.resolve("go.env"));
    }

    @Test
    void anEmptyUserFileEntryHidesTheGoEnvValue() throws IOException {
        env.put("GOROOT", fakeGoroot("goroot", "GOPROXY=goenv\n").toString());
        userEnvFile("GOPROXY=\n");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPROXY")).isEmpty();
        assertThat(goEnv.changed("GOPROXY")).isFalse();
    }

    @Test
    void aGoEnvFileReplacesAllBuiltInDefaults() throws IOException {
        env.put("GOROOT", fakeGoroot("goroot", "# only a comment\nGOPROXY=off\n").toString());
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPROXY")).isEqualTo("off");
        assertThat(goEnv.get("GOSUMDB")).isEmpty();
        assertThat(goEnv.get("GOTOOLCHAIN")).isEmpty();
    }

    @Test
    void goenvOffIgnoresTheUserFile() throws IOException {
        userEnvFile("GOPROXY=file\n");
        env.put("GOENV", "off");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPROXY")).isEqualTo("https://proxy.golang.org,direct");
        assertThat(goEnv.get("GOENV")).isEmpty();
        assertThat(goEnv.envFile()).isEmpty();
        assertThat(goEnv.changed("GOENV")).isFalse();
    }

    @Test
    void goenvNamesTheUserFile() throws IOException {
        Path file = tmp.resolve("my env");
        Files.writeString(file, "GOPRIVATE=corp.example.com\n");
        env.put("GOENV", file.toString());
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOENV")).isEqualTo(file.toString());
        assertThat(goEnv.changed("GOENV")).isTrue();
        assertThat(goEnv.get("GOPRIVATE")).isEqualTo("corp.example.com");
    }

    @Test
    void userFileLocationFollowsXdgConfigHome() {
        env.put("XDG_CONFIG_HOME", "/xdg/");
        assertThat(GoEnv.load(env).get("GOENV")).isEqualTo("/xdg/go/env");
        env.put("XDG_CONFIG_HOME", "relative");
        assertThat(GoEnv.load(env).get("GOENV")).isEmpty();
        env.remove("XDG_CONFIG_HOME");
        env.put("HOME", "/");
        assertThat(GoEnv.load(env).get("GOENV")).isEqualTo("/.config/go/env");
        env.remove("HOME");
        assertThat(GoEnv.load(env).get("GOENV")).isEmpty();
    }

    @Test
    void envFileLinesThatAreNotSettingsAreIgnoredAndTheLastOneWins() throws IOException {
        userEnvFile("# GOPROXY=comment\ngoproxy=lower\n GOPROXY=space\nGOPROXY\nGOPROXY=a=b\nGOVCS=x\r\nGOPROXY=last\n");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPROXY")).isEqualTo("last");
        assertThat(goEnv.get("GOVCS")).isEqualTo("x\r");
    }

    @Test
    void gorootIsFoundFromTheGoBinaryOnPathThroughSymlinks() throws IOException {
        Path goroot = fakeGoroot("dist/go", "GOTOOLCHAIN=local\n");
        Path bin = Files.createDirectories(tmp.resolve("usr/bin"));
        Files.createSymbolicLink(bin.resolve("go"), goroot.resolve("bin/go"));
        env.put("PATH", "relative/dir:" + tmp.resolve("empty") + ":" + bin);
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOROOT")).isEqualTo(goroot.toRealPath().toString());
        assertThat(goEnv.get("GOTOOLCHAIN")).isEqualTo("local");
    }

    @Test
    void aGoBinaryOutsideAGorootGivesNoGoroot() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("go"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("go"), PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", bin.toString());
        assertThat(GoEnv.load(env).get("GOROOT")).isEmpty();
    }

    @Test
    void gorootFromTheEnvironmentIsPrintedAsGiven() throws IOException {
        Path goroot = fakeGoroot("goroot", "GOPROXY=mine\n");
        env.put("GOROOT", goroot + "/./");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOROOT")).isEqualTo(goroot + "/./");
        assertThat(goEnv.get("GOPROXY")).isEqualTo("mine");
        assertThat(goEnv.changed("GOROOT")).isFalse();
    }

    @Test
    void theUserFilesGorootLocatesGoEnvEvenWhenTheEnvironmentSetsGoroot() throws IOException {
        Path fromFile = fakeGoroot("file-root", "GOPROXY=from-file-root\n");
        Path fromEnv = fakeGoroot("env-root", "GOPROXY=from-env-root\n");
        userEnvFile("GOROOT=" + fromFile + "\n");
        env.put("GOROOT", fromEnv.toString());
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOROOT")).isEqualTo(fromEnv.toString());
        assertThat(goEnv.get("GOPROXY")).isEqualTo("from-file-root");
    }

    @Test
    void aGorootThatIsNotADirectoryIsFatal() {
        env.put("GOROOT", tmp.resolve("nowhere").toString());
        assertThatThrownBy(() -> GoEnv.load(env))
                .isInstanceOf(GoEnvException.class)
                .hasMessage("cannot find GOROOT directory: " + tmp.resolve("nowhere"));
    }

    @Test
    void goprivateIsTheDefaultForGonoproxyAndGonosumdb() {
        env.put("GOPRIVATE", "*.corp.example.com");
        env.put("GONOSUMDB", "none");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GONOPROXY")).isEqualTo("*.corp.example.com");
        assertThat(goEnv.changed("GONOPROXY")).isFalse();
        assertThat(goEnv.get("GONOSUMDB")).isEqualTo("none");
        assertThat(goEnv.changed("GONOSUMDB")).isTrue();
        assertThat(goEnv.changed("GOPRIVATE")).isTrue();
    }

    @Test
    void changedIsMeasuredAgainstGoEnvWhenItSetsTheVariable() throws IOException {
        env.put("GOROOT", fakeGoroot("goroot", "GOAUTH=off\n").toString());
        env.put("GOAUTH", "off");
        env.put("GOPROXY", "https://proxy.golang.org,direct"); // not in this go.env: compared with ""
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.changed("GOAUTH")).isFalse();
        assertThat(goEnv.changed("GOPROXY")).isTrue();
        env.put("GOAUTH", "netrc");
        assertThat(GoEnv.load(env).changed("GOAUTH")).isTrue();
    }

    @Test
    void gomodcacheDefaultsToTheFirstGopathEntryCleaned() {
        env.put("GOPATH", "/a/./b/../c/:/d");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOMODCACHE")).isEqualTo("/a/c/pkg/mod");
        assertThat(goEnv.modCache()).isEqualTo(Path.of("/a/c/pkg/mod"));
        assertThat(goEnv.gopath()).isEqualTo(Path.of("/a/./b/../c/"));
        assertThat(goEnv.sumdbDir()).isEqualTo(Path.of("/a/c/pkg/sumdb"));
    }

    @Test
    void aRelativeGomodcacheIsPrintedButCannotBeUsed() {
        env.put("GOMODCACHE", "rel/cache");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOMODCACHE")).isEqualTo("rel/cache");
        assertThatThrownBy(goEnv::modCache)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GOMODCACHE entry is relative; must be absolute path: \"rel/cache\".");
    }

    @Test
    void withoutHomeThereIsNoModuleCache() {
        env.remove("HOME");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPATH")).isEmpty();
        assertThatThrownBy(goEnv::modCache)
                .hasMessage("module cache not found: neither GOMODCACHE nor GOPATH is set");
        assertThatThrownBy(goEnv::gopath).hasMessage("missing $GOPATH: HOME is not set");
    }

    @Test
    void aDefaultGopathEqualToGorootIsNotUsed() throws IOException {
        Path goroot = fakeGoroot("go", null);
        env.put("GOROOT", goroot.toString());
        env.put("HOME", tmp.toString());
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPATH")).isEmpty();
        assertThatThrownBy(goEnv::gopath).hasMessage("missing $GOPATH: cannot set GOROOT as GOPATH");
    }

    @Test
    void anExplicitGopathEqualToGorootOnlyWarns() throws IOException {
        Path goroot = fakeGoroot("go", null);
        env.put("GOROOT", goroot.toString());
        env.put("GOPATH", goroot + "/");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.warnings()).containsExactly("warning: both GOPATH and GOROOT are the same directory ("
                + goroot + "/); see https://go.dev/wiki/InstallTroubleshooting");
    }

    @Test
    void relativeOrTildeGopathEntriesAreFatal() throws IOException {
        env.put("GOPATH", "/ok::rel");
        assertThatThrownBy(() -> GoEnv.load(env)).isInstanceOf(GoEnvException.class)
                .hasMessage("GOPATH entry is relative; must be absolute path: \"rel\".\nFor more details see: 'go help gopath'");
        env.put("GOPATH", "~/go");
        assertThatThrownBy(() -> GoEnv.load(env))
                .hasMessage("GOPATH entry cannot start with shell metacharacter '~': \"~/go\"");
        env.remove("GOPATH");
        userEnvFile("GOPATH=in-file\n");
        assertThatThrownBy(() -> GoEnv.load(env)).hasMessageStartingWith("GOPATH entry is relative");
    }

    @Test
    void aGopathInferredFromARelativeHomeIsDroppedButGomodcacheKeepsIt() {
        env.put("HOME", "relhome");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPATH")).isEmpty();
        assertThat(goEnv.get("GOMODCACHE")).isEqualTo("relhome/go/pkg/mod");
        assertThat(goEnv.get("GOENV")).isEqualTo("relhome/.config/go/env");
    }

    @Test
    void gopathSetInTheEnvironmentIsNotChangedButFromTheFileItIs() throws IOException {
        env.put("GOPATH", "/env/gopath");
        assertThat(GoEnv.load(env).changed("GOPATH")).isFalse(); // go/build already took it as the default
        env.remove("GOPATH");
        userEnvFile("GOPATH=/file/gopath\n");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("GOPATH")).isEqualTo("/file/gopath");
        assertThat(goEnv.changed("GOPATH")).isTrue();
        assertThat(goEnv.get("GOMODCACHE")).isEqualTo("/file/gopath/pkg/mod");
    }

    @Test
    void otherNamesAreReadOnlyIfTheGoCommandWouldReadThem() throws IOException {
        userEnvFile("CUSTOM=from-file\n");
        env.put("GOWORK", "off");
        env.put("SHELL", "/bin/sh");
        GoEnv goEnv = GoEnv.load(env);
        assertThat(goEnv.get("CUSTOM")).isEqualTo("from-file");
        assertThat(goEnv.get("GOWORK")).isEqualTo("off");
        assertThat(goEnv.get("SHELL")).isEmpty();
        assertThat(goEnv.processEnvironment()).containsEntry("SHELL", "/bin/sh");
    }

    @Test
    void goflagsAreParsedStrictly() {
        env.put("GOFLAGS", "-modcacherw -mod=readonly");
        GoFlags flags = GoEnv.load(env).goFlags();
        assertThat(flags.modCacheRw()).isTrue();
        assertThat(flags.mod()).isEqualTo("readonly");
        env.put("GOFLAGS", "mod=mod");
        GoEnv broken = GoEnv.load(env);
        assertThatThrownBy(broken::goFlags).hasMessage("parsing $GOFLAGS: non-flag \"mod=mod\"");
    }

    @Test
    void netrcIsNamedByNetrcElseUnderHome() {
        assertThat(GoEnv.load(env).netrcPath()).isEqualTo(home.resolve(".netrc"));
        env.put("NETRC", "/etc/my netrc");
        assertThat(GoEnv.load(env).netrcPath()).isEqualTo(Path.of("/etc/my netrc"));
        env.remove("NETRC");
        env.remove("HOME");
        GoEnv noHome = GoEnv.load(env);
        assertThatThrownBy(noHome::netrcPath).hasMessage("$HOME is not defined");
    }
}

package dev.gofetch.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/// Writes a realistic-looking project and its file:// GOPROXY (for screenshots and trying the app by
/// hand): `java -cp target/classes:target/test-classes dev.gofetch.ui.DemoProject DIR [MODULES]`, then
/// run the app with GOPROXY=file://DIR/proxy GOFLAGS=-mod=mod GONOSUMDB= GOPRIVATE= and `-C DIR/app`.
/// Module paths look like a cloud-native project's; versions, requirements and go lines are random
/// but fixed by the seed, with a third of the modules on go 1.16 so their graphs are not pruned.
public final class DemoProject {
    private static final String[] KNOWN = {
        "golang.org/x/net", "golang.org/x/sys", "golang.org/x/text", "golang.org/x/crypto", "golang.org/x/tools",
        "golang.org/x/mod", "golang.org/x/sync", "golang.org/x/term", "golang.org/x/time", "golang.org/x/oauth2",
        "golang.org/x/exp", "google.golang.org/grpc", "google.golang.org/protobuf", "google.golang.org/genproto",
        "google.golang.org/api", "k8s.io/api", "k8s.io/apimachinery", "k8s.io/client-go", "k8s.io/klog/v2",
        "k8s.io/utils", "k8s.io/kube-openapi", "sigs.k8s.io/yaml", "sigs.k8s.io/json",
        "sigs.k8s.io/structured-merge-diff/v4", "go.uber.org/zap", "go.uber.org/multierr", "go.uber.org/atomic",
        "gopkg.in/yaml.v2", "gopkg.in/yaml.v3", "github.com/spf13/cobra", "github.com/spf13/pflag",
        "github.com/stretchr/testify", "github.com/davecgh/go-spew", "github.com/pmezard/go-difflib",
        "github.com/google/go-cmp", "github.com/google/uuid", "github.com/golang/protobuf",
        "github.com/prometheus/client_golang", "github.com/prometheus/common", "github.com/prometheus/procfs",
        "github.com/prometheus/client_model", "github.com/beorn7/perks", "github.com/cespare/xxhash/v2",
        "github.com/gogo/protobuf", "github.com/json-iterator/go", "github.com/modern-go/reflect2",
        "github.com/go-logr/logr", "github.com/emicklei/go-restful/v3", "github.com/go-openapi/jsonpointer",
        "github.com/go-openapi/swag", "github.com/mailru/easyjson", "github.com/josharian/intern",
        "github.com/imdario/mergo", "github.com/evanphx/json-patch", "github.com/fsnotify/fsnotify",
        "github.com/pkg/errors", "github.com/sirupsen/logrus", "github.com/hashicorp/go-multierror",
        "github.com/hashicorp/errwrap", "github.com/mattn/go-isatty", "github.com/fatih/color",
        "github.com/opencontainers/go-digest", "github.com/containerd/containerd", "github.com/docker/docker",
        "github.com/klauspost/compress", "github.com/gorilla/mux", "github.com/gorilla/websocket",
        "go.opentelemetry.io/otel", "go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/metric",
        "cloud.google.com/go", "cloud.google.com/go/compute", "github.com/aws/aws-sdk-go",
    };
    private static final String[] ORGS = {"acme", "initech", "hooli", "globex", "umbrella", "stark", "wayne", "tyrell"};
    private static final String[] WORDS = {"config", "retry", "cache", "flags", "metrics", "tracing", "router",
        "semver", "backoff", "pool", "queue", "store", "auth", "crypto", "proto", "codec", "fsutil", "lock"};

    private DemoProject() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/gofetch-demo");
        int modules = args.length > 1 ? Integer.parseInt(args[1]) : 140;
        write(dir, modules, 1);
        System.out.println("project: " + dir.resolve("app") + "\nGOPROXY=" + dir.resolve("proxy").toUri());
    }

    /// Writes DIR/proxy and DIR/app; returns the project directory.
    public static Path write(Path dir, int modules, long seed) {
        Random r = new Random(seed);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < modules; i++) {
            if (i < KNOWN.length) {
                paths.add(KNOWN[i]);
            } else {
                paths.add("github.com/" + ORGS[r.nextInt(ORGS.length)] + "/" + WORDS[r.nextInt(WORDS.length)] + "-" + i);
            }
        }
        // Modules earlier in the list depend on later ones (frameworks on libraries), so no cycles.
        java.util.Collections.shuffle(paths.subList(0, Math.min(paths.size(), KNOWN.length)), r);
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (String p : paths) {
            int n = 1 + r.nextInt(4);
            List<String> vs = new ArrayList<>();
            int major = p.matches(".*/v[0-9]+$") ? Integer.parseInt(p.replaceAll(".*/v", ""))
                    : p.matches("gopkg\\.in/.*\\.v[0-9]+$") ? Integer.parseInt(p.replaceAll(".*\\.v", ""))
                    : r.nextInt(3) == 0 ? 0 : 1;
            int minor = r.nextInt(8);
            for (int k = 0; k < n; k++) {
                minor += 1 + r.nextInt(3);
                vs.add("v" + major + "." + minor + "." + r.nextInt(4));
            }
            versions.put(p, vs);
        }
        TestProjects.ProxyTree proxy = new TestProjects.ProxyTree(dir.resolve("proxy"));
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            for (String v : versions.get(p)) {
                StringBuilder mod = new StringBuilder("module " + p + "\n\ngo " + (r.nextInt(3) == 0 ? "1.16" : "1.21") + "\n");
                int reqs = i >= paths.size() * 0.85 ? 0 : r.nextInt(6);
                List<String> lines = new ArrayList<>();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int k = 0; k < reqs; k++) {
                    int j = i + 1 + r.nextInt(Math.max(1, Math.min(40, paths.size() - i - 1)));
                    if (j >= paths.size() || !seen.add(paths.get(j))) {
                        continue;
                    }
                    List<String> vs = versions.get(paths.get(j));
                    lines.add(paths.get(j) + " " + vs.get(r.nextInt(vs.size())));
                }
                if (!lines.isEmpty()) {
                    mod.append("\nrequire (\n");
                    lines.forEach(l -> mod.append('\t').append(l).append('\n'));
                    mod.append(")\n");
                }
                proxy.module(p, v, mod.toString());
            }
        }
        StringBuilder main = new StringBuilder("module example.com/shop\n\ngo 1.21\n\nrequire (\n");
        for (int i = 0; i < Math.min(paths.size(), 24); i++) {
            List<String> vs = versions.get(paths.get(i));
            main.append('\t').append(paths.get(i)).append(' ').append(vs.get(vs.size() - 1)).append('\n');
        }
        main.append(")\n");
        return TestProjects.writeMainModule(dir.resolve("app"), main.toString());
    }
}

package dev.gofetch.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.module.ModuleVersion;
import dev.gofetch.testing.GoTool;
import dev.gofetch.ui.TestProjects;
import dev.gofetch.ui.base.Problem;
import dev.gofetch.ui.base.UiBridge;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The graph view model against the real engine and a file:// GOPROXY, with UI work and background
/// work on the test thread, so every assertion sees the state after resolution finished.
class GraphViewModelTest {
    @TempDir
    Path tmp;

    private Path app;
    private GraphViewModel vm;

    @BeforeEach
    void resolveStandardProject() {
        app = TestProjects.standard(tmp);
        vm = new GraphViewModel(TestProjects.engine(tmp, TestProjects.proxyOf(tmp)), UiBridge.direct(), Runnable::run,
                TextMetrics.fixed(7));
        vm.resolve(app);
    }

    private Map<String, DisplayNode> nodes() {
        return vm.getSnapshot().nodes().stream().collect(Collectors.toMap(DisplayNode::key, Function.identity()));
    }

    @Test
    void everyReachedVersionBecomesANodeWithItsState() {
        Map<String, DisplayNode> n = nodes();
        assertThat(n.keySet()).containsExactlyInAnyOrder("example.com/app", "example.com/lib@v1.2.0",
                "example.com/old@v1.0.0", "example.com/util@v1.1.0", "example.com/util@v1.0.0",
                "golang.org/x/text@v0.3.0", "golang.org/x/text@v0.2.0");
        assertThat(n.get("example.com/app").kind()).isEqualTo(DisplayNode.Kind.MAIN);
        assertThat(n.get("example.com/lib@v1.2.0").state()).isEqualTo(NodeState.RESOLVED);
        assertThat(n.get("example.com/lib@v1.2.0").superseded()).isFalse();
        assertThat(n.get("example.com/util@v1.0.0").state()).isEqualTo(NodeState.PRUNED);
        assertThat(n.get("example.com/util@v1.0.0").superseded()).isTrue();
        assertThat(n.get("golang.org/x/text@v0.2.0").superseded()).isTrue();
        assertThat(n.get("example.com/old@v1.0.0").replaced()).isTrue();
        assertThat(n.get("example.com/util@v1.1.0").replaced()).isFalse();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("4 modules · 2 superseded · 2 pruned");
        assertThat(vm.statusProperty().get()).isEqualTo("Resolved example.com/app: 4 dependencies in the build list");
    }

    @Test
    void edgesAreThoseGoModGraphPrints() {
        GraphSnapshot s = vm.getSnapshot();
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < s.edgeCount(); i++) {
            ours.add(s.nodes().get(s.edgeFrom(i)).key() + " " + s.nodes().get(s.edgeTo(i)).key());
        }
        String graph = GoTool.run(app, TestProjects.env(tmp, TestProjects.proxyOf(tmp)), "mod", "graph")
                .requireSuccess().stdout();
        Set<String> go = Arrays.stream(graph.split("\n"))
                .filter(l -> !l.isBlank() && !l.matches(".* (go|toolchain)@.*"))
                .collect(Collectors.toSet());
        assertThat(ours).isEqualTo(go);
    }

    @Test
    void layoutPlacesRequirementsRightOfTheirRequirersWithoutOverlap() {
        Map<String, DisplayNode> n = nodes();
        DisplayNode app = n.get("example.com/app");
        DisplayNode lib = n.get("example.com/lib@v1.2.0");
        DisplayNode pruned = n.get("example.com/util@v1.0.0");
        assertThat(lib.x()).isGreaterThan(app.x() + app.width());
        assertThat(pruned.x()).isGreaterThan(lib.x() + lib.width());
        List<DisplayNode> all = vm.getSnapshot().nodes();
        for (DisplayNode a : all) {
            for (DisplayNode b : all) {
                if (a != b && a.x() == b.x()) {
                    assertThat(Math.abs(a.y() - b.y())).as(a.key() + " / " + b.key()).isGreaterThanOrEqualTo(a.height());
                }
            }
        }
    }

    @Test
    void selectingANodeShowsWhyItIsThereAndEveryVersionOfItsPath() {
        vm.select("example.com/util@v1.0.0");
        NodeDetails d = vm.getDetails();
        assertThat(d.title()).isEqualTo("example.com/util");
        assertThat(d.version()).isEqualTo("v1.0.0");
        assertThat(d.superseded()).isTrue();
        assertThat(d.selectedVersion()).isEqualTo("v1.1.0");
        assertThat(d.whyPath()).extracting(NodeDetails.Link::label)
                .containsExactly("example.com/app", "example.com/lib@v1.2.0", "example.com/util@v1.0.0");
        assertThat(d.versions()).extracting(v -> v.module().version()).containsExactly("v1.1.0", "v1.0.0");
        assertThat(d.versions().get(0).selected()).isTrue();
        assertThat(d.versions().get(0).requiredBy()).extracting(NodeDetails.Link::label).containsExactly("example.com/app");
        assertThat(d.versions().get(1).requiredBy()).extracting(NodeDetails.Link::label)
                .containsExactly("example.com/lib@v1.2.0");
        assertThat(d.requirements()).isNull();
        assertThat(d.requirementsNote()).contains("pruning");
        assertThat(d.excludedVersions()).containsExactly("v1.0.5");
    }

    @Test
    void detailsListTheGoModRequirementsAndTheReplacement() {
        vm.select("example.com/lib@v1.2.0");
        assertThat(vm.getDetails().requirements()).extracting(r -> r.link().label())
                .containsExactly("example.com/util@v1.0.0", "golang.org/x/text@v0.2.0");
        assertThat(vm.getDetails().requirements()).allMatch(NodeDetails.Requirement::superseded);
        vm.select("example.com/old@v1.0.0");
        assertThat(vm.getDetails().replacement()).isEqualTo(new ModuleVersion("example.com/new", "v1.0.0"));
    }

    @Test
    void searchHighlightsMatchesAndFocusesTheFirst() {
        vm.searchTextProperty().set("UTIL");
        assertThat(vm.matchesProperty().get()).containsExactlyInAnyOrder("example.com/util@v1.1.0", "example.com/util@v1.0.0");
        String first = vm.focusProperty().get().key();
        assertThat(vm.selectedKeyProperty().get()).isEqualTo(first);
        assertThat(vm.searchStatusProperty().get()).isEqualTo("1 of 2");
        vm.nextMatch();
        assertThat(vm.selectedKeyProperty().get()).isNotEqualTo(first).startsWith("example.com/util@");
        assertThat(vm.searchStatusProperty().get()).isEqualTo("2 of 2");
        vm.searchTextProperty().set("nothing like this");
        assertThat(vm.matchesProperty().get()).isEmpty();
        assertThat(vm.searchStatusProperty().get()).isEqualTo("No match");
    }

    @Test
    void hidingSupersededVersionsFoldsThemIntoTheSelectedOne() {
        vm.hideSupersededProperty().set(true);
        Map<String, DisplayNode> n = nodes();
        assertThat(n.keySet()).containsExactlyInAnyOrder("example.com/app", "example.com/lib@v1.2.0",
                "example.com/old@v1.0.0", "example.com/util@v1.1.0", "golang.org/x/text@v0.3.0");
        assertThat(n.get("example.com/util@v1.1.0").members()).isEqualTo(2);
        GraphSnapshot s = vm.getSnapshot();
        Set<String> edges = new HashSet<>();
        for (int i = 0; i < s.edgeCount(); i++) {
            edges.add(s.nodes().get(s.edgeFrom(i)).key() + " " + s.nodes().get(s.edgeTo(i)).key());
        }
        // lib's requirement on util v1.0.0 now points at the version the build uses.
        assertThat(edges).contains("example.com/lib@v1.2.0 example.com/util@v1.1.0");

        vm.selectModule(new ModuleVersion("example.com/util", "v1.0.0"));
        assertThat(vm.selectedKeyProperty().get()).isEqualTo("example.com/util@v1.1.0");
        assertThat(vm.getDetails().version()).isEqualTo("v1.0.0");
    }

    @Test
    void collapsingAPrefixFoldsItsModulesIntoOneGroup() {
        assertThat(vm.collapseSuggestions()).extracting(GraphViewModel.PrefixSuggestion::prefix)
                .contains("example.com/");
        assertThat(vm.prefixesOf("golang.org/x/text@v0.3.0")).containsExactly("golang.org/", "golang.org/x/");
        vm.collapse("example.com/");
        Map<String, DisplayNode> n = nodes();
        assertThat(n.keySet()).containsExactlyInAnyOrder("example.com/app", "example.com/…",
                "golang.org/x/text@v0.3.0", "golang.org/x/text@v0.2.0");
        assertThat(n.get("example.com/…").members()).isEqualTo(4);
        vm.select("example.com/…");
        assertThat(vm.getDetails().members()).extracting(NodeDetails.Link::label).containsExactly(
                "example.com/lib@v1.2.0", "example.com/old@v1.0.0", "example.com/util@v1.0.0", "example.com/util@v1.1.0");
        vm.expandAll();
        assertThat(nodes()).hasSize(7);
    }

    @Test
    void aMissingModuleIsAFailedNodeAndAProblemWithAHint(@TempDir Path other) {
        new TestProjects.ProxyTree(other.resolve("proxy")).simple("example.com/lib", "v1.0.0", "example.com/gone v1.0.0");
        Path broken = TestProjects.writeMainModule(other.resolve("app"), """
                module example.com/broken

                go 1.21

                require (
                \texample.com/gone v1.0.0 // indirect
                \texample.com/lib v1.0.0
                )
                """);
        GraphViewModel failing = new GraphViewModel(TestProjects.engine(other, TestProjects.proxyOf(other)),
                UiBridge.direct(), Runnable::run, TextMetrics.fixed(7));
        failing.resolve(broken);

        DisplayNode gone = failing.getSnapshot().node("example.com/gone@v1.0.0");
        assertThat(gone.state()).isEqualTo(NodeState.FAILED);
        assertThat(failing.getSnapshot().node("example.com/lib@v1.0.0").state()).isEqualTo(NodeState.RESOLVED);
        assertThat(failing.runningProperty().get()).isFalse();
        assertThat(failing.statusProperty().get()).startsWith("Resolution failed: ");
        Problem moduleProblem = failing.problems().stream().filter(p -> p.module() != null).findFirst().orElseThrow();
        assertThat(moduleProblem.module()).isEqualTo(new ModuleVersion("example.com/gone", "v1.0.0"));
        assertThat(moduleProblem.hint()).contains("mirror does not have this version");
        failing.select("example.com/gone@v1.0.0");
        assertThat(failing.getDetails().error()).isNotBlank();
        assertThat(failing.getDetails().whyPath()).extracting(NodeDetails.Link::label)
                .containsExactly("example.com/broken", "example.com/gone@v1.0.0");
    }

    @Test
    void aFolderWithoutGoModReportsWhatToDo(@TempDir Path empty) {
        vm.resolve(empty);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.problems()).first().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.detail()).contains("go.mod file not found");
            assertThat(p.hint()).isEqualTo("Open a folder that contains a go.mod file.");
        });
    }
}

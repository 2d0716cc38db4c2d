package dev.gofetch.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gofetch.module.GoMod;
import dev.gofetch.module.ModuleVersion;
import dev.gofetch.resolve.MainModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// The live graph as resolver events arrive, before any final graph replaces it.
class GraphModelTest {
    private static final ModuleVersion A1 = ModuleVersion.of("example.com/a", "v1.0.0");
    private static final ModuleVersion B1 = ModuleVersion.of("example.com/b", "v1.0.0");
    private static final ModuleVersion B2 = ModuleVersion.of("example.com/b", "v1.2.0");
    private static final ModuleVersion C1 = ModuleVersion.of("example.com/c", "v1.0.0");

    private final GraphModel model = new GraphModel();

    @BeforeEach
    void begin() throws Exception {
        String goMod = """
                module example.com/app

                go 1.21

                require (
                \texample.com/a v1.0.0
                \texample.com/b v1.2.0
                \texample.com/x v1.0.0
                )

                exclude example.com/x v1.0.0
                """;
        model.begin(MainModule.of(Path.of("/nowhere"), GoMod.parse("go.mod", goMod.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void rootsAreQueuedUntilTheirGoModIsAskedFor() {
        assertThat(model.state(A1)).isEqualTo(NodeState.QUEUED);
        assertThat(model.get(ModuleVersion.of("example.com/x", "v1.0.0"))).as("excluded root").isNull();
        model.started(A1);
        assertThat(model.state(A1)).isEqualTo(NodeState.RESOLVING);
    }

    @Test
    void aLoadedGoModAddsItsRequirementsAsQueuedNodes() {
        long before = model.structureVersion();
        model.loaded(A1, List.of(B1, C1, ModuleVersion.of("go", "1.21")), "1.21");
        assertThat(model.state(A1)).isEqualTo(NodeState.RESOLVED);
        assertThat(model.state(C1)).isEqualTo(NodeState.QUEUED);
        assertThat(model.get(ModuleVersion.of("go", "1.21"))).isNull();
        assertThat(model.structureVersion()).isGreaterThan(before);
        assertThat(model.requirers(B1)).containsExactly(A1);
    }

    @Test
    void theHighestVersionReachedSoFarIsSelected() {
        model.loaded(A1, List.of(B1), "1.21");
        assertThat(model.isSuperseded(B1)).isTrue();
        assertThat(model.isSuperseded(B2)).isFalse();
        assertThat(model.versionsOf("example.com/b")).containsExactly(B2, B1);
    }

    @Test
    void aFailureMarksTheNodeWithoutChangingTheStructureOfKnownNodes() {
        long before = model.structureVersion();
        model.failed(A1, "not found");
        assertThat(model.state(A1)).isEqualTo(NodeState.FAILED);
        assertThat(model.get(A1).error).isEqualTo("not found");
        assertThat(model.structureVersion()).isEqualTo(before);
    }

    @Test
    void updatedRootsReplaceTheMainModulesEdges() {
        model.rootsUpdated(List.of(A1, C1));
        assertThat(model.requirers(B2)).isEmpty();
        assertThat(model.requirers(C1)).containsExactly(model.main());
    }

    @Test
    void theWhyPathIsTheShortestRequirementChain() {
        model.loaded(A1, List.of(B1), "1.21");
        model.loaded(B1, List.of(C1), "1.21");
        model.loaded(B2, List.of(C1), "1.21");
        assertThat(model.whyPath(C1)).containsExactly(model.main(), B2, C1);
        assertThat(model.whyPath(B1)).containsExactly(model.main(), A1, B1);
    }

    @Test
    void pruningIsOnlyJudgedOnceResolutionIsComplete() {
        assertThat(model.state(B2)).isEqualTo(NodeState.QUEUED);
        assertThat(model.excludedVersions("example.com/x")).containsExactly("v1.0.0");
    }
}

package dev.gofetch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The engine must run without a display and be usable from the CLI, so only the UI may touch JavaFX,
/// and the engine never depends on the CLI or the UI.
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gofetch");
    }

    @Test
    void engineNeverImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.gofetch.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the engine and the CLI must run without a display")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnTheFrontEnds() {
        noClasses().that().resideInAnyPackage("dev.gofetch.module..", "dev.gofetch.env..", "dev.gofetch.proxy..",
                        "dev.gofetch.resolve..", "dev.gofetch.transfer..", "dev.gofetch.verify..",
                        "dev.gofetch.cache..", "dev.gofetch.bundle..", "dev.gofetch.engine..", "dev.gofetch.lab..",
                        "dev.gofetch.sumdb..", "dev.gofetch.vcs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gofetch.cli..", "dev.gofetch.ui..")
                .check(classes);
    }

    /// Bundles sit on top of the download pipeline; nothing below them may reach up to them.
    @Test
    void onlyTheFrontEndsUseBundles() {
        noClasses().that().resideInAnyPackage("dev.gofetch.module..", "dev.gofetch.env..", "dev.gofetch.proxy..",
                        "dev.gofetch.resolve..", "dev.gofetch.transfer..", "dev.gofetch.verify..",
                        "dev.gofetch.cache..", "dev.gofetch.engine..", "dev.gofetch.lab..", "dev.gofetch.vcs..")
                .should().dependOnClassesThat().resideInAPackage("dev.gofetch.bundle..")
                .check(classes);
    }

    /// The GOPROXY client knows version control only as a DirectSource; git details stay in vcs.
    @Test
    void theProxyClientDoesNotKnowVersionControl() {
        noClasses().that().resideInAnyPackage("dev.gofetch.proxy..", "dev.gofetch.transfer..", "dev.gofetch.resolve..")
                .should().dependOnClassesThat().resideInAPackage("dev.gofetch.vcs..")
                .check(classes);
    }

    @Test
    void moduleModelStandsAlone() {
        noClasses().that().resideInAPackage("dev.gofetch.module..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gofetch.proxy..", "dev.gofetch.resolve..",
                        "dev.gofetch.engine..", "dev.gofetch.cache..", "dev.gofetch.transfer..", "dev.gofetch.bundle..")
                .check(classes);
    }
}

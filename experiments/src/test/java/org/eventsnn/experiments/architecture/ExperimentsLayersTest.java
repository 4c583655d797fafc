package org.eventsnn.experiments.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package picture of the experiments module (docs/architecture.md): the command line
 * ({@code cli}) sits on top and nothing depends on it; the runnable examples use the library
 * as a user would, never the command line; the benchmark generators ({@code cuba},
 * {@code microcircuit}) build models only; and no two packages depend on each other in a cycle.
 */
class ExperimentsLayersTest {
    private static JavaClasses experiments;

    @BeforeAll
    static void importMainClasses() {
        experiments = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.eventsnn.experiments");
    }

    @Test
    void theClassesAreThere() {
        assertTrue(experiments.size() > 20, "expected the experiments classes, found " + experiments.size());
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.eventsnn.experiments.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.eventsnn.experiments.cli..")
                .check(experiments);
    }

    @Test
    void modelGeneratorsBuildModelsOnly() {
        noClasses().that().resideInAnyPackage("org.eventsnn.experiments.cuba..", "org.eventsnn.experiments.microcircuit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eventsnn.experiments.train..",
                        "org.eventsnn.experiments.sweep..", "org.eventsnn.experiments.examples..", "org.eventsnn.gradients..",
                        "org.eventsnn.hardware..", "org.eventsnn.datasets..", "org.eventsnn.core.engine..")
                .check(experiments);
    }

    @Test
    void theExamplesUseTheLibraryNotTheCommandLine() {
        noClasses().that().resideInAPackage("org.eventsnn.experiments.examples..")
                .should().dependOnClassesThat().resideInAPackage("org.eventsnn.experiments.cli..")
                .check(experiments);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.eventsnn.experiments.(*)..").should().beFreeOfCycles().check(experiments);
    }
}

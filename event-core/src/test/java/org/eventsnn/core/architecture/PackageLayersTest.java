package org.eventsnn.core.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package picture of event-core, as documented in each {@code package-info.java}:
 * {@code base} &lt; {@code model} &lt; {@code solver}, {@code record} &lt; {@code engine}, {@code kernel},
 * {@code io} &lt; {@code io.nir} (NIR interchange, never the engine). A package may use only
 * packages below it, and there are no cycles.
 */
class PackageLayersTest {
    private static JavaClasses core;

    @BeforeAll
    static void importMainClasses() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.eventsnn.core");
    }

    @Test
    void everyClassLivesInADocumentedSubpackage() {
        assertTrue(core.size() > 30, "expected event-core's classes on the class path, found " + core.size());
        core.forEach(c -> assertTrue(c.getPackageName().matches("org\\.eventsnn\\.core\\.(base|model|solver|record|engine|kernel|io|io\\.nir)"),
                () -> c.getName() + " is outside the documented packages"));
    }

    @Test
    void everyPackageStatesItsJob() {
        for (String p : new String[] {"base", "model", "solver", "record", "engine", "kernel", "io", "io/nir"}) {
            Path info = Path.of("src/main/java/org/eventsnn/core", p, "package-info.java");
            assertTrue(Files.isRegularFile(info), "missing " + info);
        }
    }

    @Test
    void packagesOnlyUsePackagesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("base").definedBy("org.eventsnn.core.base")
                .layer("model").definedBy("org.eventsnn.core.model")
                .layer("solver").definedBy("org.eventsnn.core.solver")
                .layer("record").definedBy("org.eventsnn.core.record")
                .layer("engine").definedBy("org.eventsnn.core.engine")
                .layer("kernel").definedBy("org.eventsnn.core.kernel")
                .layer("io").definedBy("org.eventsnn.core.io")
                .layer("nir").definedBy("org.eventsnn.core.io.nir")
                .whereLayer("nir").mayNotBeAccessedByAnyLayer()
                .whereLayer("io").mayOnlyBeAccessedByLayers("nir")
                .whereLayer("engine").mayNotBeAccessedByAnyLayer()
                .whereLayer("kernel").mayNotBeAccessedByAnyLayer()
                .whereLayer("solver").mayOnlyBeAccessedByLayers("engine", "kernel")
                .whereLayer("record").mayOnlyBeAccessedByLayers("engine", "kernel", "io", "nir")
                .whereLayer("model").mayOnlyBeAccessedByLayers("solver", "record", "engine", "kernel", "io", "nir")
                .whereLayer("base").mayOnlyBeAccessedByLayers("model", "solver", "record", "engine", "io", "nir")
                .check(core);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.eventsnn.core.(*)..").should().beFreeOfCycles().check(core);
    }
}

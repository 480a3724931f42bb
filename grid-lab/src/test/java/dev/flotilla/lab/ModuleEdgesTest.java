package dev.flotilla.lab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The lab's inner edges (DESIGN.md section 2): {@code history} and {@code check} are pure, so {@code check} runs on a
 * bare history file without a grid; no lab class reaches Micronaut; only {@code cli} may exit the JVM.
 */
class ModuleEdgesTest {
    private static final JavaClasses LAB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flotilla.lab");

    @Test
    void historyAndCheck_dependOnNoGrid() {
        noClasses().that().resideInAnyPackage("dev.flotilla.lab.history..", "dev.flotilla.lab.check..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "dev.flotilla.grid..",
                        "dev.flotilla.client..", "dev.flotilla.lab.fleet..", "dev.flotilla.lab.run..",
                        "dev.flotilla.lab.workload..", "dev.flotilla.lab.nemesis..")
                .check(LAB);
    }

    @Test
    void lab_dependsOnNoMicronaut() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..").check(LAB);
    }

    @Test
    void onlyCli_exitsTheJvm() {
        noClasses().that().resideOutsideOfPackage("dev.flotilla.lab.cli..")
                .should().callMethod(System.class, "exit", int.class).check(LAB);
    }
}

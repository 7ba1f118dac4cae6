package dev.tollgate.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.tollgate.check.Status;

/**
 * The shape of harness-core, so it stays: no package depends on itself through another, and
 * dependencies point one way — {@code api} and {@code model} at the bottom; {@code system} (the
 * service and database as a check sees them) just above; {@code db} and {@code runtime} above that;
 * the check SPI beside the runtimes, free of them and of {@code load}; {@code load} above the checks
 * it validates against; {@code engine} on top; the {@code gate} reading only the run record.
 */
class LayersTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tollgate");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.tollgate.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void apiAndModelAreTheBottom() {
        noClasses().that().resideInAPackage("dev.tollgate.api..").should().dependOnClassesThat(
                resideInAnyPackage("dev.tollgate..").and(not(resideInAnyPackage("dev.tollgate.api..")))).check(CLASSES);
        noClasses().that().resideInAPackage("dev.tollgate.model..").should().dependOnClassesThat(
                resideInAnyPackage("dev.tollgate..").and(not(resideInAnyPackage("dev.tollgate.api..", "dev.tollgate.model.."))))
                .check(CLASSES);
    }

    @Test
    void theSystemAsChecksSeeItRestsOnTheModelOnly() {
        noClasses().that().resideInAPackage("dev.tollgate.system..").should().dependOnClassesThat(
                resideInAnyPackage("dev.tollgate..").and(not(resideInAnyPackage("dev.tollgate.api..",
                        "dev.tollgate.model..", "dev.tollgate.system..")))).check(CLASSES);
    }

    @Test
    void databaseAndRuntimesKnowNothingOfChecksSuitesOrTheEngine() {
        noClasses().that().resideInAnyPackage("dev.tollgate.db..", "dev.tollgate.runtime..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.tollgate.check..", "dev.tollgate.load..",
                        "dev.tollgate.engine..", "dev.tollgate.gate..", "dev.tollgate.report..")
                .check(CLASSES);
    }

    @Test
    void theCheckSpiIsFreeOfTheLoaderTheRuntimesAndTheEngine() {
        noClasses().that().resideInAPackage("dev.tollgate.check..").should().dependOnClassesThat().resideInAnyPackage(
                "dev.tollgate.load..", "dev.tollgate.runtime..", "dev.tollgate.engine..", "dev.tollgate.gate..",
                "dev.tollgate.report..")
                .check(CLASSES);
    }

    @Test
    void theLoaderReadsSuitesWithoutRunningAnything() {
        noClasses().that().resideInAPackage("dev.tollgate.load..").should().dependOnClassesThat().resideInAnyPackage(
                "dev.tollgate.engine..", "dev.tollgate.runtime..", "dev.tollgate.db..", "dev.tollgate.gate..",
                "dev.tollgate.report..").check(CLASSES);
    }

    @Test
    void theGateReadsOnlyTheRunRecord() {
        noClasses().that().resideInAPackage("dev.tollgate.gate..").should().dependOnClassesThat(
                resideInAnyPackage("dev.tollgate.engine..", "dev.tollgate.load..", "dev.tollgate.runtime..",
                        "dev.tollgate.db..", "dev.tollgate.check..").and(not(equivalentTo(Status.class))))
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.tollgate.report..").should().dependOnClassesThat().resideInAnyPackage(
                "dev.tollgate.engine..", "dev.tollgate.gate..", "dev.tollgate.load..", "dev.tollgate.runtime..",
                "dev.tollgate.db..").check(CLASSES);
    }

    @Test
    void nothingBelowTheEngineCallsIt() {
        noClasses().that().resideOutsideOfPackage("dev.tollgate.engine..").should().dependOnClassesThat()
                .resideInAPackage("dev.tollgate.engine..").check(CLASSES);
    }

    @Test
    void theEngineCallsNoCheckTypeByName() {
        noClasses().that().resideInAPackage("dev.tollgate.engine..").should().dependOnClassesThat()
                .resideInAPackage("dev.tollgate.check.*..").check(CLASSES);
    }

    @Test
    void theCheckRegistryNamesNoCheckType() {
        noClasses().that().resideInAPackage("dev.tollgate.check").should().dependOnClassesThat()
                .resideInAPackage("dev.tollgate.check.*..").check(CLASSES);
    }
}

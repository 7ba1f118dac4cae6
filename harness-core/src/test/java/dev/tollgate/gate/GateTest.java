package dev.tollgate.gate;

import static dev.tollgate.gate.Runs.checks;
import static dev.tollgate.gate.Runs.failed;
import static dev.tollgate.gate.Runs.lifecycle;
import static dev.tollgate.gate.Runs.passed;
import static dev.tollgate.gate.Runs.run;
import static dev.tollgate.gate.Runs.skippedCheck;
import static dev.tollgate.gate.Runs.suite;
import static dev.tollgate.gate.Runs.upgradeSuite;
import static dev.tollgate.gate.Runs.SAFE_SCHEMA;
import static dev.tollgate.gate.Runs.UNSAFE_SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Status;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecord.CheckRecord;
import dev.tollgate.report.RunRecord.StepRecord;
import dev.tollgate.model.Facts;
import dev.tollgate.model.Area;

class GateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final List<String> UPGRADE = List.of("release-gate", "upgrade");

    private static GateResult evaluate(RunRecord run, Waiver... waivers) {
        return Gate.evaluate(run, GateRules.defaults(), List.of(waivers), TODAY);
    }

    @Test
    void goWhenEveryRequiredAreaHasPassingEvidence() {
        GateResult result = evaluate(run(upgradeSuite()));

        assertEquals(Verdict.GO, result.verdict());
        assertEquals(List.of(), result.reasons());
        for (Area area : List.of(Area.INSTALL, Area.UPGRADE, Area.HEALTH_VERSION, Area.MIGRATIONS, Area.CONVERGENCE,
                Area.SAFETY, Area.DATA, Area.CODE_ROLLBACK)) {
            assertEquals(AreaStatus.PASSED, result.area(area).status(), area::label);
            assertTrue(result.area(area).required());
        }
        assertEquals(AreaStatus.NOT_RUN, result.area(Area.AUTHORIZATION).status());
        assertEquals(List.of(), result.notes());
    }

    @ParameterizedTest
    @EnumSource(value = Area.class, names = "CODE_ROLLBACK", mode = EnumSource.Mode.EXCLUDE)
    void eachFailingAreaIsNoGoNamingIt(Area area) {
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, failingIn(area))));

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(AreaStatus.FAILED, result.area(area).status());
        String reason = result.reasons().get(0);
        assertTrue(reason.startsWith(area.label() + ": "), reason);
        assertTrue(reason.contains("upgrade-from-previous › "), reason);
        assertTrue(reason.contains("upgrade-from-previous.suite.yaml:"), reason);
    }

    /**
     * The upgrade rehearsal with one step or check of the area failing, just before the code rollback
     * probe (after it, every check speaks for code rollback), where it does not skip others.
     */
    private static StepRecord[] failingIn(Area area) {
        List<StepRecord> steps = new ArrayList<>(upgradeSuite().steps());
        StepRecord failing = switch (area) {
            case INSTALL -> lifecycle("install", "install 1.1.0", Status.FAILED);
            case UPGRADE -> lifecycle("upgrade", "upgrade 1.1.0", Status.FAILED);
            case RESTORE -> lifecycle("restore", "restore before-upgrade", Status.FAILED);
            case HEALTH_VERSION -> checks(passed("health"), failed("version", "reports release '1.0.0', not 1.1.0"));
            case MIGRATIONS -> checks(failed("migrations", "V5 failed"));
            case CONVERGENCE -> checks(failed("convergence", "column missions.note differs"));
            case SAFETY -> checks(failed("safety", "drops column missions.code"));
            case DATA -> checks(failed("data", "3 rows of missions are gone"));
            case AUTHORIZATION -> checks(failed("authz", "viewer DELETE /missions/1 answered 204"));
            case CODE_ROLLBACK -> throw new IllegalArgumentException("advisory");
        };
        steps.add(steps.size() - 2, failing);
        return steps.toArray(StepRecord[]::new);
    }

    @Test
    void failedVersionCheckNamesTheStepThePositionAndTheMessage() {
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                checks(passed("health"), failed("version", "reports release '1.0.0', not 1.1.0")))));

        assertEquals(List.of("health and version: upgrade-from-previous › check health, version at "
                + "upgrade-from-previous.suite.yaml:12:5: version: reports release '1.0.0', not 1.1.0"), result.reasons());
    }

    /**
     * A reason names a step by the id the suite gave it, else by what it does: the record says which
     * (idDeclared), so an id a person wrote that looks like the engine's own ({@code line-7}) is named
     * as written, and one the engine made of the line is not, whatever it looks like.
     */
    @Test
    void aReasonNamesAStepByItsDeclaredIdWhateverItLooksLike() {
        StepRecord failing = checks(passed("health"), failed("version", "reports release '1.0.0', not 1.1.0"));
        StepRecord declared = new StepRecord("line-7", true, failing.name(), failing.kind(), null, failing.status(),
                failing.message(), failing.durationMillis(), failing.checks(), failing.declared(), null);
        StepRecord madeUp = new StepRecord("verify-candidate", false, failing.name(), failing.kind(), null,
                failing.status(), failing.message(), failing.durationMillis(), failing.checks(), failing.declared(), null);

        String byDeclared = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED), declared))).reasons().get(0);
        String byMadeUp = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED), madeUp))).reasons().get(0);

        assertTrue(byDeclared.contains("upgrade-from-previous › line-7 at upgrade-from-previous.suite.yaml:11:5"),
                byDeclared);
        assertTrue(byMadeUp.contains("upgrade-from-previous › check health, version at"), byMadeUp);
    }

    @Test
    void healthAloneSaysTheVersionWasNotChecked() {
        GateResult healthOnly = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                checks(passed("health")))));
        assertTrue(healthOnly.notes().stream().anyMatch(note -> note.startsWith("health and version: version not checked")),
                healthOnly.notes().toString());
        // The fact is typed, and the area says it; by default it does not block.
        assertEquals(VersionEvidence.NOT_CHECKED, healthOnly.versionEvidence());
        assertTrue(healthOnly.reasons().stream().noneMatch(reason -> reason.contains("version")), healthOnly.reasons()::toString);
        assertEquals(AreaStatus.PASSED, healthOnly.area(Area.HEALTH_VERSION).status());
        assertTrue(healthOnly.area(Area.HEALTH_VERSION).firstReason().startsWith("version not checked (no version check ran"),
                healthOnly.area(Area.HEALTH_VERSION).reasons()::toString);

        GateResult compared = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                checks(passed("health"), passed("version")))));
        assertTrue(compared.notes().stream().noneMatch(note -> note.contains("version not checked")), compared.notes().toString());
        assertEquals(VersionEvidence.COMPARED, compared.versionEvidence());
        assertEquals(List.of(), compared.area(Area.HEALTH_VERSION).reasons());
    }

    private static RunRecord upgradeWithHealthOnly() {
        return run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                checks(passed("health"))));
    }

    private static GateRules versionNotChecked(VersionNotChecked rule) {
        GateRules defaults = GateRules.defaults();
        return new GateRules(Set.of(Area.HEALTH_VERSION), Map.of(), defaults.advisory(), Set.of(),
                defaults.rollbackSafeWithinMajor(), rule, defaults.rollbackWarningsBlock());
    }

    @Test
    void versionNotCheckedIsInconclusiveWhenTheRulesSaySo() {
        GateResult result = Gate.evaluate(upgradeWithHealthOnly(), versionNotChecked(VersionNotChecked.INCONCLUSIVE), List.of(), TODAY);

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(AreaStatus.MISSING, result.area(Area.HEALTH_VERSION).status());
        assertEquals(List.of("health and version: version not checked (no version check ran; add '- check: version' after the"
                + " install or upgrade)"), result.reasons());
        assertTrue(result.notes().isEmpty(), result.notes()::toString);

        GateResult compared = Gate.evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED), checks(passed("health"), passed("version")))),
                versionNotChecked(VersionNotChecked.INCONCLUSIVE), List.of(), TODAY);
        assertEquals(Verdict.GO, compared.verdict(), compared.reasons()::toString);
    }

    @Test
    void versionNotCheckedIsNoGoWhenTheRulesSaySo() {
        GateResult result = Gate.evaluate(upgradeWithHealthOnly(), versionNotChecked(VersionNotChecked.NO_GO), List.of(), TODAY);

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(AreaStatus.FAILED, result.area(Area.HEALTH_VERSION).status());
        assertTrue(result.reasons().get(0).startsWith("health and version: version not checked (no version check ran"),
                result.reasons()::toString);
    }

    @Test
    void aFailedHealthCheckComesBeforeTheMissingVersionCheck() {
        GateResult result = Gate.evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED), checks(failed("health", "answered 503")))),
                versionNotChecked(VersionNotChecked.NOTE), List.of(), TODAY);

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(VersionEvidence.NOT_CHECKED, result.versionEvidence());
        assertTrue(result.area(Area.HEALTH_VERSION).firstReason().contains("answered 503"), result.area(Area.HEALTH_VERSION)::toString);
        assertTrue(result.area(Area.HEALTH_VERSION).reasons().get(1).startsWith("version not checked"),
                result.area(Area.HEALTH_VERSION)::toString);
    }

    @Test
    void skippedStepIsInconclusive() {
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                checks(passed("health"), passed("version")),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                skippedCheck("logs"))));

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(AreaStatus.MISSING, result.area(Area.UPGRADE).status());
        assertTrue(result.area(Area.UPGRADE).firstReason().startsWith("skipped: upgrade-from-previous › check logs"),
                result.area(Area.UPGRADE).firstReason());
    }

    @Test
    void stepTheEnvironmentBrokeIsInconclusiveNotNoGo() {
        List<StepRecord> steps = new ArrayList<>(upgradeSuite().steps());
        steps.set(4, lifecycle("backup", "backup before-upgrade", Status.BROKEN));
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, steps.toArray(StepRecord[]::new))));

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(AreaStatus.MISSING, result.area(Area.RESTORE).status());
        assertTrue(result.reasons().get(0).startsWith("restore: could not be checked (broken: upgrade-from-previous › backup"),
                result.reasons()::toString);
    }

    @Test
    void noGoWinsOverInconclusive() {
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                checks(passed("health"), passed("version")),
                lifecycle("upgrade", "upgrade 9.9.9", Status.FAILED),
                skippedCheck("health, ready, version"))));

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(AreaStatus.FAILED, result.area(Area.UPGRADE).status());
        // The candidate's health was never seen: what passed on the previous release does not count.
        assertEquals(AreaStatus.MISSING, result.area(Area.HEALTH_VERSION).status());
    }

    @Test
    void emptyRunIsInconclusive() {
        GateResult result = evaluate(run());

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(List.of("no suite ran: the selection found nothing to rehearse"), result.reasons());
    }

    @Test
    void runWithoutAnyCheckIsInconclusive() {
        GateResult result = Gate.evaluate(run(suite("just-install", List.of(),
                lifecycle("install", "install 1.1.0", Status.PASSED))),
                new GateRules(Set.of(), Map.of(), Set.of(), Set.of()), List.of(), TODAY);

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertTrue(result.reasons().contains("no check ran: lifecycle steps alone are no evidence"), result.reasons()::toString);
    }

    @Test
    void requiredAreaWithoutEvidenceIsInconclusive() {
        GateResult result = evaluate(run(suite("upgrade-in-name-only", UPGRADE,
                lifecycle("install", "install 1.1.0", Status.PASSED),
                checks(passed("health"), passed("version")))));

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(AreaStatus.MISSING, result.area(Area.UPGRADE).status());
        assertEquals(List.of("upgrade", "migrations", "schema convergence", "migration safety", "data", "code rollback").stream()
                .map(area -> area + ": required, but no step or check of the run speaks for " + area).toList(), result.reasons());
    }

    @Test
    void codeRollbackProbedSafeIsStatedAndGo() {
        GateResult result = evaluate(run(upgradeSuite()));

        assertEquals(Verdict.GO, result.verdict());
        assertEquals(CodeRollback.Probe.SAFE, result.codeRollback().probe());
        assertEquals(CodeRollback.Classification.BACKWARD_SAFE, result.codeRollback().classification());
        assertTrue(result.codeRollback().statement().startsWith("code rollback safe"), result.codeRollback()::toString);
        assertEquals(List.of(), result.notes());
    }

    @Test
    void codeRollbackUnsafeAcrossAMajorVersionIsGoWithTheReleaseNote() {
        GateResult result = evaluate(run("1.0.0", "2.0.0", upgradeSuite(UNSAFE_SCHEMA,
                checks(passed("health"), failed("http", "POST /api/v1/missions answered 500")))));

        assertEquals(Verdict.GO, result.verdict());
        assertEquals(AreaStatus.FAILED, result.area(Area.CODE_ROLLBACK).status());
        assertEquals(AreaStatus.PASSED, result.area(Area.HEALTH_VERSION).status());
        assertEquals(CodeRollback.Probe.UNSAFE, result.codeRollback().probe());
        assertEquals(1, result.notes().size(), result.notes()::toString);
        assertTrue(result.notes().get(0).startsWith("code rollback unsafe: restore required ("), result.notes().get(0));
        assertTrue(result.notes().get(0).contains("answered 500"), result.notes().get(0));
    }

    @Test
    void codeRollbackUnsafeWithinAMajorVersionIsNoGo() {
        GateResult result = evaluate(run("1.0.0", "1.1.0-bad-rollback-incompatible", upgradeSuite(UNSAFE_SCHEMA,
                checks(passed("health"), failed("http", "GET /api/v1/missions answered 500")))));

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(1, result.reasons().size(), result.reasons()::toString);
        assertTrue(result.reasons().get(0).startsWith("code rollback: ") && result.reasons().get(0).contains("answered 500")
                && result.reasons().get(0).endsWith("1.1.0-bad-rollback-incompatible keeps the major version of 1.0.0, so the"
                        + " previous release must keep working on its schema"), result.reasons().get(0));
    }

    @Test
    void codeRollbackUnsafeWithinAMajorVersionIsAdvisoryWhenTheRulesSaySo() {
        GateRules rules = new GateRules(GateRules.defaults().required(), GateRules.defaults().requiredByTag(),
                GateRules.defaults().advisory(), Set.of(), false);
        GateResult result = Gate.evaluate(run("1.0.0", "1.1.0", upgradeSuite(UNSAFE_SCHEMA,
                checks(failed("http", "GET /api/v1/missions answered 500")))), rules, List.of(), TODAY);

        assertEquals(Verdict.GO, result.verdict());
        assertTrue(result.notes().get(0).startsWith("code rollback unsafe: restore required ("), result.notes()::toString);
    }

    @Test
    void probeAndClassificationThatDisagreeAreFlagged() {
        GateResult safeButFailed = evaluate(run("1.0.0", "2.0.0", upgradeSuite(SAFE_SCHEMA,
                checks(failed("http", "GET /api/v1/missions answered 500")))));
        GateResult unsafeButPassed = evaluate(run("1.0.0", "2.0.0", upgradeSuite(UNSAFE_SCHEMA,
                checks(passed("health"), passed("http")))));

        assertTrue(safeButFailed.codeRollback().disagreement().orElseThrow().contains("classified backward-safe, yet"));
        assertTrue(safeButFailed.notes().stream().anyMatch(note -> note.startsWith("code rollback probe and schema classification disagree")),
                safeButFailed.notes()::toString);
        assertEquals(Verdict.GO, unsafeButPassed.verdict());
        assertEquals(CodeRollback.Probe.SAFE, unsafeButPassed.codeRollback().probe());
        assertTrue(unsafeButPassed.codeRollback().disagreement().orElseThrow().contains("classified not backward-safe, yet"));
    }

    @Test
    void unprobedButUnsafeSchemaStillAsksForARestoreInTheNotes() {
        GateResult result = evaluate(run(suite("upgrade-without-probe", List.of("release-gate"),
                lifecycle("install", "install 1.0.0", Status.PASSED),
                lifecycle("upgrade", "upgrade 2.0.0", Status.PASSED),
                checks(passed("health"), passed("version"), UNSAFE_SCHEMA))));

        assertEquals(Verdict.GO, result.verdict());
        assertEquals(CodeRollback.Probe.NOT_PROBED, result.codeRollback().probe());
        assertEquals(List.of("code rollback unsafe: restore required (not probed; the schema change is not backward-safe: "
                + UNSAFE_SCHEMA.message() + ")"), result.notes());
    }

    @Test
    void theCodeRollbackPredictionComesFromTheSafetyFactNeverFromItsMessage() {
        GateResult result = evaluate(run(suite("upgrade-without-probe", List.of("release-gate"),
                lifecycle("install", "install 1.0.0", Status.PASSED),
                lifecycle("upgrade", "upgrade 2.0.0", Status.PASSED),
                checks(passed("health"), passed("version"), UNSAFE_SCHEMA.withMessage("backward-safe, reworded")))));

        assertEquals(CodeRollback.Classification.NOT_BACKWARD_SAFE, result.codeRollback().classification());
        assertEquals(List.of("code rollback unsafe: restore required (not probed; the schema change is not backward-safe: "
                + "NOT backward-safe: 1 finding(s) since snapshot before-upgrade: missions.name: column dropped)"), result.notes());
    }

    @Test
    void genericChecksCountForThePhaseTheyFollow() {
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                lifecycle("install", "install 1.0.0", Status.PASSED),
                checks(passed("health"), failed("sql", "0 rows")),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                checks(passed("version"), failed("logs", "a stack trace")))));

        assertEquals(AreaStatus.FAILED, result.area(Area.INSTALL).status());
        assertTrue(result.area(Area.INSTALL).firstReason().endsWith("sql: 0 rows"));
        assertEquals(AreaStatus.FAILED, result.area(Area.UPGRADE).status());
        assertTrue(result.area(Area.UPGRADE).firstReason().endsWith("logs: a stack trace"));
        assertEquals(AreaStatus.PASSED, result.area(Area.HEALTH_VERSION).status());
    }

    @Test
    void waiverThatHasNotExpiredWaivesAndIsListed() {
        Waiver waiver = new Waiver(null, "version", "upgrade-from-previous", null, "alice", "TOLL-42", TODAY.plusDays(30));
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, failingIn(Area.HEALTH_VERSION))), waiver);

        assertEquals(Verdict.GO, result.verdict());
        assertEquals(AreaStatus.WAIVED, result.area(Area.HEALTH_VERSION).status());
        assertTrue(result.area(Area.HEALTH_VERSION).firstReason().startsWith("waived by alice until 2026-07-01 (TOLL-42): "));
        assertEquals(List.of(waiver), result.waiversUsed());
    }

    @Test
    void waiverStillWaivesOnItsExpiryDay() {
        Waiver waiver = new Waiver(Area.HEALTH_VERSION, null, null, null, "alice", "TOLL-42", TODAY);
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, failingIn(Area.HEALTH_VERSION))), waiver);

        assertEquals(Verdict.GO, result.verdict());
    }

    @Test
    void expiredWaiverDoesNotWaiveAndIsListedAsExpired() {
        Waiver waiver = new Waiver(Area.HEALTH_VERSION, null, null, null, "alice", "TOLL-42", TODAY.minusDays(1));
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, failingIn(Area.HEALTH_VERSION))), waiver);

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(List.of(), result.waiversUsed());
        assertEquals(List.of(waiver), result.expiredWaivers());
    }

    @Test
    void waiverForAnotherStepDoesNotWaive() {
        Waiver waiver = new Waiver(null, null, "upgrade-from-previous", "install", "alice", "TOLL-42", TODAY);
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, failingIn(Area.HEALTH_VERSION))), waiver);

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(List.of(), result.waiversUsed());
    }

    /** A data check that lost rows of two tables, as the data check records the tables it found something in. */
    private static StepRecord[] losingRowsOf(String... tables) {
        List<StepRecord> steps = new ArrayList<>(upgradeSuite().steps());
        CheckRecord data = new CheckRecord("data", "data", Area.DATA, Status.FAILED, String.join("; ",
                Arrays.stream(tables).map(table -> table + ": 2 rows lost").toList()),
                Facts.ofData(List.of(), List.of(tables)));
        steps.add(steps.size() - 2, Runs.checks(data));  // before the code rollback probe, as failingIn places it
        return steps.toArray(StepRecord[]::new);
    }

    @Test
    void aWaiverNamingOneTableLeavesAnotherTablesLossBlocking() {
        Waiver realmAttribute = new Waiver(null, "data", null, null, "realm_attribute", "alice", "KC-1", TODAY);
        GateResult oneOfTwo = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                losingRowsOf("realm_attribute", "user_entity"))), realmAttribute);
        GateResult oneOfOne = evaluate(run(suite("upgrade-from-previous", UPGRADE, losingRowsOf("realm_attribute"))),
                realmAttribute);
        Waiver userEntity = new Waiver(null, "data", null, null, "user_entity", "bob", "KC-2", TODAY);
        GateResult both = evaluate(run(suite("upgrade-from-previous", UPGRADE,
                losingRowsOf("realm_attribute", "user_entity"))), realmAttribute, userEntity);

        assertEquals(Verdict.NO_GO, oneOfTwo.verdict(), oneOfTwo.reasons()::toString);
        assertEquals(List.of(), oneOfTwo.waiversUsed());
        assertEquals(Verdict.GO, oneOfOne.verdict(), oneOfOne.reasons()::toString);
        assertEquals(AreaStatus.WAIVED, oneOfOne.area(Area.DATA).status());
        assertEquals("check data, table realm_attribute", realmAttribute.scope());
        assertEquals(Verdict.GO, both.verdict(), both.reasons()::toString);
        assertEquals(List.of(realmAttribute, userEntity), both.waiversUsed());
    }

    @Test
    void aRecognisedMoveIsListedInTheNotes() {
        List<StepRecord> steps = new ArrayList<>(upgradeSuite().steps());
        String move = "2 rows of realm_attribute (name=displayName, displayNameHtml) moved into realm.display_name,"
                + " realm.display_name_html, added by this upgrade";
        steps.add(steps.size() - 2, Runs.checks(new CheckRecord("data", "data", Area.DATA, Status.PASSED, "no rows lost",
                Facts.ofData(List.of(move), List.of()))));
        GateResult result = evaluate(run(suite("upgrade-from-previous", UPGRADE, steps.toArray(StepRecord[]::new))));

        assertEquals(Verdict.GO, result.verdict(), result.reasons()::toString);
        assertTrue(result.notes().contains("data: " + move), result.notes()::toString);
        assertEquals(Verdict.GO, evaluate(run(suite("upgrade-from-previous", UPGRADE, upgradeSuite().steps()
                .toArray(StepRecord[]::new)))).verdict());
    }

    @Test
    void enforceFailsOnNoGoAndInconclusiveUnlessReportOnly() {
        GateResult noGo = evaluate(run(suite("upgrade-from-previous", UPGRADE, failingIn(Area.DATA))));
        GateResult inconclusive = evaluate(run());
        GateResult go = evaluate(run(upgradeSuite()));

        TollgateException e = assertThrows(TollgateException.class, () -> Gate.enforce(noGo, Gate.Mode.ENFORCE));
        assertEquals(ErrorCode.GATE_NO_GO, e.code());
        assertTrue(e.getMessage().startsWith("Release readiness is NO-GO: data: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("-Dtollgate.gate=report-only."), e.getMessage());
        assertEquals(ErrorCode.GATE_INCONCLUSIVE,
                assertThrows(TollgateException.class, () -> Gate.enforce(inconclusive, Gate.Mode.ENFORCE)).code());
        assertSame(noGo, Gate.enforce(noGo, Gate.Mode.REPORT_ONLY));
        assertSame(go, Gate.enforce(go, Gate.Mode.ENFORCE));
    }

    @Test
    void unknownModeWarnsAndEnforces() {
        List<String> warnings = new ArrayList<>();

        assertEquals(Gate.Mode.REPORT_ONLY, Gate.Mode.fromProperty("report-only", warnings::add));
        assertEquals(Gate.Mode.ENFORCE, Gate.Mode.fromProperty("", warnings::add));
        assertEquals(Gate.Mode.ENFORCE, Gate.Mode.fromProperty("reportonly", warnings::add));
        assertEquals(List.of("tollgate.gate=reportonly is not a gate mode (enforce, report-only); using enforce"), warnings);
    }
}

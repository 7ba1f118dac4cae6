package dev.tollgate.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Status;
import dev.tollgate.model.Area;
import dev.tollgate.model.Facts;
import dev.tollgate.model.SafetyClassification;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.StepKind;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecord.CheckRecord;
import dev.tollgate.report.RunRecord.StepRecord;
import dev.tollgate.report.RunRecord.SuiteRecord;

/** Hand-built run records: a suite is a list of steps, each written as what it did and how it ended. */
final class Runs {

    static final String FILE = "/repo/suites/src/suites/upgrade-from-previous.suite.yaml";

    // Areas come from the check types, as the engine records them: built-in ones and plug-ins alike.
    private static final CheckRegistry CHECKS = CheckRegistry.discover();

    private Runs() {
    }

    static RunRecord run(SuiteRecord... suites) {
        return run("1.0.0", "1.1.0", suites);
    }

    static RunRecord run(String previous, String candidate, SuiteRecord... suites) {
        return new RunRecord("test", "local", previous, candidate, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:00:09Z"), Arrays.asList(suites), null, null);
    }

    static SuiteRecord suite(String name, List<String> tags, StepRecord... steps) {
        List<StepRecord> numbered = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            StepRecord step = steps[i];
            // Each step on its own line, so reasons can be told apart by position.
            numbered.add(new StepRecord(step.id(), step.idDeclared(), step.name(), step.kind(), SourcePosition.parse(FILE + ":" + (10 + i) + ":5"),
                    step.status(), step.message(), step.durationMillis(), step.checks(), step.declared(), null));
        }
        return new SuiteRecord(name, FILE, tags, numbered, List.of(), null, List.of());
    }

    /** The upgrade rehearsal as it ships, every step passing. */
    static SuiteRecord upgradeSuite() {
        return upgradeSuite(SAFE_SCHEMA, checks(passed("health"), passed("version"), passed("http")));
    }

    static final CheckRecord SAFE_SCHEMA = safety(new SafetyClassification("before-upgrade", true, List.of(
            new SafetyClassification.Finding("missions.priority", "column added, nullable", true),
            new SafetyClassification.Finding("missions_by_status", "index added", true),
            new SafetyClassification.Finding("audit_log", "table added", true))));

    static final CheckRecord UNSAFE_SCHEMA = safety(new SafetyClassification("before-upgrade", false, List.of(
            new SafetyClassification.Finding("missions.name", "column dropped", false))));

    /** A safety check's outcome as the check reports it: the classification, and the message that says it. */
    static CheckRecord safety(SafetyClassification classification) {
        return new CheckRecord("safety", "safety", Area.SAFETY, Status.PASSED, classification.describe(),
                Facts.of(classification));
    }

    /** The upgrade rehearsal with this safety classification, and this code rollback probe after the rollback step. */
    static SuiteRecord upgradeSuite(CheckRecord safety, StepRecord probe) {
        return suite("upgrade-from-previous", List.of("release-gate", "upgrade"),
                lifecycle("install", "install 1.0.0", Status.PASSED),
                checks(passed("health"), passed("ready"), passed("version")),
                lifecycle("seed", "seed fixtures/missions.yaml", Status.PASSED),
                lifecycle("snapshot", "snapshot before-upgrade", Status.PASSED),
                lifecycle("backup", "backup before-upgrade", Status.PASSED),
                lifecycle("upgrade", "upgrade 1.1.0", Status.PASSED),
                checks(passed("health"), passed("ready"), passed("version"), passed("migrations"), passed("convergence"),
                        safety, passed("data")),
                checks(passed("logs")),
                lifecycle("rollback", "rollback 1.0.0", Status.PASSED),
                probe);
    }

    static StepRecord lifecycle(String kind, String name, Status status) {
        return new StepRecord(kind, true, name, StepKind.forKey(kind).orElseThrow(), null, status,
                status == Status.PASSED ? "" : kind + " went wrong", 100, List.of(), List.of(), null);
    }

    static StepRecord checks(CheckRecord... checks) {
        Status status = Arrays.stream(checks).map(CheckRecord::status).filter(s -> s != Status.PASSED).findFirst()
                .orElse(Status.PASSED);
        String name = "check " + String.join(", ", Arrays.stream(checks).map(CheckRecord::name).toList());
        return new StepRecord(null, false, name, StepKind.CHECK, null, status, "", 10, Arrays.asList(checks),
                Arrays.stream(checks).map(check -> new RunRecord.DeclaredCheck(check.name(), check.type(), check.area())).toList(),
                null);
    }

    /** A check step that never ran, declaring checks of these types. */
    static StepRecord skippedCheck(String types) {
        return new StepRecord(null, false, "check " + types, StepKind.CHECK, null, Status.SKIPPED, "'upgrade 1.1.0' failed", 0,
                List.of(), Arrays.stream(types.split(",")).map(String::strip)
                        .map(type -> new RunRecord.DeclaredCheck(type, type, areaOf(type))).toList(), null);
    }

    static CheckRecord passed(String type) {
        return new CheckRecord(type, type, areaOf(type), Status.PASSED, type + " is fine", Facts.NONE);
    }

    static CheckRecord failed(String type, String message) {
        return new CheckRecord(type, type, areaOf(type), Status.FAILED, message, Facts.NONE);
    }

    /** The area the check type declares, as the engine records it; none for a generic or unknown type. */
    static Area areaOf(String type) {
        return CHECKS.find(type).flatMap(CheckType::area).orElse(null);
    }
}

package dev.tollgate.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tollgate.check.Status;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecord.CheckRecord;
import dev.tollgate.report.RunRecord.StepRecord;
import dev.tollgate.report.RunRecord.SuiteRecord;

/** Hand-built run records: a suite is a list of steps, each written as what it did and how it ended. */
final class Runs {

    static final String FILE = "/repo/suites/src/suites/upgrade-from-previous.suite.yaml";

    private Runs() {
    }

    static RunRecord run(SuiteRecord... suites) {
        return run("1.0.0", "1.1.0", suites);
    }

    static RunRecord run(String previous, String candidate, SuiteRecord... suites) {
        return new RunRecord("test", "local", previous, candidate, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:00:09Z"), Arrays.asList(suites));
    }

    static SuiteRecord suite(String name, List<String> tags, StepRecord... steps) {
        List<StepRecord> numbered = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            StepRecord step = steps[i];
            // Each step on its own line, so reasons can be told apart by position.
            numbered.add(new StepRecord(step.id(), step.name(), step.kind(), FILE + ":" + (10 + i) + ":5", step.status(),
                    step.message(), step.durationMillis(), step.checks()));
        }
        return new SuiteRecord(name, FILE, tags, numbered);
    }

    /** The upgrade rehearsal as it ships, every step passing. */
    static SuiteRecord upgradeSuite() {
        return upgradeSuite(SAFE_SCHEMA, checks(passed("health"), passed("version"), passed("http")));
    }

    static final CheckRecord SAFE_SCHEMA = new CheckRecord("safety", "safety", Status.PASSED,
            "backward-safe: 3 change(s) since snapshot before-upgrade, none breaks the previous release");

    static final CheckRecord UNSAFE_SCHEMA = new CheckRecord("safety", "safety", Status.PASSED,
            "NOT backward-safe: 1 finding(s) since snapshot before-upgrade: missions.name: column dropped");

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
        return new StepRecord(kind, name, kind, "", status, status == Status.PASSED ? "" : kind + " went wrong", 100,
                List.of());
    }

    static StepRecord checks(CheckRecord... checks) {
        Status status = Arrays.stream(checks).map(CheckRecord::status).filter(s -> s != Status.PASSED).findFirst()
                .orElse(Status.PASSED);
        String name = "check " + String.join(", ", Arrays.stream(checks).map(CheckRecord::name).toList());
        return new StepRecord(null, name, "check", "", status, "", 10, Arrays.asList(checks));
    }

    static StepRecord skippedCheck(String name) {
        return new StepRecord(null, "check " + name, "check", "", Status.SKIPPED, "'upgrade 1.1.0' failed", 0, List.of());
    }

    static CheckRecord passed(String type) {
        return new CheckRecord(type, type, Status.PASSED, type + " is fine");
    }

    static CheckRecord failed(String type, String message) {
        return new CheckRecord(type, type, Status.FAILED, message);
    }
}

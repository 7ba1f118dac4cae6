package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.gate.Verdict;

/**
 * Issue 19: a release whose migration fails on PostgreSQL and whose log ends in a whole stack
 * trace (as Spring Boot's does) is NO-GO with a reason that names the migration and the
 * database's error, not the log's last line ({@code ... 12 more}).
 */
class RootCauseTest {

    @TempDir
    Path evidence;

    @Test
    void aFailedMigrationIsNamedWithTheDatabasesErrorNotByTheLogsLastLine() throws Exception {
        GateRehearsal.Outcome outcome = GateRehearsal.suites("1.1.0-bad-index-drop", evidence,
                List.of("upgrade-from-previous.suite.yaml"));

        assertEquals(Verdict.NO_GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        String reasons = String.join("\n", outcome.result().reasons());
        assertTrue(reasons.contains("Failed to execute script V7__drop_missions_state_index.sql: ERROR: index \"missions_state_idx\""
                + " does not exist"), reasons);
        // The gate's reasons cut a line at 240 characters; the run record keeps the step's whole message.
        String upgrade = java.nio.file.Files.readString(evidence.resolve("run.json"));
        assertTrue(upgrade.contains("migration history (flyway) stops at 6 with no row for a failed migration"), upgrade);
        assertFalse(reasons.lines().anyMatch(line -> line.strip().matches("\\.\\.\\. \\d+ (more|common frames omitted)")),
                reasons);
    }

    /**
     * A token request that fails, then two checks of the same step and a later step that use the token
     * it never captured: the step's message leads with the token request's failure and counts the
     * rest as follow-ons, and the gate's reason, one line cut at 240 characters, quotes that cause and
     * names the step by its id.
     */
    @Test
    void aFailedCaptureLeadsAndTheUndefinedVariablesAfterItFollow() throws Exception {
        GateRehearsal.Outcome outcome = GateRehearsal.files("1.1.0", evidence,
                List.of(Path.of("src/test/resources/faults/follow-on-failures.suite.yaml").toAbsolutePath()));

        dev.tollgate.report.RunRecord run = dev.tollgate.report.RunRecordJson.read(evidence.resolve("run.json"));
        dev.tollgate.report.RunRecord.StepRecord step = run.suites().get(0).steps().stream()
                .filter(s -> "get-token".equals(s.id())).findFirst().orElseThrow();
        String[] lines = step.message().split("\n");
        assertTrue(lines[0].startsWith("http: ") && lines[0].contains("POST /oauth/token"), step.message());
        assertEquals("then 2 follow-on failures:", lines[1], step.message());
        assertTrue(lines[2].contains("adminToken") && lines[3].contains("adminToken"), step.message());
        assertEquals(dev.tollgate.check.Status.FAILED, step.status(), "the cause is a finding, so the step is one");

        assertEquals(Verdict.NO_GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        String reason = outcome.result().reasons().get(0);
        assertTrue(reason.contains("follow-on-failures › get-token at follow-on-failures.suite.yaml:")
                && reason.contains("POST /oauth/token"), reason);
        assertFalse(reason.contains("adminToken"), reason);
    }
}

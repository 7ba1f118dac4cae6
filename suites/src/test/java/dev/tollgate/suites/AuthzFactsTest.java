package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.gate.AreaStatus;
import dev.tollgate.model.Area;
import dev.tollgate.model.AuthzCase;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/**
 * The authorization matrix's cases travel as typed facts into {@code run.json} (format 3), with
 * whether each step's id was declared, and the gate decides the same with every message withheld.
 */
class AuthzFactsTest {

    @Test
    void aViewerWhoMayDeleteIsOneWrongCaseInTheRunRecordAndTheGateNeedsNoMessageToSayNoGo(@TempDir Path dir) {
        Path evidence = GateRehearsal.evidence(dir, "bad-authz");
        GateRehearsal.Outcome outcome = GateRehearsal.suites("1.1.0-bad-authz", evidence, List.of("authz.suite.yaml"));

        assertEquals(AreaStatus.FAILED, outcome.result().area(Area.AUTHORIZATION).status(), outcome.result()::toString);
        MessageBlindRun.assertSameDecision(outcome);

        RunRecord run = RunRecordJson.read(evidence.resolve(RunRecordJson.FILE_NAME));
        List<RunRecord.StepRecord> steps = run.suites().get(0).steps();
        RunRecord.StepRecord authorization = steps.stream().filter(step -> step.id().equals("authorization"))
                .findFirst().orElseThrow();
        assertTrue(authorization.idDeclared());
        assertFalse(steps.get(1).idDeclared(), "the check step without an id: has the engine's " + steps.get(1).id());
        List<AuthzCase> cases = authorization.checks().get(0).facts().authzCases();
        assertEquals(45, cases.size());
        List<AuthzCase> wrong = cases.stream().filter(c -> c.outcome() == AuthzCase.Outcome.WRONG).toList();
        assertEquals(1, wrong.size(), wrong::toString);
        assertEquals("viewer", wrong.get(0).subject());
        assertEquals("DELETE /api/v1/missions/${mission}", wrong.get(0).request());
        assertEquals(AuthzCase.Decision.DENY, wrong.get(0).expected());
        assertEquals(204, wrong.get(0).answered());
    }
}

package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import dev.tollgate.gate.CodeRollback;
import dev.tollgate.gate.GateResult;
import dev.tollgate.model.Area;
import dev.tollgate.report.RunRecord;

/**
 * A run record with every message withheld: what the gate sees when no check or step says anything
 * a person could read. The gate decides from statuses, areas and facts, so its verdict on such a
 * record must be the verdict on the real one; a rule that read meaning out of a message would
 * decide differently here.
 */
final class MessageBlindRun {

    static final String WITHHELD = "(message withheld)";

    private MessageBlindRun() {
    }

    static RunRecord of(RunRecord run) {
        return run.withSuites(run.suites().stream().map(suite -> suite.withSteps(suite.steps().stream()
                .map(step -> step.withMessage(WITHHELD).withChecks(step.checks().stream()
                        .map(check -> check.withMessage(WITHHELD)).toList()))
                .toList())).toList());
    }

    /**
     * The same verdict, the same status in every area, the same code-rollback outcome and statement.
     * A statement of an unsafe probe quotes the failing check for people, so there only its outcome
     * must agree.
     */
    static void assertSameDecision(GateRehearsal.Outcome outcome) {
        assertSameDecision(outcome.candidate(), outcome.result(), outcome.messageBlind());
    }

    static void assertSameDecision(String candidate, GateResult real, GateResult blind) {
        String context = candidate + ": " + real.reasons() + " / message-blind: " + blind.reasons();
        assertEquals(real.verdict(), blind.verdict(), context);
        Arrays.stream(Area.values()).forEach(area ->
                assertEquals(real.area(area).status(), blind.area(area).status(), area.key() + " of " + context));
        CodeRollback rollback = real.codeRollback();
        CodeRollback blindRollback = blind.codeRollback();
        assertEquals(rollback.probe(), blindRollback.probe(), context);
        assertEquals(rollback.classification(), blindRollback.classification(), context);
        assertEquals(rollback.asksForRestore(), blindRollback.asksForRestore(), context);
        assertEquals(rollback.disagreement().isPresent(), blindRollback.disagreement().isPresent(), context);
        if (rollback.probe() != CodeRollback.Probe.UNSAFE) {
            assertEquals(rollback.statement(), blindRollback.statement(), context);
        }
    }
}

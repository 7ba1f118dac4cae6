package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.CodeRollback;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Verdict;
import dev.tollgate.model.Area;
import dev.tollgate.report.RunRecordJson;

/**
 * Issue 19, item 5: what the previous release says when it starts again on the upgraded database.
 * The sample's 1.0.0 runs Flyway on start, and on 1.1.0's schema Flyway warns that the schema "has a
 * version (6) that is newer than the latest available migration (2)": the verdict states it under
 * code rollback, as a note unless the gate rules make it block. 1.1.0 on a schema of its own
 * migrations says nothing of the kind: code rollback safe.
 */
class CodeRollbackWarningTest {

    @TempDir
    Path evidence;

    @Test
    void aWarningOfThePreviousReleaseIsStatedUnderCodeRollbackAndBlocksOnlyByRule() throws Exception {
        GateRehearsal.Outcome outcome = GateRehearsal.suites("1.1.0", GateRehearsal.evidence(evidence, "warned"),
                List.of("upgrade-from-previous.suite.yaml"));

        GateResult result = outcome.result();
        assertEquals(Verdict.GO, result.verdict(), result.reasons()::toString);
        assertEquals(CodeRollback.Probe.WARNED, result.codeRollback().probe(), result.codeRollback()::toString);
        assertTrue(result.codeRollback().warnings().stream().anyMatch(line -> line.contains("WARN")
                && line.contains("has a version (6) that is newer than the latest available migration (2)")),
                result.codeRollback().warnings()::toString);
        assertTrue(result.codeRollback().statement().startsWith("code rollback: the previous release warned: "),
                result.codeRollback().statement());
        assertTrue(result.notes().contains(result.codeRollback().statement()), result.notes()::toString);
        assertEquals(AreaStatus.PASSED, result.area(Area.CODE_ROLLBACK).status());
        assertTrue(result.area(Area.CODE_ROLLBACK).firstReason().startsWith("previous release warned: "),
                result.area(Area.CODE_ROLLBACK)::toString);
        MessageBlindRun.assertSameDecision(outcome);

        GateRules blocking = new GateRules(GateRules.defaults().required(), GateRules.defaults().requiredByTag(),
                GateRules.defaults().advisory(), GateRules.defaults().requiredSuites(), true, dev.tollgate.gate.VersionNotChecked.NOTE, true);
        GateResult blocked = Gate.evaluate(RunRecordJson.read(evidence.resolve("warned/run.json")), blocking, List.of(),
                LocalDate.now());
        assertEquals(Verdict.NO_GO, blocked.verdict(), blocked.reasons()::toString);
        assertEquals(AreaStatus.FAILED, blocked.area(Area.CODE_ROLLBACK).status());
        assertEquals(1, blocked.reasons().size(), blocked.reasons()::toString);
        assertTrue(blocked.reasons().get(0).startsWith("code rollback: upgrade-from-previous › ")
                && blocked.reasons().get(0).contains("previous release warned: ")
                && blocked.reasons().get(0).contains("rollbackWarningsBlock: true"), blocked.reasons().get(0));
    }

    @Test
    void thePreviousReleaseOnASchemaItKnowsWarnsOfNothing() {
        // 1.1.0-open has exactly 1.1.0's migrations: going back to 1.1.0 meets no newer schema.
        GateRehearsal.Outcome outcome = GateRehearsal.suites("1.1.0", "1.1.0-open", evidence,
                List.of("upgrade-from-previous.suite.yaml"));

        GateResult result = outcome.result();
        assertEquals(CodeRollback.Probe.SAFE, result.codeRollback().probe(), result.codeRollback()::toString);
        assertEquals(List.of(), result.codeRollback().warnings());
        assertTrue(result.codeRollback().statement().startsWith("code rollback safe"), result.codeRollback().statement());
        assertTrue(result.notes().stream().noneMatch(note -> note.contains("warned")), result.notes()::toString);
    }

    @Test
    void aRulesFileMakesWarningsBlock() throws Exception {
        Path file = Files.writeString(evidence.resolve("gate.yaml"), "rollbackWarningsBlock: true\n");

        assertTrue(GateRules.load(file).rollbackWarningsBlock());
        assertTrue(!GateRules.defaults().rollbackWarningsBlock());
    }
}

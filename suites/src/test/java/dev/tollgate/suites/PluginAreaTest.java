package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.Verdict;
import dev.tollgate.model.Area;

/** A plug-in check type declares its area, and the gate places its findings there. */
class PluginAreaTest {

    static final Path SUITE = Path.of("src/test/resources/plugin/ledger.suite.yaml").toAbsolutePath();

    @TempDir
    Path evidence;

    @Test
    void aPluginCheckThatFailsCountsForTheAreaItDeclares() {
        GateRehearsal.Outcome outcome = GateRehearsal.files("1.1.0", evidence, List.of(SUITE));

        assertEquals(Verdict.NO_GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        assertEquals(AreaStatus.FAILED, outcome.result().area(Area.DATA).status(), outcome.result().reasons()::toString);
        assertTrue(outcome.result().area(Area.DATA).firstReason().endsWith("ledger: expected 1 row(s) in missions; it holds 0"),
                outcome.result().area(Area.DATA).firstReason());
        assertEquals(AreaStatus.PASSED, outcome.result().area(Area.INSTALL).status(), "the install phase it follows passed");
        MessageBlindRun.assertSameDecision(outcome);
    }
}

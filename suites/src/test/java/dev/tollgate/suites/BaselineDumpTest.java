package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.api.Constants;
import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.Verdict;
import dev.tollgate.model.Area;

/**
 * Rehearsing on a copy of production: a pg_dump of a 1.0.0 database holding rows the sample's API
 * never writes (NULLs where allowed, long text, old dates, scratch rows) is restored, anonymised and
 * shrunk by {@code prepare:}, and the upgrade rehearsal runs on it, on the local profile. The dump is
 * made as an operator makes one ({@link ProductionDump}). Needs PostgreSQL's client tools (pg_dump,
 * pg_restore, psql) on the PATH.
 */
class BaselineDumpTest {

    @TempDir
    static Path dir;

    /** The example suite, the dump made next to it as baseline.dump, and the same dump in the other formats. */
    private static ProductionDump dumps;

    @BeforeAll
    static void dumpA100DatabaseWithRowsTheApiNeverWrites() throws Exception {
        dumps = ProductionDump.make(dir);
    }

    @Test
    void theUpgradeFromTheDumpPassesDataConvergenceAndRestoreAfterPrepare() throws Exception {
        Path evidence = dir.resolve("evidence-go");
        assertGoWithDataConvergenceAndRestore(GateRehearsal.files("1.1.0", evidence, List.of(dumps.suite())), evidence);
    }

    @Test
    void aCandidateThatDeletesFinishedMissionsIsNoGoInDataOnTheDump() throws Exception {
        Path evidence = dir.resolve("evidence-dataloss");
        assertNoGoInDataNamingTheLostRows(GateRehearsal.files("1.1.0-bad-dataloss", evidence, List.of(dumps.suite())), evidence);
    }

    /** 1.0.0 → 1.1.0 from the example's dump: GO, prepare: ran, data, convergence and restore passed. */
    static void assertGoWithDataConvergenceAndRestore(GateRehearsal.Outcome outcome, Path evidence) throws IOException {
        assertEquals(Verdict.GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        assertEquals("PASSED", checks(evidence, "prepared").get("sql").path("status").asText(), "prepare: ran before the release");
        Map<String, JsonNode> afterUpgrade = checks(evidence, "after-upgrade");
        for (String check : List.of("migrations", "convergence", "data")) {
            assertEquals("PASSED", afterUpgrade.get(check).path("status").asText(), afterUpgrade.get(check).toString());
        }
        String data = afterUpgrade.get("data").path("message").asText();
        assertTrue(data.startsWith("no rows lost since snapshot before-upgrade") && data.contains("missions: compared column"), data);
        JsonNode restore = checks(evidence, "after-restore").get("restore");
        assertEquals("PASSED", restore.path("status").asText(), restore.toString());
    }

    /** 1.0.0 → 1.1.0-bad-dataloss from the example's dump: NO-GO in data, the two finished missions named. */
    static void assertNoGoInDataNamingTheLostRows(GateRehearsal.Outcome outcome, Path evidence) throws IOException {
        assertEquals(Verdict.NO_GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        assertEquals(AreaStatus.FAILED, outcome.result().area(Area.DATA).status(), outcome.result().reasons()::toString);
        String data = checks(evidence, "after-upgrade").get("data").path("message").asText();
        // 4 before: the snapshot was taken after prepare: deleted the 50 scratch missions.
        assertTrue(data.contains("missions: 2 rows lost (4 before, 2 after)") && data.contains("Vostok 1")
                && data.contains("Voskhod 2") && data.contains("notes=NULL"), data);
    }

    /** A directory-format dump restores with pg_restore --jobs, a plain one with psql; each then migrates. */
    @Test
    void directoryAndPlainDumpsRestoreToo() throws IOException {
        for (Path dump : List.of(dumps.directoryDump(), dumps.plainDump())) {
            Path file = Files.writeString(dir.resolve("install-" + dump.getFileName() + ".suite.yaml"), """
                    suite: install-from-%s
                    scenario:
                      - install: { release: "${candidate}", from: %s, prepare: "delete from missions where name like 'scratch-%%'" }
                      - id: restored
                        check:
                          - version
                          - sql: { query: "select count(*) from missions where created_at < '1970-01-01'", expect: 3 }
                          - sql: { query: "select count(*) from missions", expect: 4 }
                    """.formatted(dump.getFileName(), dump.getFileName()));
            EngineExecutionResults results = EngineTestKit.engine("tollgate")
                    .configurationParameters(Map.of(Constants.CANDIDATE, "1.1.0",
                            Constants.EVIDENCE_DIR, dir.resolve("evidence-" + dump.getFileName()).toString()))
                    .selectors(selectFile(file.toFile())).execute();
            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:restored"), finishedSuccessfully()));
        }
    }

    /** A dump that is none fails the run before any server starts, naming the file and the fix. */
    @Test
    void aFileThatIsNoDumpStopsTheRunBeforeAnythingStarts() throws IOException {
        Path notADump = Files.writeString(dir.resolve("users.csv"), "id,email\n1,a@example.com\n");
        Path file = Files.writeString(dir.resolve("not-a-dump.suite.yaml"), """
                suite: not-a-dump
                scenario:
                  - install: { release: "${previous}", from: users.csv }
                  - check: health
                """);

        EngineExecutionResults results = EngineTestKit.engine("tollgate")
                .configurationParameters(Map.of(Constants.EVIDENCE_DIR, dir.resolve("evidence-csv").toString()))
                .selectors(selectFile(file.toFile())).execute();

        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                file + ":3:5: The dump to install from: " + notADump + " is not a PostgreSQL dump")))));
        assertEquals(0, results.testEvents().started().count(), "no step started");
    }

    static Map<String, JsonNode> checks(Path evidence, String stepId) throws IOException {
        JsonNode record = new ObjectMapper().readTree(evidence.resolve("run.json").toFile());
        for (JsonNode step : record.path("suites").path(0).path("steps")) {
            if (step.path("id").asText().equals(stepId)) {
                Map<String, JsonNode> checks = new java.util.LinkedHashMap<>();
                step.path("checks").forEach(check -> checks.put(check.path("type").asText(), check));
                return checks;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + record);
    }
}

package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The upgrade suite's evidence (snapshot, migrations, safety, data) on real upgrades of the sample
 * service: a good one, one that renames a column, and bad candidates that must be caught.
 */
class UpgradeEvidenceTest {

    private static final Path UPGRADE = Path.of("src/suites/upgrade-from-previous.suite.yaml").toAbsolutePath();

    @Test
    void upgradeToABackwardSafeCandidatePassesEveryStepWithItsEvidence() throws Exception {
        EngineExecutionResults results = run("1.1.0");

        results.testEvents().assertStatistics(stats -> stats.started(11).succeeded(11).failed(0).skipped(0));
        Map<String, JsonNode> checks = afterUpgrade();
        assertTrue(checks.get("convergence").path("message").asText()
                .startsWith("the upgraded schema is identical to a clean install of 1.1.0"), checks.toString());
        assertEquals("PASSED", checks.get("migrations").path("status").asText());
        assertTrue(checks.get("migrations").path("message").asText().contains("flyway: 6 applied, 0 failed, newest 6;"
                + " since snapshot before-upgrade: earlier ones unchanged, 4 applied since: 3, 4, 5, 6"), checks.toString());
        assertTrue(checks.get("safety").path("message").asText().startsWith("backward-safe: "), checks.toString());
        String data = checks.get("data").path("message").asText();
        assertTrue(data.startsWith("no rows lost since snapshot before-upgrade (3 table(s): 1 table added, 2 unchanged)")
                && data.contains("missions: compared column by column on the 7 columns both shapes have (added priority)"), data);
    }

    @Test
    void upgradeThatRenamesAColumnPassesWithItsDataAndIsNotBackwardSafe() throws Exception {
        EngineExecutionResults results = run("2.0.0");

        // Every step passes but the code rollback probe: 1.0.0 reads missions.name, which 2.0.0 renamed.
        results.testEvents().assertStatistics(stats -> stats.started(11).succeeded(10).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:previous-on-candidate-schema"),
                finishedWithFailure(message(m -> m.contains("answered 500") && m.contains("the service logged: ")
                        && m.contains("column \"name\" does not exist")))));
        Map<String, JsonNode> checks = afterUpgrade();
        String safety = checks.get("safety").path("message").asText();
        assertEquals("PASSED", checks.get("safety").path("status").asText());
        assertTrue(safety.startsWith("NOT backward-safe: ") && safety.contains("missions.name: column dropped"), safety);
        String data = checks.get("data").path("message").asText();
        assertEquals("PASSED", checks.get("data").path("status").asText(), data);
        assertTrue(data.contains("missions: compared column by column on the 7 columns both shapes have"
                + " (renamed name -> title; added priority)"), data);
        assertTrue(checks.get("migrations").path("message").asText().contains("newest 7"), checks.toString());
    }

    @Test
    void aMigrationThatDeletesRowsFailsTheDataCheckNamingTheRowsLostByKey() throws Exception {
        EngineExecutionResults results = run("1.1.0-bad-dataloss");

        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:after-upgrade"), finishedWithFailure(message(
                m -> m.contains("data: missions: 1 row lost (3 before, 2 after): id=") && m.contains("Gemini")
                        && !m.contains("Apollo")))));
        Map<String, JsonNode> checks = afterUpgrade();
        assertEquals("PASSED", checks.get("migrations").path("status").asText(), checks.toString());
        assertEquals("FAILED", checks.get("data").path("status").asText());
    }

    /**
     * The sample service validates its history before it migrates: an edited, applied migration
     * stops the candidate from starting, so the upgrade itself fails with Flyway's message, and the
     * checks after it are skipped. (Where a tool does not refuse, the migrations check's
     * {@code since:} names the edited version and both checksums.)
     */
    @Test
    void anEditedAppliedMigrationStopsTheUpgradeNamingTheMigration() {
        EngineExecutionResults results = run("1.1.0-bad-checksum");

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("step:upgrade"), finishedWithFailure(message(
                        m -> m.contains("Migration checksum mismatch for migration version 2")))))
                .haveExactly(5, event(test(), skippedWithReason(r -> r.contains("'upgrade 1.1.0-bad-checksum'"))));
    }

    @Test
    void aSchemaThatDiffersFromACleanInstallFailsConvergenceWithTheDifference() throws Exception {
        EngineExecutionResults results = run("1.1.0-bad-drift");

        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:after-upgrade"), finishedWithFailure(message(
                m -> m.contains("convergence: the upgraded schema differs from a clean install of 1.1.0-bad-drift in 1 place(s):"
                        + " missions.priority: upgraded 'integer NULL', clean install 'integer NOT NULL DEFAULT 3'")))));
        assertEquals("FAILED", afterUpgrade().get("convergence").path("status").asText());
    }

    @Test
    void aDroppedColumnThePreviousReleaseReadsMakesTheCodeRollbackProbeFailWithItsError() {
        EngineExecutionResults results = run("1.1.0-bad-rollback-incompatible");

        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:previous-on-candidate-schema"),
                finishedWithFailure(message(m -> m.contains("missions-listed: expected GET /api/v1/missions to answer 200;"
                        + " it answered 500") && m.contains("column \"notes\" does not exist")))));
    }

    @Test
    void aChainUpgradesHopByHop() throws Exception {
        EngineExecutionResults results = EngineTestKit.engine("tollgate")
                .configurationParameters(Map.of("tollgate.chain", "1.0.0,1.1.0,2.0.0"))
                .selectors(selectFile(UPGRADE.toFile())).execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:upgrade"), finishedSuccessfully()));
        Map<String, JsonNode> checks = afterUpgrade();
        assertTrue(checks.get("version").path("message").asText().contains("'2.0.0'"), checks.toString());
        assertTrue(checks.get("migrations").path("message").asText().contains("5 applied since: 3, 4, 5, 6, 7"), checks.toString());
        Path runLogs;
        try (var runs = java.nio.file.Files.list(Path.of(System.getProperty("tollgate.evidence.dir")))) {
            runLogs = runs.filter(java.nio.file.Files::isDirectory)
                    .max(java.util.Comparator.comparing(dir -> dir.toFile().lastModified())).orElseThrow().resolve("logs");
        }
        try (var logs = java.nio.file.Files.list(runLogs)) {
            // Deployments in order (a clean-install reference is logged apart): install, the hop through
            // 1.1.0, 2.0.0, then the code rollback probe. The backup stopped 1.0.0 and the upgrade came
            // next, so 1.0.0 was not started again in between (the lazy restart).
            assertEquals(List.of("1.0.0", "1.1.0", "2.0.0", "1.0.0"), logs.map(log -> log.getFileName().toString())
                    .filter(name -> name.matches("\\d+-[\\d.]+\\.log")).sorted()
                    .map(name -> name.replaceAll("^\\d+-|\\.log$", "")).toList());
        }
    }

    private static EngineExecutionResults run(String candidate) {
        return EngineTestKit.engine("tollgate").configurationParameters(Map.of("tollgate.candidate", candidate))
                .selectors(selectFile(UPGRADE.toFile())).execute();
    }

    /** The checks of the step after the upgrade, by type, from the run record. */
    private static Map<String, JsonNode> afterUpgrade() throws Exception {
        JsonNode record = new ObjectMapper().readTree(Path.of(System.getProperty("tollgate.evidence.dir"), "run.json").toFile());
        List<String> seen = new ArrayList<>();
        for (JsonNode step : record.path("suites").path(0).path("steps")) {
            seen.add(step.path("id").asText());
            if (step.path("id").asText().equals("after-upgrade")) {
                Map<String, JsonNode> checks = new java.util.LinkedHashMap<>();
                step.path("checks").forEach(check -> checks.put(check.path("type").asText(), check));
                return checks;
            }
        }
        throw new AssertionError("no step after-upgrade in the run record; steps: " + seen);
    }
}

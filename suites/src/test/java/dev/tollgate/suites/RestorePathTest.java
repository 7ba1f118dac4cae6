package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The rollback-restore suite on real releases: the way back by restoring the pre-upgrade backup. */
class RestorePathTest {

    private static final Path ROLLBACK = Path.of("src/suites/rollback-restore.suite.yaml").toAbsolutePath();

    @Test
    void restoreAfterAnUpgradeThatRenamedAColumnBringsThePreviousReleaseBackWithItsData() throws Exception {
        EngineExecutionResults results = run("2.0.0");

        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:after-restore"), finishedSuccessfully()));
        JsonNode restore = check("after-restore", "restore");
        assertEquals("PASSED", restore.path("status").asText());
        String message = restore.path("message").asText();
        assertTrue(message.startsWith("the restored database equals snapshot before-upgrade (history of 2, 2 tables);"
                + " the restore discarded "), message);
        assertTrue(message.contains("missions: 1 row(s) written after the backup"), message);
        assertTrue(message.contains("migration(s) 3, 4, 5, 6, 7 applied after the backup"), message);
    }

    @Test
    void restoreAfterAFailedMigrationBringsThePreviousReleaseBackHealthyWithItsData() throws Exception {
        EngineExecutionResults results = run("1.1.0-bad-migration-fails");

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("step:upgrade"), finishedWithFailure(message(
                        m -> m.contains("Migration V5 (index missions status) failed")))))
                .haveExactly(1, event(test("step:restore"), finishedSuccessfully()))
                .haveExactly(1, event(test("step:after-restore"), finishedSuccessfully()));
        assertTrue(check("after-restore", "restore").path("message").asText().contains("migration(s) 3, 4 applied after the backup"));
        assertEquals("PASSED", check("after-restore", "version").path("status").asText());
    }

    private static EngineExecutionResults run(String candidate) {
        return EngineTestKit.engine("tollgate").configurationParameters(Map.of("tollgate.candidate", candidate))
                .selectors(selectFile(ROLLBACK.toFile())).execute();
    }

    private static JsonNode check(String stepId, String type) throws Exception {
        JsonNode record = new ObjectMapper().readTree(Path.of(System.getProperty("tollgate.evidence.dir"), "run.json").toFile());
        for (JsonNode step : record.path("suites").path(0).path("steps")) {
            if (step.path("id").asText().equals(stepId)) {
                for (JsonNode check : step.path("checks")) {
                    if (check.path("type").asText().equals(type)) {
                        return check;
                    }
                }
            }
        }
        throw new AssertionError("no check " + type + " in step " + stepId + " of " + record);
    }
}

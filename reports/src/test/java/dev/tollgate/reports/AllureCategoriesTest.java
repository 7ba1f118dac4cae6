package dev.tollgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The categories the Allure report sorts failures into, applied as Allure applies them (status
 * listed, the whole message matching the regex with DOTALL) to messages the checks and the runtime
 * really produced on the sample service's bad candidates (copied from their run records).
 */
class AllureCategoriesTest {

    private static final JsonNode CATEGORIES = load();

    @Test
    void lostRowsAreDataLoss() {
        assertEquals(List.of("Data loss"), categoriesOf("failed", "data: missions: 1 row lost (2 before, 1 after); rows now,"
                + " e.g. (\"2026-11-23 22:23:48.434104+00\",1,Apollo,,alice,3,planned,\"2026-11-23 22:23:48.434104+00\")"));
    }

    @Test
    void anEditedAppliedMigrationThatStopsTheCandidateIsMigrationHistoryAndUpgrade() {
        assertEquals(List.of("Migration history", "Install and upgrade"), categoriesOf("broken",
                "release 1.1.0-bad-checksum (pid 9702) exited with code 70 before it answered GET /health: Migrations failed"
                        + " validation against the database: Migration checksum mismatch for migration version 2 -> Applied to"
                        + " database : 818019991 -> Resolved locally : -274852373 Either revert the changes to the migration,"
                        + " or run repair to update the schema history.\nIts log is /work/suites/target/tollgate/x/logs/03.log"));
    }

    @Test
    void aMigrationThatFailsOnUpgradeIsMigrationHistoryAndUpgrade() {
        assertEquals(List.of("Migration history", "Install and upgrade"), categoriesOf("broken",
                "release 1.1.0-bad-migration-fails (pid 18592) exited with code 70 before it answered GET /health: Migration V5"
                        + " (index missions status) failed: ERROR: column \"priorty\" does not exist Hint: Perhaps you meant to"
                        + " reference the column \"missions.priority\". Position: 124. Schema version is still 4.\nIts log is x"));
    }

    @Test
    void stepsSkippedAfterAFailedLifecycleStepAreNotRunOnly() {
        assertEquals(List.of("Not run: an earlier lifecycle step failed"), categoriesOf("skipped",
                "'upgrade 1.1.0-bad-checksum' at upgrade-from-previous.suite.yaml:32:5 failed, so the rest of the scenario"
                        + " cannot run: release 1.1.0-bad-checksum (pid 9702) exited with code 70 before it answered GET /health:"
                        + " Migrations failed validation against the database: Migration checksum mismatch for migration version 2"));
    }

    @Test
    void aWrongReleaseIsVersionAndAnErrorInTheLogIsTheLog() {
        assertEquals(List.of("Version"), categoriesOf("failed", "version: expected the service to report release"
                + " '1.1.0-bad-version' in field 'version'; it reported '1.0.0'"));
        assertEquals(List.of("Errors in the service log"), categoriesOf("failed", "logs: expected no line of the log of"
                + " release 1.1.0-bad-dataloss (45 lines, 03-1.1.0-bad-dataloss.log) to match /(?i)migration.*failed/,"
                + " /(?i)connection refused/, /^\\s+at [\\w.$]+\\(/, /(?i)\\bERROR\\b/; 7 did:\n  line 10: 2026-11-23T22:23:58.622Z"
                + " [http-1] ERROR Router - GET /health failed requestId=421db30d"));
    }

    @Test
    void eachCheckLineOfAStepCountsForItsOwnArea() {
        assertEquals(List.of("Health", "Version"), categoriesOf("failed", "health: expected GET /health to answer 2xx within"
                + " 10s; it answered 503 {\"status\":\"DOWN\"}\nversion: expected the service to report release '1.1.0'"));
    }

    @Test
    void aViewerAllowedToDeleteIsAuthorization() {
        assertEquals(List.of("Authorization"), categoriesOf("failed", "http: expected DELETE /api/v1/missions/1 to answer"
                + " 403; it answered 204"));
    }

    @Test
    void aPassedStepIsInNoCategory() {
        assertEquals(List.of(), categoriesOf("passed", "data: no rows lost since snapshot before-upgrade"));
    }

    /** Allure's own rule (CategoriesPlugin.matches): every condition a category sets must hold. */
    private static List<String> categoriesOf(String status, String message) {
        return StreamSupport.stream(CATEGORIES.spliterator(), false)
                .filter(category -> category.path("matchedStatuses").isEmpty()
                        || category.path("matchedStatuses").toString().contains('"' + status + '"'))
                .filter(category -> !category.has("messageRegex")
                        || Pattern.compile(category.get("messageRegex").asText(), Pattern.DOTALL).matcher(message).matches())
                .map(category -> category.get("name").asText()).toList();
    }

    private static JsonNode load() {
        try (InputStream in = AllureLaunch.class.getResourceAsStream(AllureLaunch.CATEGORIES)) {
            return ReadinessJson.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.HealthCheck;
import dev.tollgate.check.VersionCheck;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.LocalRuntime;
import dev.tollgate.runtime.RunningService;

/** The local runtime's lifecycle on a real embedded PostgreSQL with the real sample service. */
class LocalRuntimeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Profile profile;
    private LocalRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        profile = LocalProfile.load();
        runtime = LocalProfile.start(profile, LocalProfile.workParent());
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void installsThePreviousReleaseThenUpgradesTheSameDatabase() {
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        assertPasses(health().run(previous));
        CheckResult previousVersion = version().run(previous, runtime.database());
        assertPasses(previousVersion);
        assertTrue(previousVersion.message().contains("schema version '2'"), previousVersion.message());

        RunningService candidate = runtime.deploy(new Release("1.1.0"));
        assertPasses(health().run(candidate));
        CheckResult candidateVersion = version().run(candidate, runtime.database());
        assertPasses(candidateVersion);
        assertTrue(candidateVersion.message().contains("schema version '6'"), candidateVersion.message());
        assertEquals("1.1.0", runtime.current().orElseThrow().release().id());
        assertTrue(Files.exists(previous.logFile()), "the previous release's log is kept as evidence");
    }

    @Test
    void versionCheckFailsWhenTheServiceReportsAnotherRelease() {
        RunningService stale = runtime.deploy(new Release("1.1.0-bad-version"));
        CheckResult result = version().run(stale, runtime.database());
        assertFalse(result.passed());
        assertTrue(result.message().contains("expected the service to report release '1.1.0-bad-version'")
                && result.message().contains("it reported '1.0.0'"), result.message());
    }

    @Test
    void healthCheckFailsWithWhatCameBack() {
        RunningService unhealthy = runtime.deploy(new Release("1.1.0-bad-health"));
        CheckResult result = new HealthCheck("health", "/health", Duration.ofSeconds(1)).run(unhealthy);
        assertFalse(result.passed());
        assertTrue(result.message().contains("it answered 503"), result.message());
    }

    @Test
    void restoresABackupTakenBeforeTheUpgrade() throws Exception {
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "before backup");
        runtime.backup("before-upgrade");
        assertEquals("1.0.0", runtime.current().orElseThrow().release().id(), "a backup restarts what ran");

        RunningService candidate = runtime.deploy(new Release("1.1.0"));
        createMission(candidate, "after backup");
        assertEquals(2, count("SELECT count(*) FROM missions"));

        runtime.restore("before-upgrade");
        assertTrue(runtime.current().isEmpty(), "a restore stops the service");
        assertEquals(1, count("SELECT count(*) FROM missions"));
        assertEquals(2, count("SELECT max(version::int) FROM flyway_schema_history"));
        assertPasses(version().run(runtime.deploy(new Release("1.0.0")), runtime.database()));
    }

    @Test
    void closeLeavesNoProcessAndNoScratchDirectory() {
        runtime.deploy(new Release("1.0.0"));
        Path runDirectory = runtime.runDirectory();
        String runId = runtime.runId();
        assertFalse(Leftovers.processesOf(runId, runDirectory).isEmpty(), "the scan must see a live run");

        runtime.close();

        assertEquals(java.util.List.of(), Leftovers.processesOf(runId, runDirectory));
        assertFalse(Files.exists(runDirectory), runDirectory + " should be deleted");
    }

    private HealthCheck health() {
        return new HealthCheck("health", profile.service().health(), Duration.ofSeconds(5));
    }

    private VersionCheck version() {
        return new VersionCheck(profile.service().version());
    }

    private static void assertPasses(CheckResult result) {
        assertTrue(result.passed(), result.check() + ": " + result.message());
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = runtime.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void createMission(RunningService service, String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.resolve("/api/v1/missions"))
                .header("Authorization", "Bearer dev-admin-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }
}

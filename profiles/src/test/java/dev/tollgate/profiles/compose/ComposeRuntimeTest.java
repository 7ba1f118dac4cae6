package dev.tollgate.profiles.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Release;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;
import dev.tollgate.runtime.compose.ComposeRuntime;

/**
 * The compose runtime's lifecycle on the quickstart profile against a real Docker engine: the
 * service's image is swapped in place while the database container and its volume stay, a backup
 * taken with pg_dump in the database container is restored with pg_restore, a clean-install
 * reference lives in a second database of the same server, a release whose migration fails is
 * reported with its own words, and nothing labelled is left afterwards.
 */
class ComposeRuntimeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ComposeRuntime runtime;
    private String adminToken;

    @BeforeEach
    void start() throws Exception {
        ComposeProfiles.assumeDocker();
        dev.tollgate.model.Profile quickstart = ComposeProfiles.load("quickstart");
        adminToken = dev.tollgate.profiles.LocalProfile.token(quickstart, "admin");
        runtime = ComposeProfiles.start(quickstart, ComposeProfiles.workParent());
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            String runId = runtime.runId();
            runtime.close();
            assertEquals(List.of(), ComposeProfiles.leftovers(runId), "everything labelled with the run must be gone");
        }
    }

    /** As on the local runtime: a second close returns only once the first has removed everything. */
    @Test
    void aSecondCloseWaitsForTheFirstToFinish() throws Exception {
        runtime.install(new Release("1.0.0"));
        String runId = runtime.runId();
        Thread first = new Thread(runtime::close);
        first.start();
        Thread.sleep(50);  // most often the thread's close is the first, under way: this one must wait for it

        runtime.close();

        assertEquals(List.of(), ComposeProfiles.leftovers(runId), "nothing labelled with the run is left when the second close returns");
        first.join(10_000);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> runtime.install(new Release("1.0.0")),
                "a closed runtime refuses work");
    }

    @Test
    void upgradesInPlaceKeepingTheDatabaseAndRestoresTheBackup() throws Exception {
        RunningService previous = runtime.install(new Release("1.0.0"));
        assertEquals("1.0.0", versionOf(previous));
        post(previous.baseUri(), "{\"name\":\"Apollo\"}");
        String databaseContainer = databaseContainerId();
        runtime.backup("before-upgrade");
        post(previous.baseUri(), "{\"name\":\"Gemini\"}");

        RunningService candidate = runtime.deploy(new Release("1.1.0"));

        assertEquals("1.1.0", versionOf(candidate));
        assertEquals(databaseContainer, databaseContainerId(), "the database container must survive the image swap");
        assertEquals(2, scalar(runtime.database(), "select count(*) from missions"), "rows written before the upgrade stay");
        assertEquals(6, scalar(runtime.database(), "select max(version::int) from flyway_schema_history"));

        runtime.restore("before-upgrade");
        assertTrue(runtime.current().isEmpty(), "a restore stops the service");
        assertEquals(1, scalar(runtime.database(), "select count(*) from missions"), "the backup had one mission");
        assertEquals(2, scalar(runtime.database(), "select max(version::int) from flyway_schema_history"));

        DatabaseEndpoint reference = runtime.cleanInstallReference(new Release("1.1.0"));
        assertFalse(reference.name().equals(runtime.database().name()));
        assertEquals(6, scalar(reference, "select max(version::int) from flyway_schema_history"));
        assertEquals(reference, runtime.cleanInstallReference(new Release("1.1.0")), "asked twice, the same database");
        assertEquals(2, scalar(runtime.database(), "select max(version::int) from flyway_schema_history"),
                "the reference leaves the service's database alone");

        TollgateException failed = assertThrows(TollgateException.class,
                () -> runtime.deploy(new Release("1.1.0-bad-migration-fails")));
        assertEquals(ErrorCode.RUNTIME_SERVICE_EXITED, failed.code());
        assertTrue(failed.getMessage().contains("exited with code 70") && failed.getMessage().contains("Migration V5"),
                failed.getMessage());
        assertTrue(runtime.lastDeployed().orElseThrow().logFile().toFile().length() > 0, "the failed release's log is kept");
    }

    /**
     * The convergence check's clean install of the candidate, started ahead, runs beside the install
     * of the previous release: each runs its own release (a reference that switched the project's
     * release variable would have the install start the candidate, and stop on its image check).
     */
    @Test
    void aCleanInstallStartedAheadRunsBesideTheInstallOfAnotherRelease() throws Exception {
        runtime.prepareCleanInstallReference(new Release("1.1.0"));

        RunningService previous = runtime.install(new Release("1.0.0"));

        assertEquals("1.0.0", versionOf(previous));
        DatabaseEndpoint reference = runtime.cleanInstallReference(new Release("1.1.0"));
        assertEquals(6, scalar(reference, "select max(version::int) from flyway_schema_history"));
        assertEquals(2, scalar(runtime.database(), "select max(version::int) from flyway_schema_history"),
                "the service's database is 1.0.0's");
        assertEquals(List.of("1.0.0 app"), runtime.deployedImages().stream().map(image -> image.release() + " " + image.service())
                .toList());
    }

    /**
     * A stop of the release leaves the clean-install reference, a one-off container of the same
     * service started ahead, alone: Compose v1's {@code rm} removed one-offs too, and the reference
     * failed with "its container is gone" for something the release did not do.
     */
    @Test
    void aStopOfTheReleaseLeavesTheCleanInstallStartedAheadRunning() throws Exception {
        runtime.prepareCleanInstallReference(new Release("1.1.0"));
        String reference = runtime.projectName() + "-reference-0";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!containerRuns(reference)) {
            assertTrue(System.nanoTime() < deadline, "the reference's container " + reference + " never ran");
            Thread.sleep(100);
        }

        runtime.stopService();

        DatabaseEndpoint installed = runtime.cleanInstallReference(new Release("1.1.0"));
        assertEquals(6, scalar(installed, "select max(version::int) from flyway_schema_history"));
    }

    private static boolean containerRuns(String name) throws Exception {
        Process process = new ProcessBuilder("docker", "ps", "-q", "--filter", "name=^/?" + name + "$").start();
        String id = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return !id.isEmpty();
    }

    private String databaseContainerId() throws Exception {
        Process process = new ProcessBuilder("docker", "ps", "-q", "--no-trunc", "--filter",
                "label=com.docker.compose.project=" + runtime.projectName(), "--filter", "label=com.docker.compose.service=db")
                .start();
        String id = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        assertFalse(id.isEmpty(), "the database container runs");
        return id;
    }

    private static String versionOf(RunningService service) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(service.resolve("api/v1/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.replaceAll(".*\"version\":\"([^\"]+)\".*", "$1");
    }

    private void post(URI baseUri, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUri.resolve("api/v1/missions"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }

    private static long scalar(DatabaseEndpoint database, String query) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}

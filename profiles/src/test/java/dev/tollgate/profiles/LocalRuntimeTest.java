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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.health.HealthCheck;
import dev.tollgate.engine.RuntimeCheckContext;
import dev.tollgate.check.health.VersionCheck;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.LocalRuntime;
import dev.tollgate.system.RunningService;

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
        assertPasses(health());
        CheckResult previousVersion = version();
        assertPasses(previousVersion);
        assertTrue(previousVersion.message().contains("schema version '2'"), previousVersion.message());

        RunningService candidate = runtime.deploy(new Release("1.1.0"));
        assertPasses(health());
        CheckResult candidateVersion = version();
        assertPasses(candidateVersion);
        assertTrue(candidateVersion.message().contains("schema version '6'"), candidateVersion.message());
        assertEquals("1.1.0", runtime.current().orElseThrow().release().id());
        assertTrue(Files.exists(previous.logFile()), "the previous release's log is kept as evidence");
    }

    @Test
    void versionCheckFailsWhenTheServiceReportsAnotherRelease() {
        runtime.deploy(new Release("1.1.0-bad-version"));
        CheckResult result = version();
        assertFalse(result.passed());
        assertTrue(result.message().contains("expected the service to report release '1.1.0-bad-version'")
                && result.message().contains("it reported '1.0.0'"), result.message());
    }

    @Test
    void healthCheckFailsWithWhatCameBack() {
        runtime.deploy(new Release("1.1.0-bad-health"));
        // Long enough for a cold HTTP client on a busy machine; a 503 comes back at once anyway.
        CheckResult result = HealthCheck.health().run(check("health", Map.of("within", "5s")), context());
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
        runtime.deploy(new Release("1.0.0"));
        assertPasses(version());
    }

    @Test
    void aBackupStartsTheReleaseAgainOnlyWhenAStepNeedsItUp() throws Exception {
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "before backup");
        runtime.backup("first");
        assertEquals(List.of("01-1.0.0.log"), serviceLogs(), "a template copy leaves the release stopped for now");
        assertEquals("1.0.0", runtime.runningRelease().orElseThrow().id(), "still the release that runs, without a start");

        // A check after the backup sees the previous release up: it is started for the check.
        assertPasses(version());
        assertEquals(List.of("01-1.0.0.log", "02-1.0.0.log"), serviceLogs());

        // Before an upgrade the restart is skipped: the candidate is the next start.
        runtime.backup("second");
        runtime.backup("third");
        RunningService candidate = runtime.deploy(new Release("1.1.0"));
        assertEquals(List.of("01-1.0.0.log", "02-1.0.0.log", "03-1.1.0.log"), serviceLogs(),
                "two backups and an upgrade: no start of 1.0.0 between them");
        createMission(candidate, "after backup");
        runtime.restore("third");
        assertTrue(runtime.current().isEmpty(), "a restore stops the service; no backup's release comes back");
        assertEquals(1, count("SELECT count(*) FROM missions"));
    }

    /**
     * Checks that only read the database, or the release's log and environment, leave a release a
     * backup stopped down: they read the release last deployed rather than ask for the one up.
     */
    @Test
    void checksThatReadOnlyTheDatabaseOrTheLogDoNotStartTheReleaseABackupStopped() throws Exception {
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "before backup");
        runtime.backup("first");

        assertPasses(new dev.tollgate.check.sql.SqlCheck().run(check("sql",
                Map.of("query", "SELECT max(version::int) FROM flyway_schema_history", "expect", 2)), context()));
        CheckResult logs = new dev.tollgate.check.logs.LogsCheck().run(check("logs", Map.of()), context());
        CheckResult warnings = new dev.tollgate.check.logs.MigrationWarningsCheck().run(
                check(dev.tollgate.check.logs.MigrationWarningsCheck.TYPE, Map.of()), context());

        assertTrue(logs.message().contains("1.0.0"), logs.message());
        assertTrue(warnings.message().contains("1.0.0"), warnings.message());
        assertEquals(List.of("01-1.0.0.log"), serviceLogs(), "no start of 1.0.0 for checks that only read");
        assertTrue(runtime.runningRelease().isPresent(), "1.0.0 still starts again when a step needs it up");
    }

    /**
     * The upgrade that replaces a release a backup left stopped has nothing to stop: the backup's stop
     * is kept for its window, which runs from the old release's stop (docs/suites.md), and dropped
     * once the release starts again.
     */
    @Test
    void theStopOfABackupIsKeptForTheWindowOfTheUpgradeThatReplacesTheRelease() throws Exception {
        runtime.deploy(new Release("1.0.0"));
        assertEquals(0, runtime.pendingStopMillis(), "nothing stopped yet");
        long started = System.nanoTime();
        runtime.backup("first");
        long backupMillis = (System.nanoTime() - started) / 1_000_000;

        long stop = runtime.pendingStopMillis();
        assertTrue(stop > 0 && stop <= backupMillis, "the backup's stop of 1.0.0, within the backup's " + backupMillis + " ms: " + stop);

        runtime.current();
        assertEquals(0, runtime.pendingStopMillis(), "started again: the next upgrade stops it itself");
        runtime.backup("second");
        long second = runtime.pendingStopMillis();
        assertTrue(second > 0);
        runtime.backup("third");
        assertEquals(second, runtime.pendingStopMillis(), "a backup right after another stops nothing: the first's stop counts");
        runtime.deploy(new Release("1.1.0"));
        assertEquals(0, runtime.pendingStopMillis(), "replaced: no stop left to count");
        String unknown = assertThrows(dev.tollgate.api.TollgateException.class, () -> runtime.restore("never")).getMessage();
        assertTrue(unknown.startsWith("No backup named 'never' was taken in this run. Backups taken: ")
                && unknown.contains("second") && unknown.endsWith("Add a backup step before the restore."), unknown);
    }

    @Test
    void closeStopsTheDatabaseServerWithoutACheckpointAndDeletesItsFiles() throws Exception {
        runtime.deploy(new Release("1.0.0"));
        Path runDirectory = runtime.runDirectory();
        Path dataDirectory;
        try (Connection connection = runtime.database().connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select current_setting('data_directory')")) {
            row.next();
            dataDirectory = Path.of(row.getString(1));
        }
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        Path serverLog = runtime.logDirectory().resolve("postgres.log");

        runtime.close();

        // Ended when close() returns; this JVM's process reaper may take a moment to collect it.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the database server has ended");
        assertFalse(Files.exists(runDirectory), "the run's files are deleted");
        assertFalse(Files.exists(dataDirectory.getParent()), "and the server's: " + dataDirectory);
        String log = Files.readString(serverLog);
        assertTrue(log.contains("received immediate shutdown request"), "its data goes, so no checkpoint: " + log);
        assertFalse(log.contains("checkpoint starting: shutdown"), log);
    }

    private List<String> serviceLogs() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(runtime.logDirectory())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith("postgres")).sorted().toList();
        }
    }

    @Test
    void restoresAPgDumpBackupTakenWhileTheServiceRuns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("pg_dump") && onPath("pg_restore"),
                "pg_dump/pg_restore are not on the PATH: install postgresql-client (.ci/run does) to test the pg_dump strategy");
        runtime.close();
        // Without state: outside the database, which is copied while the service is stopped, pg_dump needs no stop.
        runtime = LocalProfile.start(profile.withState(Map.of())
                .withDatabase(profile.database().withBackup(dev.tollgate.model.BackupStrategy.PG_DUMP)), LocalProfile.workParent());
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "before backup");
        runtime.backup("before-upgrade");
        assertEquals(previous.baseUri(), runtime.current().orElseThrow().baseUri(), "pg_dump needs no restart");

        RunningService candidate = runtime.deploy(new Release("1.1.0"));
        createMission(candidate, "after backup");
        runtime.restore("before-upgrade");

        assertEquals(1, count("SELECT count(*) FROM missions"));
        assertEquals(2, count("SELECT max(version::int) FROM flyway_schema_history"));
        assertEquals(0, count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'mission_tags'"));
        runtime.deploy(new Release("1.0.0"));
        assertPasses(version());
    }

    @Test
    void restoresAPhysicalBackupTheColdCopyOfTheDataDirectory() throws Exception {
        runtime.close();
        runtime = LocalProfile.start(profile.withDatabase(profile.database().withBackup(dev.tollgate.model.BackupStrategy.PHYSICAL)),
                LocalProfile.workParent());
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "before backup");
        runtime.backup("before-upgrade");
        assertEquals("1.0.0", runtime.current().orElseThrow().release().id(), "a cold copy restarts what ran");

        RunningService candidate = runtime.deploy(new Release("1.1.0"));
        createMission(candidate, "after backup");
        runtime.restore("before-upgrade");

        assertEquals(1, count("SELECT count(*) FROM missions"));
        assertEquals(2, count("SELECT max(version::int) FROM flyway_schema_history"));
        runtime.deploy(new Release("1.0.0"));
        assertPasses(version());
    }

    @Test
    void installsACleanInstallReferenceWithoutTouchingTheServiceOrItsDatabase() throws Exception {
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "in production");

        dev.tollgate.system.DatabaseEndpoint reference = runtime.cleanInstallReference(new Release("1.1.0"));

        assertEquals(previous.baseUri(), runtime.current().orElseThrow().baseUri(), "the service kept running");
        assertEquals(2, count("SELECT max(version::int) FROM flyway_schema_history"), "the service's database is untouched");
        try (Connection connection = reference.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT max(version::int), (SELECT count(*) FROM missions) FROM flyway_schema_history")) {
            rows.next();
            assertEquals(6, rows.getInt(1), "the reference holds a clean install of 1.1.0");
            assertEquals(0, rows.getInt(2));
        }
        assertEquals(reference, runtime.cleanInstallReference(new Release("1.1.0")), "installed once per release");
    }

    /** The convergence check's reference, begun when the suite starts, while the suite goes on. */
    @Test
    void aCleanInstallStartedAheadIsTheOneAskedForLater() throws Exception {
        runtime.prepareCleanInstallReference(new Release("1.1.0"));
        RunningService previous = runtime.deploy(new Release("1.0.0"));
        createMission(previous, "in production, meanwhile");

        dev.tollgate.system.DatabaseEndpoint reference = runtime.cleanInstallReference(new Release("1.1.0"));

        assertEquals("tollgate_clean_install_0", reference.name(), "installed once, ahead, not again when asked");
        try (Connection connection = reference.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT max(version::int), (SELECT count(*) FROM missions) FROM flyway_schema_history")) {
            rows.next();
            assertEquals(6, rows.getInt(1), "the reference holds a clean install of 1.1.0");
            assertEquals(0, rows.getInt(2), "and none of the service's data");
        }
        assertEquals(1, count("SELECT count(*) FROM missions"), "the service's database has only its own mission");
        assertEquals(reference, runtime.cleanInstallReference(new Release("1.1.0")));
    }

    /** Closed while the clean install ahead is starting: its service and its files go with the rest. */
    @Test
    void closingWhileACleanInstallRunsAheadLeavesNothing() throws Exception {
        runtime.prepareCleanInstallReference(new Release("1.1.0"));
        Thread.sleep(700);  // the reference's service is starting now
        String runId = runtime.runId();
        Path directory = runtime.runDirectory();

        runtime.close();

        assertEquals(List.of(), Leftovers.processesOf(runId, directory));
        assertFalse(Files.exists(directory), "the run directory is gone");
    }

    /** A clean install that fails ahead fails when asked for, as one started then would. */
    @Test
    void aCleanInstallThatFailsAheadFailsWhenAskedFor() throws Exception {
        runtime.close();
        profile = profile.withService(profile.service().withStartTimeout(java.time.Duration.ofSeconds(5)));
        runtime = LocalProfile.start(profile, LocalProfile.workParent());
        runtime.prepareCleanInstallReference(new Release("1.1.0-bad-migration-hangs"));

        dev.tollgate.api.TollgateException failure = assertThrows(dev.tollgate.api.TollgateException.class,
                () -> runtime.cleanInstallReference(new Release("1.1.0-bad-migration-hangs")));

        assertEquals(dev.tollgate.api.ErrorCode.RUNTIME_SERVICE_NOT_READY, failure.code());
        assertTrue(failure.getMessage().contains("within 5s"), failure.getMessage());
    }

    /**
     * A candidate whose migration sleeps for an hour overruns its start budget: the release is ended,
     * and so is the session it left sleeping, which would otherwise hold the migration's transaction
     * and keep the database from being copied (a template backup needs no one connected).
     */
    @Test
    void aMigrationThatHangsPastTheStartBudgetIsEndedWithItsDatabaseSession() throws Exception {
        runtime.close();
        profile = profile.withService(profile.service().withStartTimeout(java.time.Duration.ofSeconds(5)));
        runtime = LocalProfile.start(profile, LocalProfile.workParent());
        runtime.deploy(new Release("1.0.0"));
        long started = System.nanoTime();

        dev.tollgate.api.TollgateException failure = assertThrows(dev.tollgate.api.TollgateException.class,
                () -> runtime.deploy(new Release("1.1.0-bad-migration-hangs")));

        assertEquals(dev.tollgate.api.ErrorCode.RUNTIME_SERVICE_NOT_READY, failure.code());
        assertTrue(failure.getMessage().contains("did not answer GET") && failure.getMessage().contains("within 5s"),
                failure.getMessage());
        assertTrue(java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "bounded by the start budget");
        assertTrue(runtime.current().isEmpty(), "the hung release is stopped");
        assertEquals(0, count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3600)%'"
                + " AND query NOT LIKE '%pg_stat_activity%'"), "the migration's session is ended, not left sleeping");
        runtime.backup("after-the-hang");  // CREATE DATABASE … TEMPLATE fails while anyone is connected
        assertEquals(5, count("SELECT max(version::int) FROM flyway_schema_history WHERE success"), "V6 was rolled back");
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(Path.of(dir, tool)));
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

    /** A second close (the Ctrl-C hook's, say) returns only once the first has removed everything. */
    @Test
    void aSecondCloseWaitsForTheFirstToFinish() throws Exception {
        runtime.deploy(new Release("1.0.0"));
        Path runDirectory = runtime.runDirectory();
        Thread first = new Thread(runtime::close);
        first.start();
        Thread.sleep(50);  // most often the thread's close is the first, under way: this one must wait for it

        runtime.close();

        assertFalse(Files.exists(runDirectory), runDirectory + " is gone when the second close returns");
        first.join(10_000);
        assertThrows(IllegalStateException.class, () -> runtime.deploy(new Release("1.0.0")), "a closed runtime refuses work");
    }

    private CheckResult health() {
        return HealthCheck.health().run(check("health", Map.of()), context());
    }

    private CheckResult version() {
        return new VersionCheck().run(check("version", Map.of()), context());
    }

    private RuntimeCheckContext context() {
        return new RuntimeCheckContext(profile, runtime, Variables.fromSystem());
    }

    private static CheckSpec check(String type, Map<String, Object> config) {
        return new CheckSpec(type, type, config, new SourcePosition(Path.of("LocalRuntimeTest.java"), 1, 1));
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

    private void createMission(RunningService service, String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.resolve("/api/v1/missions"))
                .header("Authorization", "Bearer " + LocalProfile.token(profile, "admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }
}

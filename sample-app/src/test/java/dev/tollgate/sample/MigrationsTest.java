package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationsTest extends PostgresTestSupport {

    private static final Map<String, String> EXPECTED_VERSION = Map.of(
            "1.0.0", "2",
            "2.0.0", "7",
            "2.0.0-bad-dataloss", "7",
            "1.1.0-table-rewrite", "7",
            "1.1.0-bad-rollback-incompatible", "7");

    static Stream<String> releasesThatMigrate() {
        // The release that fails and the one that hangs (an hour in V6) are tested on their own.
        return Releases.ids().stream().filter(id -> !id.equals("1.1.0-bad-migration-fails")
                && !id.equals("1.1.0-bad-index-drop")
                && !id.equals("1.1.0-bad-migration-hangs"));
    }

    @ParameterizedTest
    @MethodSource("releasesThatMigrate")
    void everyReleaseMigratesAnEmptyDatabase(String release) throws SQLException {
        String url = newDatabase();
        String version = migrate(release, url);
        assertEquals(EXPECTED_VERSION.getOrDefault(release, "6"), version);
        Readiness readiness = new Migrations(dataSource(url), Releases.require(release)).readiness();
        assertTrue(readiness.ready(), () -> release + ": " + readiness.reason());
        assertEquals(version, readiness.schemaVersion());
    }

    @Test
    void badMigrationFailsAtV5AndLeavesV3AndV4Applied() throws SQLException {
        String url = newDatabase();
        StartupException failure = assertThrows(StartupException.class,
                () -> migrate("1.1.0-bad-migration-fails", url));
        assertEquals(ExitCode.SOFTWARE, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("Migration V5 (index missions status) failed: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("priorty"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Schema version is still 4."), failure.getMessage());
        assertEquals("1,2,3,4", string(url,
                "select string_agg(version, ',' order by installed_rank) from flyway_schema_history where success"));
        // PostgreSQL runs each migration in a transaction: the index V5 created before failing is gone too.
        assertEquals(0, count(url, "select count(*) from pg_indexes where indexname = 'missions_status_idx'"));
        Readiness readiness = new Migrations(dataSource(url), Releases.require("1.1.0-bad-migration-fails")).readiness();
        assertEquals("2 pending migrations", readiness.reason());
    }

    @Test
    void indexDropFailsAtV7WithoutAFailedRowAndEndsAsAFrameworkDoes() throws SQLException {
        String url = newDatabase();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> migrate("1.1.0-bad-index-drop", url));
        assertTrue(failure.getMessage().startsWith("Error creating bean with name 'flywayInitializer': Failed to"
                + " execute script V7__drop_missions_state_index.sql"), failure.getMessage());
        assertEquals("1,2,3,4,5,6", string(url,
                "select string_agg(version, ',' order by installed_rank) from flyway_schema_history"));
    }

    /**
     * The hanging release really hangs in V6 (its session sleeps, V3 to V5 applied) and gives way once
     * its session is terminated, which is what a harness must do after ending the process.
     */
    @Test
    void badMigrationHangsInV6UntilItsSessionIsTerminated() throws Exception {
        String url = seeded100();
        java.util.concurrent.CompletableFuture<String> migration = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> migrate("1.1.0-bad-migration-hangs", url));
        // This test's own database only (other tests share the server), and not the backend of a
        // polling query that has just ended: its last query names pg_sleep(3600) too.
        String sleeping = "select count(*) from pg_stat_activity where datname = current_database() and state = 'active'"
                + " and query like '%pg_sleep(3600)%' and query not like '%pg_stat_activity%' and pid <> pg_backend_pid()";
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (count(url, sleeping) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, count(url, sleeping), "V6 sleeps");
        assertFalse(migration.isDone(), "the migration is still running");
        assertEquals(1, count(url, sleeping.replace("count(*)", "count(pg_terminate_backend(pid))")));
        java.util.concurrent.ExecutionException failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> migration.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("V6"), failure.getCause().getMessage());
        assertEquals("1,2,3,4,5", string(url,
                "select string_agg(version, ',' order by installed_rank) from flyway_schema_history where success"));
    }

    @Test
    void upgradeFrom100To110KeepsRowsAndBackfillsPriority() throws SQLException {
        String url = seeded100();
        assertEquals("6", migrate("1.1.0", url));
        assertEquals(3, count(url, "select count(*) from missions"));
        assertEquals(3, count(url, "select count(*) from missions where priority = 3"));
        assertEquals("Apollo,Gemini,Mercury", string(url, "select string_agg(name, ',' order by name) from missions"));
        assertEquals(1, count(url, "select count(*) from audit_log"));
    }

    @Test
    void upgradeFrom100To200KeepsNamesAsTitles() throws SQLException {
        String url = seeded100();
        assertEquals("7", migrate("2.0.0", url));
        assertEquals("Apollo,Gemini,Mercury", string(url, "select string_agg(title, ',' order by title) from missions"));
        assertEquals(0, count(url, "select count(*) from information_schema.columns"
                + " where table_name = 'missions' and column_name = 'name'"));
        assertEquals("NO", string(url, "select is_nullable from information_schema.columns"
                + " where table_name = 'missions' and column_name = 'title'"));
    }

    @Test
    void badDatalossLosesDoneMissionsOnUpgrade() throws SQLException {
        String url = seeded100();
        migrate("1.1.0-bad-dataloss", url);
        assertEquals(2, count(url, "select count(*) from missions"));
        assertEquals(0, count(url, "select count(*) from missions where status = 'done'"));
    }

    @Test
    void badChecksumFailsValidationAgainstA100Database() throws SQLException {
        String url = seeded100();
        Migrations candidate = new Migrations(dataSource(url), Releases.require("1.1.0-bad-checksum"));
        StartupException failure = assertThrows(StartupException.class, candidate::migrate);
        assertEquals(ExitCode.SOFTWARE, failure.exitCode());
        assertTrue(failure.getMessage().contains("checksum mismatch for migration version 2"), failure.getMessage());
        assertEquals("2", string(url, "select max(version) from flyway_schema_history"));
        assertFalse(candidate.readiness().ready());
    }

    @Test
    void badDriftGivesCleanInstallAndUpgradeDifferentSchemas() throws SQLException {
        String clean = newDatabase();
        migrate("1.1.0-bad-drift", clean);
        String upgraded = seeded100();
        migrate("1.1.0-bad-drift", upgraded);
        String nullability = "select is_nullable || ' ' || coalesce(column_default, 'none')"
                + " from information_schema.columns where table_name = 'missions' and column_name = 'priority'";
        assertEquals("NO 3", string(clean, nullability));
        assertEquals("YES none", string(upgraded, nullability));
    }

    @Test
    void goodReleaseConvergesOnCleanInstallAndUpgrade() throws SQLException {
        String clean = newDatabase();
        migrate("1.1.0", clean);
        String upgraded = seeded100();
        migrate("1.1.0", upgraded);
        String columns = "select string_agg(column_name || ':' || data_type || ':' || is_nullable || ':'"
                + " || coalesce(column_default, ''), ',' order by column_name) from information_schema.columns"
                + " where table_schema = 'public' and table_name in ('missions', 'mission_tags')";
        assertEquals(string(clean, columns), string(upgraded, columns));
    }

    @Test
    void readinessCountsPendingMigrations() throws SQLException {
        String url = seeded100();
        Readiness readiness = new Migrations(dataSource(url), Releases.require("1.1.0")).readiness();
        assertEquals(new Readiness(false, null, "4 pending migrations"), readiness);
    }

    @Test
    void previousReleaseStillMigratesANewerSchema() throws SQLException {
        String url = newDatabase();
        migrate("1.1.0", url);
        assertEquals("6", migrate("1.0.0", url));
        assertTrue(new Migrations(dataSource(url), Releases.require("1.0.0")).readiness().ready());
    }

    @Test
    void auditLogIsAppendOnly() throws SQLException {
        String url = seeded100();
        assertAll(
                () -> assertThrows(SQLException.class, () -> execute(url, "update audit_log set outcome = 'x'")),
                () -> assertThrows(SQLException.class, () -> execute(url, "delete from audit_log")));
        assertEquals(1, count(url, "select count(*) from audit_log where outcome = 'allowed'"));
    }

    /** A 1.0.0 database with three missions, one of them done, and one audit row. */
    private static String seeded100() throws SQLException {
        String url = newDatabase();
        migrate("1.0.0", url);
        execute(url,
                "insert into missions (name, owner, status, notes) values"
                        + " ('Mercury', 'olivia', 'done', 'first'), ('Gemini', 'olivia', 'active', null),"
                        + " ('Apollo', 'carl', 'planned', 'moon')",
                "insert into audit_log (request_id, subject, action, resource, outcome)"
                        + " values ('seed', 'olivia', 'missions.create', 'missions/1', 'allowed')");
        return url;
    }
}

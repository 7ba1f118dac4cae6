package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.db.HistoryDetection.Match;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Flyway's history written by Flyway itself, as a Spring Boot service configured with
 * {@code spring.flyway.table=schema_version} and {@code spring.flyway.schemas=app} keeps it.
 */
class FlywayWrittenHistoryTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    @TempDir
    Path scripts;

    /** A database Flyway migrated, its history in app.schema_version; Flyway created the schema itself. */
    static DatabaseEndpoint migratedByFlyway(TestDatabases postgres, Path scripts) throws Exception {
        Files.writeString(scripts.resolve("V1__create_missions.sql"), "CREATE TABLE missions (id integer PRIMARY KEY, title text);");
        Files.writeString(scripts.resolve("V1_1__add_priority.sql"), "ALTER TABLE missions ADD COLUMN priority integer;");
        DatabaseEndpoint database = postgres.create();
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .schemas("app").table("schema_version").locations("filesystem:" + scripts)
                .load().migrate();
        return database;
    }

    @Test
    void findsARenamedFlywayTableInAnotherSchemaByItsColumns() throws Exception {
        DatabaseEndpoint database = migratedByFlyway(postgres, scripts);

        HistoryReading reading = MigrationHistories.inspect(database, MigrationsSpec.detect(), null);

        assertEquals(new Match("flyway", new HistoryTable("app", "schema_version"), List.of("installed_rank", "version",
                "description", "type", "checksum", "installed_on", "success"), List.of(), true), reading.detection().chosen());
        assertEquals(List.of("1", "1.1"), reading.history().migrations().stream().map(AppliedMigration::version).toList());
        assertEquals(List.of("create missions", "add priority"),
                reading.history().migrations().stream().map(AppliedMigration::description).toList());
        assertTrue(reading.history().migrations().stream().allMatch(AppliedMigration::success));
    }

    @Test
    void readsItWhereTheSettingsSay() throws Exception {
        DatabaseEndpoint database = migratedByFlyway(postgres, scripts);

        MigrationHistory history = MigrationHistories.inspect(database,
                new MigrationsSpec("flyway", "schema_version", "app", null, null, null), "the check's settings").history();
        MigrationHistory elsewhere = MigrationHistories.inspect(database,
                new MigrationsSpec("flyway", "schema_version", "public", null, null, null), "the check's settings").history();

        assertEquals("1.1", history.newestApplied().orElseThrow().version());
        assertEquals(new MigrationHistory("flyway", List.of()), elsewhere);
    }

    @Test
    void aSnapshotLeavesTheRenamedTableOutOfTheData() throws Exception {
        DatabaseEndpoint database = migratedByFlyway(postgres, scripts);

        Snapshot snapshot = Snapshot.take("before-upgrade", database, java.util.Set.of(),
                new MigrationsSpec("flyway", "schema_version", "app", null, null, null));

        assertEquals(2, snapshot.history().migrations().size());
        assertEquals(List.of("app.missions"), snapshot.data().tables().stream().map(TableFingerprint::table).toList());
    }
}

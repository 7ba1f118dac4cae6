package dev.tollgate.check.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.EvidenceDatabase.Context;
import dev.tollgate.check.Status;
import dev.tollgate.db.ToolTables;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.SourcePosition;

/** The {@code migrations} check on a database made by each tool, and told where the history is. */
class MigrationToolChecksTest {

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();
    private final MigrationsCheck migrations = new MigrationsCheck();

    @TempDir
    Path scripts;

    static List<ToolTables> tools() {
        return ToolTables.all();
    }

    @ParameterizedTest
    @MethodSource("tools")
    void passesOnEachToolsHistoryAndFailsOnItsFailedMigration(ToolTables tool) {
        CheckResult result = postgres.create(tool.ddl()).check(migrations, Map.of("latest", tool.newest()));

        long applied = tool.expected().stream().filter(migration -> migration.success()).count();
        if (tool.anyFailed()) {
            assertEquals(Status.FAILED, result.status(), result.message());
            assertTrue(result.message().contains(" failed ("), result.message());
        } else {
            assertEquals(Status.PASSED, result.status(), result.message());
        }
        assertTrue(result.message().contains(tool.tool() + ": " + applied + " applied")
                || result.message().contains(tool.tool() + " in public."), result.message());
        assertTrue(result.message().contains("newest " + tool.newest()), result.message());
    }

    @ParameterizedTest
    @MethodSource("tools")
    void failsWhenTheNewestMigrationIsNotTheOneExpected(ToolTables tool) {
        CheckResult result = postgres.create(tool.ddl()).check(migrations, Map.of("tool", tool.tool(), "latest", "99"));

        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("expected the newest applied migration to be 99; it is " + tool.newest()),
                result.message());
    }

    @Test
    void aDatabaseWithTwoToolsTablesSaysWhichWasRead() {
        Context context = postgres.create(tool("goose").ddl(), tool("alembic").ddl());

        CheckResult result = context.check(migrations, Map.of());

        assertEquals(Status.PASSED, result.status(), result.message());
        assertEquals("alembic in public.alembic_version (also found: goose in public.goose_db_version; not read): 1 applied,"
                + " 0 failed, newest 3f1c2a9b7d4e", result.message());
        assertTrue(result.evidence().get(0).content().startsWith("read alembic's history in public.alembic_version; also found"
                + " goose's history in public.goose_db_version, not read"), result.evidence().get(0).content());
    }

    @Test
    void sharedTableNamesSayWhichToolWasChosen() {
        CheckResult result = postgres.create(tool("rails").ddl()).check(migrations, Map.of());

        assertEquals("rails in public.schema_migrations (told from ecto, golang-migrate, dbmate by its columns): 2 applied,"
                + " 0 failed, newest 20240601090000", result.message());
    }

    @Test
    void aRenamedFlywayTableInAnotherSchemaIsReadWhereTheProfileSays() throws Exception {
        Context context = migratedByFlyway();
        Profile profile = new Profile("spring", "local", new DatabaseSpec(null, null, null, null, null, null,
                new MigrationsSpec("flyway", "schema_version", "app", null, null, null)),
                new ServiceSpec(List.of("none"), null, null, null, null, null, null, null), Path.of("profile.yaml"));

        CheckResult detected = context.check(migrations, Map.of("latest", "1.1"));
        CheckResult fromProfile = context.withProfile(profile).check(migrations, Map.of("latest", "1.1"));
        CheckResult wrongSchema = context.check(migrations, Map.of("schema", "public"));

        assertEquals("flyway in app.schema_version (recognised by its columns): 2 applied, 0 failed, newest 1.1", detected.message());
        assertEquals("flyway in app.schema_version: 2 applied, 0 failed, newest 1.1", fromProfile.message());
        assertEquals(Status.FAILED, wrongSchema.status());
        assertTrue(wrongSchema.message().contains(" for flyway (not migrated yet?); looked in schema [public] for"
                + " schema_version (flyway) (from the check's settings)."), wrongSchema.message());
    }

    @Test
    void withNoHistoryTheMessageNamesTablesSchemasAndTheSettingToChange() {
        CheckResult result = postgres.create("CREATE SCHEMA app", "CREATE TABLE app.missions (id integer)").check(migrations, Map.of());

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().contains("; looked in schemas [public, app] for flyway_schema_history (flyway),"), result.message());
        assertTrue(result.message().contains("say where: migrations: { tool: flyway, table: schema_version, schema: app } in the"
                + " check's settings, or the same under database: in the profile"), result.message());
    }

    @Test
    void aGenericTableIsReadByTheColumnsNamed() {
        CheckResult result = postgres.create("CREATE TABLE db_changes (change_no integer, ok boolean)",
                "INSERT INTO db_changes VALUES (1, true), (2, false)")
                .check(migrations, Map.of("tool", "generic", "table", "db_changes", "versionColumn", "change_no", "successColumn", "ok"));

        assertEquals(Status.FAILED, result.status());
        assertEquals("migration 2 failed (generic in public.db_changes: 1 applied, 1 failed, newest 1)", result.message());
    }

    @Test
    void unknownToolsAndMisplacedColumnSettingsStopTheSuiteAtTheirLine() {
        SourcePosition at = new SourcePosition(Path.of("upgrade.suite.yaml"), 12, 9);

        List<LoadIssue> unknown = migrations.validate(Map.of("tool", "flyweight"), at);
        List<LoadIssue> misplaced = migrations.validate(Map.of("tool", "knex", "versionColumn", "name"), at);
        List<LoadIssue> fine = migrations.validate(Map.of("tool", "knex", "table", "app_migrations"), at);

        assertEquals(1, unknown.size());
        assertTrue(unknown.get(0).toString().startsWith("upgrade.suite.yaml:12:9: unknown migration tool 'flyweight' in migrations"
                + " settings; known tools are flyway, liquibase,"), unknown.get(0).toString());
        assertTrue(misplaced.get(0).message().contains("they need tool: generic, not tool: knex"), misplaced.get(0).message());
        assertEquals(List.of(), fine);
    }

    private Context migratedByFlyway() throws Exception {
        Files.writeString(scripts.resolve("V1__create_missions.sql"), "CREATE TABLE missions (id integer PRIMARY KEY);");
        Files.writeString(scripts.resolve("V1_1__add_priority.sql"), "ALTER TABLE missions ADD COLUMN priority integer;");
        Context context = postgres.create();
        Flyway.configure().dataSource(context.database().jdbcUrl(), context.database().user(), context.database().password())
                .schemas("app").table("schema_version").locations("filesystem:" + scripts).load().migrate();
        return context;
    }

    private static ToolTables tool(String name) {
        return ToolTables.all().stream().filter(tool -> tool.tool().equals(name)).findFirst().orElseThrow();
    }
}

package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tollgate.db.HistoryDetection.Match;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.system.DatabaseEndpoint;

/** The readers beyond the first six, each on its tool's own table layout ({@link ToolTables}), and how detection chooses. */
class MigrationToolsTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    static List<ToolTables> tools() {
        return ToolTables.all();
    }

    @ParameterizedTest
    @MethodSource("tools")
    void detectsAndReadsEachToolAsItWritesItsTable(ToolTables tool) throws Exception {
        DatabaseEndpoint database = postgres.create(tool.ddl());

        assertEquals(Optional.of(tool.tool()), MigrationHistories.detect(database));
        assertEquals(new MigrationHistory(tool.tool(), tool.expected()), MigrationHistories.read(database));
        assertEquals(new MigrationHistory(tool.tool(), tool.expected()), MigrationHistories.read(database, tool.tool()));
    }

    @ParameterizedTest
    @MethodSource("tools")
    void aSnapshotLeavesEachToolsTablesOutOfTheServicesData(ToolTables tool) throws Exception {
        DatabaseEndpoint database = postgres.create(tool.ddl(), "CREATE TABLE missions (id integer PRIMARY KEY)");

        Snapshot snapshot = Snapshot.take("before-upgrade", database, java.util.Set.of());

        assertEquals(tool.expected(), snapshot.history().migrations());
        assertEquals(List.of("missions"), snapshot.data().tables().stream().map(TableFingerprint::table).toList());
    }

    @Test
    void railsAndDbmateShareALayoutAndAreToldApartByRailsMetadataTable() throws Exception {
        ToolTables rails = ToolTables.all().stream().filter(tool -> tool.tool().equals("rails")).findFirst().orElseThrow();
        DatabaseEndpoint railsDatabase = postgres.create(rails.ddl());
        DatabaseEndpoint dbmateDatabase = postgres.create("create table schema_migrations (version varchar(128) primary key)");

        HistoryDetection chosen = MigrationHistories.inspect(railsDatabase, MigrationsSpec.detect(), null).detection();
        HistoryDetection other = MigrationHistories.inspect(dbmateDatabase, MigrationsSpec.detect(), null).detection();

        assertEquals(new Match("rails", new HistoryTable("public", "schema_migrations"),
                List.of("version", "table ar_internal_metadata beside it"), List.of("ecto", "golang-migrate", "dbmate"), false),
                chosen.chosen());
        assertEquals("read rails's history in public.schema_migrations (the name is also ecto's, golang-migrate's, dbmate's;"
                + " told apart by its columns version, table ar_internal_metadata beside it)", chosen.toText());
        assertEquals("dbmate", other.chosen().tool());
    }

    @Test
    void typeormAndLaravelShareATableNameAndAreToldApartByColumns() throws Exception {
        DatabaseEndpoint laravel = postgres.create(tool("laravel").ddl());
        DatabaseEndpoint typeorm = postgres.create(tool("typeorm").ddl());

        Match laravelMatch = MigrationHistories.inspect(laravel, MigrationsSpec.detect(), null).detection().chosen();
        Match typeormMatch = MigrationHistories.inspect(typeorm, MigrationsSpec.detect(), null).detection().chosen();

        assertEquals("laravel", laravelMatch.tool());
        assertEquals(List.of("id", "migration", "batch"), laravelMatch.columns());
        assertEquals(List.of("typeorm"), laravelMatch.sharedWith());
        assertEquals("typeorm", typeormMatch.tool());
        assertEquals(List.of("laravel"), typeormMatch.sharedWith());
    }

    @Test
    void aServiceTableCalledMigrationsIsNoToolsHistoryAndStaysInTheData() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE TABLE migrations (id serial PRIMARY KEY, herd text, route text)",
                "INSERT INTO migrations (herd, route) VALUES ('caribou', 'north')");

        assertEquals(Optional.empty(), MigrationHistories.detect(database));
        assertEquals(List.of("migrations"), Snapshot.take("s", database, java.util.Set.of()).data().tables().stream()
                .map(TableFingerprint::table).toList());
    }

    @Test
    void withTwoToolsTablesTheFirstToolIsReadAndTheOtherNamed() throws Exception {
        DatabaseEndpoint database = postgres.create(tool("goose").ddl(), tool("alembic").ddl());

        HistoryReading reading = MigrationHistories.inspect(database, MigrationsSpec.detect(), null);

        assertEquals("alembic", reading.history().tool());
        assertEquals(List.of("goose"), reading.detection().others().stream().map(Match::tool).toList());
        assertEquals("read alembic's history in public.alembic_version; also found goose's history in public.goose_db_version,"
                + " not read (name the one to read with migrations: { tool: … })", reading.detection().toText());
        assertEquals("goose", MigrationHistories.inspect(database, MigrationsSpec.of("goose"), null).history().tool());
    }

    @Test
    void knexUnderTheNameTheServiceGaveItIsRecognisedByItsLockTable() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE SCHEMA ops", tool("knex").ddl()
                .replace("\"knex_migrations", "ops.\"app_migrations"));

        HistoryReading detected = MigrationHistories.inspect(database, MigrationsSpec.detect(), null);
        HistoryReading named = MigrationHistories.inspect(database,
                new MigrationsSpec("knex", "app_migrations", "ops", null, null, null), null);

        assertEquals(new Match("knex", new HistoryTable("ops", "app_migrations"), List.of("id", "name", "batch", "migration_time",
                "table app_migrations_lock beside it"), List.of(), true), detected.detection().chosen());
        assertEquals(tool("knex").expected(), detected.history().migrations());
        assertEquals(tool("knex").expected(), named.history().migrations());
    }

    @Test
    void aGenericReaderReadsATableNoToolWrote() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE SCHEMA app", """
                CREATE TABLE app.db_changes (change_no integer PRIMARY KEY, applied_seq integer NOT NULL, ok boolean);
                INSERT INTO app.db_changes VALUES (7, 2, true), (5, 1, true), (9, 3, false);
                """);

        MigrationHistory history = MigrationHistories.inspect(database,
                new MigrationsSpec("generic", "db_changes", "app", "change_no", "applied_seq", "ok"), null).history();

        assertEquals(new MigrationHistory("generic", List.of(new AppliedMigration("5", null, null, null, true),
                new AppliedMigration("7", null, null, null, true), new AppliedMigration("9", null, null, null, false))), history);
        assertEquals("7", history.newestApplied().orElseThrow().version());
    }

    @Test
    void whenNothingIsFoundTheMessageNamesTheTablesTheSchemasAndTheSetting() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE SCHEMA app", "CREATE TABLE app.missions (id integer)");

        HistoryDetection detection = MigrationHistories.inspect(database, MigrationsSpec.detect(), null).detection();
        HistoryDetection named = MigrationHistories.inspect(database,
                new MigrationsSpec("flyway", "schema_version", "app", null, null, null), "database.migrations in profile.yaml").detection();

        assertFalse(detection.found().isPresent());
        assertEquals(List.of("public", "app"), detection.schemas());
        String text = detection.lookedForText();
        assertTrue(text.startsWith("looked in schemas [public, app] for flyway_schema_history (flyway), databasechangelog"
                + " (liquibase), _sqlx_migrations (sqlx), schema_migrations (ecto, golang-migrate, rails, dbmate),"), text);
        assertTrue(text.contains("__EFMigrationsHistory (efcore), and for those tools' columns under any other name."), text);
        assertTrue(text.contains("migrations: { tool: flyway, table: schema_version, schema: app } in the check's settings,"
                + " or the same under database: in the profile"), text);
        assertTrue(named.lookedForText().startsWith("looked in schema [app] for schema_version (flyway)"
                + " (from database.migrations in profile.yaml)."), named.lookedForText());
    }

    @Test
    void everyToolIsNamedAndAnUnknownOneRefusedWithThem() {
        assertEquals(List.of("flyway", "liquibase", "sqlx", "ecto", "golang-migrate", "atlas", "django", "alembic", "rails",
                "prisma", "typeorm", "knex", "goose", "dbmate", "diesel", "sequelize", "doctrine", "laravel", "efcore", "generic"),
                MigrationHistories.tools());
        assertEquals(dev.tollgate.model.MigrationsSpec.TOOLS, MigrationHistories.tools(), "the loader's list is the readers'");
        DatabaseEndpoint database = postgres.create();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MigrationHistories.read(database, "flyweight"));
        assertTrue(refused.getMessage().startsWith("unknown migration tool 'flyweight'; known tools are [flyway, liquibase,"),
                refused.getMessage());
    }

    @Test
    void columnSettingsWithoutGenericAreRefusedNamingTheSetting() {
        IllegalArgumentException generic = assertThrows(IllegalArgumentException.class,
                () -> new MigrationsSpec("generic", "db_changes", null, null, null, null));
        IllegalArgumentException flyway = assertThrows(IllegalArgumentException.class,
                () -> new MigrationsSpec("flyway", null, null, "version", null, null));

        assertTrue(generic.getMessage().startsWith("tool: generic needs table and versionColumn"), generic.getMessage());
        assertTrue(flyway.getMessage().endsWith("they need tool: generic, not tool: flyway (whose table has its own columns)"),
                flyway.getMessage());
    }

    private static ToolTables tool(String name) {
        return ToolTables.all().stream().filter(tool -> tool.tool().equals(name)).findFirst().orElseThrow();
    }
}

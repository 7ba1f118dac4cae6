package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.system.DatabaseEndpoint;

/** Each tool's table created as the tool creates it, with realistic rows including a failure. */
class MigrationHistoriesTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    // Flyway's createMetaDataTable.sql for PostgreSQL.
    private static final String FLYWAY = """
            CREATE TABLE "%1$s"."flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INTEGER,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
                "execution_time" INTEGER NOT NULL,
                "success" BOOLEAN NOT NULL
            );
            ALTER TABLE "%1$s"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
            CREATE INDEX "flyway_schema_history_s_idx" ON "%1$s"."flyway_schema_history" ("success");
            INSERT INTO "%1$s"."flyway_schema_history" VALUES
              (1, '0', '<< Flyway Schema Creation >>', 'SCHEMA', '"%1$s"', NULL, 'app', '2024-05-01 10:00:00', 0, true),
              (2, '1', 'create missions', 'SQL', 'V1__create_missions.sql', 1843517270, 'app', '2024-05-01 10:00:01.25', 12, true),
              (3, '1.1', 'add priority', 'SQL', 'V1_1__add_priority.sql', -409126413, 'app', '2024-06-01 09:00:00', 5, true),
              (4, NULL, 'mission view', 'SQL', 'R__mission_view.sql', 77, 'app', '2024-06-01 09:00:01', 3, true),
              (5, '2', 'split title', 'SQL', 'V2__split_title.sql', 1234, 'app', '2024-07-01 08:00:00', 40, false);
            """;

    /** Liquibase 4's tables as it creates them on PostgreSQL, its lock released. */
    static final String LIQUIBASE_TABLES = """
            CREATE TABLE public.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL,
                LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255),
                CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (ID));
            CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,
                FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL,
                ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35),
                DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20),
                CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10));
            INSERT INTO public.databasechangeloglock VALUES (1, false, NULL, NULL);
            """;

    @Test
    void readsFlywayAsFlywayWritesIt() throws Exception {
        DatabaseEndpoint database = postgres.create(FLYWAY.formatted("public"));

        assertEquals(Optional.of("flyway"), MigrationHistories.detect(database));
        MigrationHistory history = MigrationHistories.read(database);
        assertEquals(new MigrationHistory("flyway", List.of(
                new AppliedMigration("1", "create missions", "1843517270", "2024-05-01 10:00:01.25", true),
                new AppliedMigration("1.1", "add priority", "-409126413", "2024-06-01 09:00:00", true),
                new AppliedMigration(null, "mission view", "77", "2024-06-01 09:00:01", true),
                new AppliedMigration("2", "split title", "1234", "2024-07-01 08:00:00", false))), history);
        assertEquals("1.1", history.newestApplied().orElseThrow().version());
        assertEquals(List.of("2"), history.failed().stream().map(AppliedMigration::version).toList());
        assertEquals("""
                flyway: 4 migration(s), 1 failed
                  1  create missions  checksum 1843517270  2024-05-01 10:00:01.25  success
                  1.1  add priority  checksum -409126413  2024-06-01 09:00:00  success
                  (repeatable)  mission view  checksum 77  2024-06-01 09:00:01  success
                  2  split title  checksum 1234  2024-07-01 08:00:00  FAILED
                """, history.toText());
    }

    @Test
    void findsFlywaysTableInTheServicesOwnSchema() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE SCHEMA app", FLYWAY.formatted("app"));

        assertEquals(Optional.of("flyway"), MigrationHistories.detect(database));
        assertEquals(4, MigrationHistories.read(database, "flyway").migrations().size());
    }

    @Test
    void readsLiquibaseAsLiquibaseWritesIt() throws Exception {
        DatabaseEndpoint database = postgres.create(LIQUIBASE_TABLES + """
                INSERT INTO public.databasechangelog VALUES
                  ('create-missions', 'ada', 'db/changelog/001.yaml', '2024-05-01 10:00:00', 1, 'EXECUTED',
                   '9:0c9b8d3c5f1a7e2b4d6f8a0c1e3b5d7f', 'createTable tableName=missions', '', NULL, '4.29.2', NULL, NULL, '4556000001'),
                  ('seed-crew', 'ada', 'db/changelog/001.yaml', '2024-05-01 10:00:01', 2, 'MARK_RAN',
                   '9:1d2e3f405162738495a6b7c8d9e0f1a2', 'sql', '', NULL, '4.29.2', NULL, NULL, '4556000001'),
                  ('add-priority', 'grace', 'db/changelog/002.yaml', '2024-06-01 09:00:00', 3, 'FAILED',
                   '9:aa2e3f405162738495a6b7c8d9e0f1bb', 'addColumn tableName=missions', '', NULL, '4.29.2', NULL, NULL, '7556000002');
                """);

        assertEquals(Optional.of("liquibase"), MigrationHistories.detect(database));
        assertEquals(new MigrationHistory("liquibase", List.of(
                new AppliedMigration("create-missions", "createTable tableName=missions", "9:0c9b8d3c5f1a7e2b4d6f8a0c1e3b5d7f",
                        "2024-05-01 10:00:00", true),
                new AppliedMigration("seed-crew", "sql", "9:1d2e3f405162738495a6b7c8d9e0f1a2", "2024-05-01 10:00:01", true),
                new AppliedMigration("add-priority", "addColumn tableName=missions", "9:aa2e3f405162738495a6b7c8d9e0f1bb",
                        "2024-06-01 09:00:00", false))), MigrationHistories.read(database));
    }

    @Test
    void readsSqlxAsSqlxWritesIt() throws Exception {
        DatabaseEndpoint database = postgres.create("""
                CREATE TABLE IF NOT EXISTS _sqlx_migrations (
                    version BIGINT PRIMARY KEY,
                    description TEXT NOT NULL,
                    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
                    success BOOLEAN NOT NULL,
                    checksum BYTEA NOT NULL,
                    execution_time BIGINT NOT NULL
                );
                INSERT INTO _sqlx_migrations VALUES
                  (20240501100000, 'create missions', '2024-05-01 12:00:00+02', true, '\\x0a1b2c', 1200000),
                  (20240601090000, 'add priority', '2024-06-01 09:00:00+00', false, '\\xff00', 800000);
                """);

        assertEquals(Optional.of("sqlx"), MigrationHistories.detect(database));
        assertEquals(new MigrationHistory("sqlx", List.of(
                new AppliedMigration("20240501100000", "create missions", "0a1b2c", "2024-05-01 10:00:00+00", true),
                new AppliedMigration("20240601090000", "add priority", "ff00", "2024-06-01 09:00:00+00", false))),
                MigrationHistories.read(database));
    }

    @Test
    void readsEctoAsEctoWritesIt() throws Exception {
        DatabaseEndpoint database = postgres.create("""
                CREATE TABLE schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp(0));
                INSERT INTO schema_migrations VALUES (20240601090000, '2024-06-01 09:00:00'), (20240501100000, '2024-05-01 10:00:00');
                """);

        assertEquals(Optional.of("ecto"), MigrationHistories.detect(database));
        assertEquals(new MigrationHistory("ecto", List.of(
                new AppliedMigration("20240501100000", null, null, "2024-05-01 10:00:00", true),
                new AppliedMigration("20240601090000", null, null, "2024-06-01 09:00:00", true))), MigrationHistories.read(database));
    }

    @Test
    void readsGolangMigrateAndTakesADirtyVersionForAFailure() throws Exception {
        DatabaseEndpoint database = postgres.create("""
                CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null);
                INSERT INTO schema_migrations VALUES (3, true);
                """);

        assertEquals(Optional.of("golang-migrate"), MigrationHistories.detect(database));
        MigrationHistory history = MigrationHistories.read(database);
        assertEquals(new MigrationHistory("golang-migrate", List.of(new AppliedMigration("3", null, null, null, false))), history);
        assertEquals(Optional.empty(), history.newestApplied());
    }

    @Test
    void readsAtlasAsAtlasWritesIt() throws Exception {
        DatabaseEndpoint database = postgres.create("""
                CREATE SCHEMA "atlas_schema_revisions";
                CREATE TABLE "atlas_schema_revisions"."atlas_schema_revisions" ("version" character varying NOT NULL,
                    "description" character varying NOT NULL, "type" bigint NOT NULL DEFAULT 2, "applied" bigint NOT NULL DEFAULT 0,
                    "total" bigint NOT NULL DEFAULT 0, "executed_at" timestamptz NOT NULL, "execution_time" bigint NOT NULL,
                    "error" text NULL, "error_stmt" text NULL, "hash" character varying NOT NULL, "partial_hashes" jsonb NULL,
                    "operator_version" character varying NOT NULL, PRIMARY KEY ("version"));
                INSERT INTO "atlas_schema_revisions"."atlas_schema_revisions" VALUES
                  ('.atlas_cli_state', '3f0c2a4e-8d7b-4c1e-9a55-2b6f0e1d7c90', 0, 0, 0, '2024-05-01 10:00:00+00', 0, NULL, NULL, '', NULL, 'Atlas CLI v0.25.0'),
                  ('20240501100000', 'create_missions', 2, 2, 2, '2024-05-01 10:00:00+00', 1500, NULL, NULL,
                   'hbLQiWmTg+0o3m0GmHb6nSEyJ3XJZmgzY6tmcGA7sOY=', NULL, 'Atlas CLI v0.25.0'),
                  ('20240601090000', 'add_priority', 2, 1, 3, '2024-06-01 09:00:00+00', 900,
                   'pq: column "priority" contains null values', 'ALTER TABLE missions ALTER priority SET NOT NULL',
                   'u0Yx5bV3w0n3aZP7sFv8tZc4yWmN5lYpR8eQ2dK1oJg=', '["h1:a", "h1:b"]', 'Atlas CLI v0.25.0');
                """);

        assertEquals(Optional.of("atlas"), MigrationHistories.detect(database));
        assertEquals(new MigrationHistory("atlas", List.of(
                new AppliedMigration("20240501100000", "create_missions", "hbLQiWmTg+0o3m0GmHb6nSEyJ3XJZmgzY6tmcGA7sOY=",
                        "2024-05-01 10:00:00+00", true),
                new AppliedMigration("20240601090000", "add_priority", "u0Yx5bV3w0n3aZP7sFv8tZc4yWmN5lYpR8eQ2dK1oJg=",
                        "2024-06-01 09:00:00+00", false))), MigrationHistories.read(database));
    }

    @Test
    void aTableThatNoToolWroteIsNotAHistory() throws Exception {
        // Four tools keep a schema_migrations table; none of them has a version-less one.
        DatabaseEndpoint database = postgres.create("CREATE TABLE schema_migrations (id serial PRIMARY KEY, applied text)");

        assertEquals(Optional.empty(), MigrationHistories.detect(database));
        assertEquals(MigrationHistory.none(), MigrationHistories.read(database));
        assertEquals("no migration history table found\n", MigrationHistory.none().toText());
    }

    @Test
    void aToolNamedButNotYetRunHasAnEmptyHistory() throws Exception {
        DatabaseEndpoint database = postgres.create();

        assertEquals(new MigrationHistory("flyway", List.of()), MigrationHistories.read(database, "flyway"));
    }

    @Test
    void anUnknownToolIsRefusedWithTheKnownOnes() {
        DatabaseEndpoint database = postgres.create();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MigrationHistories.read(database, "flyweight"));

        assertEquals("unknown migration tool 'flyweight'; known tools are [flyway, liquibase, sqlx, ecto, golang-migrate, atlas,"
                + " django, alembic, rails, prisma, typeorm, knex, goose, dbmate, diesel, sequelize, doctrine, laravel, efcore, generic]",
                refused.getMessage());
    }
}

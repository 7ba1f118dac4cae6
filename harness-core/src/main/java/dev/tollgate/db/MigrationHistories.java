package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The migration tools whose history tables Tollgate reads, and where to find which one a database
 * uses. Each is read as the tool writes it; the comments say how its columns map onto
 * {@link AppliedMigration}, and the tests create each table as the tool's own source creates it.
 */
@API(status = INTERNAL, since = "0.1")
public final class MigrationHistories {

    // Flyway: one row per attempt, by installed_rank. Repeatable migrations have no version; the row
    // recording that Flyway created a schema (type SCHEMA) is not a migration.
    private static final SqlHistoryReader FLYWAY = new SqlHistoryReader("flyway", "flyway_schema_history",
            List.of("installed_rank", "version", "description", "type", "checksum", "installed_on", "success"), null, true, """
            SELECT version, description, checksum::text, installed_on::text, success FROM %s
             WHERE type <> 'SCHEMA' ORDER BY installed_rank""");

    // Liquibase: a changeset is id + author + file; the version is its id. A failed changeset is only
    // recorded when the change log allows failure (exectype FAILED); MARK_RAN and SKIPPED did not fail.
    private static final SqlHistoryReader LIQUIBASE = new SqlHistoryReader("liquibase", "databasechangelog",
            List.of("id", "description", "md5sum", "dateexecuted", "exectype", "orderexecuted"), null, true, """
            SELECT id, description, md5sum, dateexecuted::text, exectype <> 'FAILED' FROM %s
             ORDER BY orderexecuted, dateexecuted""");

    // sqlx: the checksum is the SHA-384 of the script, as bytes.
    private static final SqlHistoryReader SQLX = new SqlHistoryReader("sqlx", "_sqlx_migrations",
            List.of("version", "description", "checksum", "installed_on", "success"), null, true, """
            SELECT version::text, description, encode(checksum, 'hex'), installed_on::text, success FROM %s
             ORDER BY version""");

    // Ecto: a row is written in the migration's own transaction, so every row is a success.
    private static final SqlHistoryReader ECTO = new SqlHistoryReader("ecto", "schema_migrations",
            List.of("version", "inserted_at"), """
            SELECT version::text, NULL, NULL, inserted_at::text, true FROM %s ORDER BY version""");

    // golang-migrate: one row, the current version; dirty means its migration failed half-way.
    private static final SqlHistoryReader GOLANG_MIGRATE = new SqlHistoryReader("golang-migrate", "schema_migrations",
            List.of("version", "dirty"), """
            SELECT version::text, NULL, NULL, NULL, NOT dirty FROM %s ORDER BY version""");

    // Atlas: a revision failed when it recorded an error or did not apply all its statements. Atlas
    // keeps its own bookkeeping row, whose version starts with a dot.
    private static final SqlHistoryReader ATLAS = new SqlHistoryReader("atlas", "atlas_schema_revisions",
            List.of("version", "description", "hash", "executed_at", "error", "applied", "total"), null, true, """
            SELECT version, description, hash, executed_at::text, coalesce(error, '') = '' AND applied >= total FROM %s
             WHERE version NOT LIKE '.%%' ORDER BY version""");

    // Django: one row per migration of each app, in the order applied; the version is app.name
    // (auth.0012_alter_user_first_name_max_length). A failed migration is rolled back with its row.
    private static final SqlHistoryReader DJANGO = new SqlHistoryReader("django", "django_migrations",
            List.of("id", "app", "name", "applied"), """
            SELECT app || '.' || name, NULL, NULL, applied::text, true FROM %s ORDER BY id""");

    // Alembic: no history, only the current head revision(s), one row each.
    private static final SqlHistoryReader ALEMBIC = new SqlHistoryReader("alembic", "alembic_version",
            List.of("version_num"), """
            SELECT version_num, NULL, NULL, NULL, true FROM %s ORDER BY version_num""");

    // Rails (ActiveRecord): schema_migrations holds only versions, as text; what tells it from dbmate's
    // table of the same layout is the ar_internal_metadata table Rails keeps beside it.
    private static final SqlHistoryReader RAILS = new SqlHistoryReader("rails", "schema_migrations",
            List.of("version"), "ar_internal_metadata", false, """
            SELECT version, NULL, NULL, NULL, true FROM %s ORDER BY length(version), version""");

    // Prisma: one row per attempt; finished_at is empty while a migration runs and after it failed. A
    // failed attempt resolved with 'prisma migrate resolve --rolled-back' is no longer part of the history.
    private static final SqlHistoryReader PRISMA = new SqlHistoryReader("prisma", "_prisma_migrations",
            List.of("migration_name", "checksum", "started_at", "finished_at", "rolled_back_at"), null, true, """
            SELECT migration_name, NULL, checksum, started_at::text, finished_at IS NOT NULL FROM %s
             WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name""");

    // TypeORM: the version is the migration's timestamp, the description its class name; a failed
    // migration's transaction takes its row with it.
    private static final SqlHistoryReader TYPEORM = new SqlHistoryReader("typeorm", "migrations",
            List.of("id", "timestamp", "name"), """
            SELECT timestamp::text, name, NULL, NULL, true FROM %s ORDER BY id""");

    // Knex: the version is the migration's file name. Its lock table, named after the history table,
    // recognises the table under the name a service gave it (tableName in the knex configuration).
    private static final SqlHistoryReader KNEX = new SqlHistoryReader("knex", "knex_migrations",
            List.of("id", "name", "batch", "migration_time"), "%s_lock", true, """
            SELECT name, NULL, NULL, migration_time::text, true FROM %s ORDER BY id""");

    // goose: one row per up (is_applied) or down (not is_applied) of a version; a version is applied
    // when its newest row says so. Version 0 is goose's own first row, not a migration.
    private static final SqlHistoryReader GOOSE = new SqlHistoryReader("goose", "goose_db_version",
            List.of("id", "version_id", "is_applied", "tstamp"), null, true, """
            SELECT version_id::text, NULL, NULL, tstamp::text, true FROM (
              SELECT DISTINCT ON (version_id) id, version_id, is_applied, tstamp FROM %s ORDER BY version_id, id DESC) newest
             WHERE is_applied AND version_id <> 0 ORDER BY id""");

    // dbmate: versions only, as text, in a table of the same name and layout as Rails' (without
    // ar_internal_metadata beside it).
    private static final SqlHistoryReader DBMATE = new SqlHistoryReader("dbmate", "schema_migrations",
            List.of("version"), """
            SELECT version, NULL, NULL, NULL, true FROM %s ORDER BY length(version), version""");

    // Diesel: the version is the migration directory's leading timestamp; run_on when it was applied.
    private static final SqlHistoryReader DIESEL = new SqlHistoryReader("diesel", "__diesel_schema_migrations",
            List.of("version", "run_on"), """
            SELECT version, NULL, NULL, run_on::text, true FROM %s ORDER BY version""");

    // Sequelize (umzug's SequelizeStorage): the file names of the migrations applied, nothing else.
    private static final SqlHistoryReader SEQUELIZE = new SqlHistoryReader("sequelize", "SequelizeMeta",
            List.of("name"), """
            SELECT name, NULL, NULL, NULL, true FROM %s ORDER BY name""");

    // Doctrine Migrations: the version is the migration's class name; executed_at is empty for a
    // version marked as applied without running it (migrations:version --add), which did not fail.
    private static final SqlHistoryReader DOCTRINE = new SqlHistoryReader("doctrine", "doctrine_migration_versions",
            List.of("version", "executed_at", "execution_time"), """
            SELECT version, NULL, NULL, executed_at::text, true FROM %s ORDER BY version""");

    // Laravel: the version is the migration's file name; rows are in the order applied.
    private static final SqlHistoryReader LARAVEL = new SqlHistoryReader("laravel", "migrations",
            List.of("id", "migration", "batch"), """
            SELECT migration, NULL, NULL, NULL, true FROM %s ORDER BY id""");

    // EF Core: the version is the migration id (timestamp_Name); ProductVersion is the EF Core release
    // that applied it. Its quoted, mixed-case column names recognise a renamed table (MigrationsHistoryTable).
    private static final SqlHistoryReader EF_CORE = new SqlHistoryReader("efcore", "__EFMigrationsHistory",
            List.of("MigrationId", "ProductVersion"), null, true, """
            SELECT "MigrationId", NULL, NULL, NULL, true FROM %s ORDER BY "MigrationId\"""");

    private static final List<SqlHistoryReader> READERS = List.of(FLYWAY, LIQUIBASE, SQLX, ECTO, GOLANG_MIGRATE, ATLAS,
            DJANGO, ALEMBIC, RAILS, PRISMA, TYPEORM, KNEX, GOOSE, DBMATE, DIESEL, SEQUELIZE, DOCTRINE, LARAVEL, EF_CORE);

    private MigrationHistories() {
    }

    /** The built-in readers, in the order {@link #detect} prefers them. */
    public static List<HistoryReader> readers() {
        return List.copyOf(READERS);
    }

    /** Every name {@code tool:} accepts: the built-in readers' and {@code generic}. */
    public static List<String> tools() {
        List<String> tools = new ArrayList<>(READERS.stream().map(SqlHistoryReader::tool).toList());
        tools.add(MigrationsSpec.GENERIC);
        return tools;
    }

    /** The tables the built-in readers look for by default, and their companions: none of them is the service's data. */
    static List<String> defaultTables() {
        List<String> tables = new ArrayList<>();
        for (SqlHistoryReader reader : READERS) {
            tables.add(reader.table());
            if (reader.companionOf(reader.table()) != null) {
                tables.add(reader.companionOf(reader.table()));
            }
        }
        return tables.stream().distinct().toList();
    }

    public static Optional<HistoryReader> reader(String tool) {
        return READERS.stream().filter(reader -> reader.tool().equals(tool)).map(HistoryReader.class::cast).findFirst();
    }

    /** The tool whose history table the database has; the first found if it has several. */
    public static Optional<String> detect(DatabaseEndpoint database) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        try (Connection connection = Catalog.open(database)) {
            return detect(connection, MigrationsSpec.detect(), null).found().map(HistoryDetection.Match::tool);
        }
    }

    /** The history of the tool {@link #detect} finds, or {@link MigrationHistory#none()}. */
    public static MigrationHistory read(DatabaseEndpoint database) throws SQLException {
        return inspect(database, MigrationsSpec.detect(), null).history();
    }

    /**
     * The named tool's history; empty when its table does not exist (a database not yet migrated).
     *
     * @throws IllegalArgumentException when no reader is named {@code tool}
     */
    public static MigrationHistory read(DatabaseEndpoint database, String tool) throws SQLException {
        return inspect(database, MigrationsSpec.of(tool), null).history();
    }

    /**
     * The history where the settings say it is, and how it was found.
     *
     * @param spec    tool, table and schema as far as they were given; {@link MigrationsSpec#detect()} to
     *                search every schema for every tool's table
     * @param setting where the settings were given ({@code database.migrations in profile.yaml}), for
     *                messages; {@code null} when nothing was given
     * @throws IllegalArgumentException when no reader is named {@code spec.tool()}
     */
    public static HistoryReading inspect(DatabaseEndpoint database, MigrationsSpec spec, String setting) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        List<SqlHistoryReader> readers = readersFor(spec);
        try (Connection connection = Catalog.open(database)) {
            return inspect(connection, readers, spec, setting);
        }
    }

    static HistoryReading inspect(Connection connection, MigrationsSpec spec) throws SQLException {
        return inspect(connection, readersFor(spec), spec, null);
    }

    static HistoryDetection detect(Connection connection, MigrationsSpec spec, String setting) throws SQLException {
        return HistoryDetector.detect(connection, readersFor(spec), spec, setting);
    }

    private static HistoryReading inspect(Connection connection, List<SqlHistoryReader> readers, MigrationsSpec spec,
            String setting) throws SQLException {
        HistoryDetection detection = HistoryDetector.detect(connection, readers, spec, setting);
        if (detection.found().isEmpty()) {
            return new HistoryReading(detection, spec.tool() == null ? MigrationHistory.none()
                    : new MigrationHistory(spec.tool(), List.of()));
        }
        SqlHistoryReader reader = HistoryDetector.readerOf(readers, detection.chosen());
        return new HistoryReading(detection, reader.readAt(connection, detection.chosen().table()));
    }

    private static List<SqlHistoryReader> readersFor(MigrationsSpec spec) {
        if (spec.tool() == null) {
            return READERS;
        }
        if (spec.tool().equals(MigrationsSpec.GENERIC)) {
            return List.of(SqlHistoryReader.generic(spec));
        }
        return List.of(READERS.stream().filter(reader -> reader.tool().equals(spec.tool())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown migration tool '" + spec.tool()
                        + "'; known tools are " + tools())));
    }
}

package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.runtime.DatabaseEndpoint;

/**
 * The migration tools whose history tables Tollgate reads, and where to find which one a database
 * uses. Each is read as the tool writes it; the comments say how its columns map onto
 * {@link AppliedMigration}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MigrationHistories {

    // Flyway: one row per attempt, by installed_rank. Repeatable migrations have no version; the row
    // recording that Flyway created a schema (type SCHEMA) is not a migration.
    private static final HistoryReader FLYWAY = new SqlHistoryReader("flyway", "flyway_schema_history", "installed_rank", """
            SELECT version, description, checksum::text, installed_on::text, success FROM %s
             WHERE type <> 'SCHEMA' ORDER BY installed_rank""");

    // Liquibase: a changeset is id + author + file; the version is its id. A failed changeset is only
    // recorded when the change log allows failure (exectype FAILED); MARK_RAN and SKIPPED did not fail.
    private static final HistoryReader LIQUIBASE = new SqlHistoryReader("liquibase", "databasechangelog", "orderexecuted", """
            SELECT id, description, md5sum, dateexecuted::text, exectype <> 'FAILED' FROM %s
             ORDER BY orderexecuted, dateexecuted""");

    // sqlx: the checksum is the SHA-384 of the script, as bytes.
    private static final HistoryReader SQLX = new SqlHistoryReader("sqlx", "_sqlx_migrations", "checksum", """
            SELECT version::text, description, encode(checksum, 'hex'), installed_on::text, success FROM %s
             ORDER BY version""");

    // Ecto: a row is written in the migration's own transaction, so every row is a success.
    private static final HistoryReader ECTO = new SqlHistoryReader("ecto", "schema_migrations", "inserted_at", """
            SELECT version::text, NULL, NULL, inserted_at::text, true FROM %s ORDER BY version""");

    // golang-migrate: one row, the current version; dirty means its migration failed half-way.
    private static final HistoryReader GOLANG_MIGRATE = new SqlHistoryReader("golang-migrate", "schema_migrations", "dirty", """
            SELECT version::text, NULL, NULL, NULL, NOT dirty FROM %s ORDER BY version""");

    // Atlas: a revision failed when it recorded an error or did not apply all its statements. Atlas
    // keeps its own bookkeeping row, whose version starts with a dot.
    private static final HistoryReader ATLAS = new SqlHistoryReader("atlas", "atlas_schema_revisions", "applied", """
            SELECT version, description, hash, executed_at::text, coalesce(error, '') = '' AND applied >= total FROM %s
             WHERE version NOT LIKE '.%%' ORDER BY version""");

    private static final List<HistoryReader> READERS = List.of(FLYWAY, LIQUIBASE, SQLX, ECTO, GOLANG_MIGRATE, ATLAS);

    private MigrationHistories() {
    }

    /** The built-in readers, in the order {@link #detect} tries them. */
    public static List<HistoryReader> readers() {
        return READERS;
    }

    public static Optional<HistoryReader> reader(String tool) {
        return READERS.stream().filter(reader -> reader.tool().equals(tool)).findFirst();
    }

    /** The tool whose history table the database has; the first found if it has several. */
    public static Optional<String> detect(DatabaseEndpoint database) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        try (Connection connection = Catalog.open(database)) {
            return detect(connection).map(HistoryReader::tool);
        }
    }

    /** The history of the tool {@link #detect} finds, or {@link MigrationHistory#none()}. */
    public static MigrationHistory read(DatabaseEndpoint database) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        try (Connection connection = Catalog.open(database)) {
            return read(connection);
        }
    }

    /**
     * The named tool's history; empty when its table does not exist (a database not yet migrated).
     *
     * @throws IllegalArgumentException when no reader is named {@code tool}
     */
    public static MigrationHistory read(DatabaseEndpoint database, String tool) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        HistoryReader reader = reader(tool).orElseThrow(() -> new IllegalArgumentException("unknown migration tool '" + tool
                + "'; known tools are " + READERS.stream().map(HistoryReader::tool).toList()));
        try (Connection connection = Catalog.open(database)) {
            return reader.read(connection);
        }
    }

    static MigrationHistory read(Connection connection) throws SQLException {
        Optional<HistoryReader> reader = detect(connection);
        return reader.isPresent() ? reader.get().read(connection) : MigrationHistory.none();
    }

    private static Optional<HistoryReader> detect(Connection connection) throws SQLException {
        for (HistoryReader reader : READERS) {
            if (reader.present(connection)) {
                return Optional.of(reader);
            }
        }
        return Optional.empty();
    }
}

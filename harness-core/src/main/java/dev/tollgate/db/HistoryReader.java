package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.Connection;
import java.sql.SQLException;

import org.apiguardian.api.API;

/**
 * Reads one migration tool's history table. The built-in readers are listed by
 * {@link MigrationHistories#readers()}; the connection given is read-only.
 */
@API(status = INTERNAL, since = "0.1")
public interface HistoryReader {

    /** The tool's name as suites write it ({@code flyway}, {@code golang-migrate}). */
    String tool();

    /** The history table's name when the service has not renamed it ({@code flyway_schema_history}). */
    String table();

    /** Whether the tool's table exists in the database (in any of its schemas). */
    boolean present(Connection connection) throws SQLException;

    /** The history, oldest first; empty when the table does not exist. */
    MigrationHistory read(Connection connection) throws SQLException;
}

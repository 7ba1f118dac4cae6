package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tollgate.runtime.DatabaseEndpoint;

/**
 * What the harness records about a database at one point, under a name a suite gives it
 * ({@code snapshot: before-upgrade}): migration history, schema, and data fingerprints of whole rows
 * and of single columns. All are read in one repeatable-read transaction, so they describe the same
 * moment even while the service keeps writing.
 *
 * @param name    the snapshot's name in the suite
 * @param takenAt when, as the server's clock says it (UTC, ISO-8601)
 * @param history the migration history, or {@link MigrationHistory#none()}
 * @param schema  the schema
 * @param data    row counts and content hashes per table
 * @param columns per table, each column's fingerprint, so content compares on the columns a later
 *                schema still has; {@link ColumnFingerprints#none()} in a snapshot from before they existed
 * @param rows    the rows of small tables, to name lost rows by; in memory only, never in the JSON
 *                ({@link KeptRows#none()} in a snapshot read back)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Snapshot(String name, String takenAt, MigrationHistory history, SchemaSnapshot schema, DataFingerprint data,
        ColumnFingerprints columns, @JsonIgnore KeptRows rows) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Snapshot {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(history, "history must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(data, "data must not be null");
        columns = columns == null ? ColumnFingerprints.none() : columns;
        rows = rows == null ? KeptRows.none() : rows;
    }

    public Snapshot(String name, String takenAt, MigrationHistory history, SchemaSnapshot schema, DataFingerprint data,
            ColumnFingerprints columns) {
        this(name, takenAt, history, schema, data, columns, KeptRows.none());
    }

    /**
     * @param ignoredTables tables left out of schema and data (a bare name in any schema, or {@code schema.table})
     */
    public static Snapshot take(String name, DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(ignoredTables, "ignoredTables must not be null");
        try (Connection connection = Catalog.open(database)) {
            ColumnFingerprints columns = ColumnFingerprints.read(connection, database, ignoredTables);
            return new Snapshot(name, now(connection), MigrationHistories.read(connection),
                    SchemaSnapshot.read(connection, ignoredTables), DataFingerprint.read(connection, database, ignoredTables),
                    columns, KeptRows.read(connection, columns));
        }
    }

    // now() is the transaction's start: the moment every part of the snapshot describes.
    private static String now(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")) {
            row.next();
            return row.getString(1);
        }
    }

    /** The snapshot for a report: history, schema and data, each under a heading. */
    public String toText() {
        return "snapshot " + name + " taken " + takenAt + "\n\n"
                + "== migration history\n" + history.toText() + "\n"
                + "== schema\n" + schema.toText() + "\n"
                + "== data\n" + data.toText();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("snapshot " + name + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a snapshot back from {@link #toJson()}, e.g. one kept from an earlier run. */
    public static Snapshot fromJson(String json) {
        try {
            return JSON.readValue(json, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a snapshot's JSON: " + e.getOriginalMessage(), e);
        }
    }
}

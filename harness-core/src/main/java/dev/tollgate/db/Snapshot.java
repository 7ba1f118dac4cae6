package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.system.DatabaseEndpoint;

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
 * @param state   the files of the profile's {@code state:}, by name; empty where it declares none
 * @param rows    the rows of small tables, to name lost rows by; in memory only, never in the JSON
 *                ({@link KeptRows#none()} in a snapshot read back)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Snapshot(String name, String takenAt, MigrationHistory history, SchemaSnapshot schema, DataFingerprint data,
        ColumnFingerprints columns, Map<String, StateFingerprint> state, @JsonIgnore KeptRows rows) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Snapshot {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(history, "history must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(data, "data must not be null");
        columns = columns == null ? ColumnFingerprints.none() : columns;
        state = state == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(state));
        rows = rows == null ? KeptRows.none() : rows;
    }

    public Snapshot(String name, String takenAt, MigrationHistory history, SchemaSnapshot schema, DataFingerprint data,
            ColumnFingerprints columns) {
        this(name, takenAt, history, schema, data, columns, null, null);
    }

    /** This snapshot with the files of the profile's state, read at the same step. */
    public Snapshot withState(Map<String, StateFingerprint> other) {
        return new Snapshot(name, takenAt, history, schema, data, columns, other, rows);
    }

    /**
     * @param ignoredTables tables left out of schema and data (a bare name in any schema, or {@code schema.table})
     */
    public static Snapshot take(String name, DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        return take(name, database, ignoredTables, MigrationsSpec.detect());
    }

    /**
     * @param ignoredTables tables left out of schema and data (a bare name in any schema, or {@code schema.table})
     * @param migrations    where the migration history is ({@code database.migrations} of the profile); the
     *                      history table found is left out of schema and data, whatever its name
     */
    public static Snapshot take(String name, DatabaseEndpoint database, Set<String> ignoredTables, MigrationsSpec migrations)
            throws SQLException {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(ignoredTables, "ignoredTables must not be null");
        Objects.requireNonNull(migrations, "migrations must not be null");
        try (Connection connection = Catalog.open(database)) {
            HistoryReading reading = MigrationHistories.inspect(connection, migrations);
            Set<String> ignored = new HashSet<>(ignoredTables);
            reading.detection().found().ifPresent(found -> ignored.add(found.table().toString()));
            // Rows and columns in one scan per table: the data is read once.
            ColumnFingerprints.Contents contents = ColumnFingerprints.readWithRows(connection, database, ignored);
            return new Snapshot(name, now(connection), reading.history(),
                    SchemaSnapshot.read(connection, ignored), contents.rows(), contents.columns(), null,
                    KeptRows.read(connection, contents.columns()));
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
                + "== data\n" + data.toText()
                + (state.isEmpty() ? "" : "\n== state outside the database\n"
                        + state.values().stream().map(StateFingerprint::toText).collect(Collectors.joining()));
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

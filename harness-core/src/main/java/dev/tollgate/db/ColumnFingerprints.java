package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apiguardian.api.API;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Every table's columns fingerprinted one by one, so content can be compared later on whichever
 * columns a new schema still has, also under new names. A {@link DataFingerprint} hashes whole rows
 * and so only compares tables whose columns did not change; an upgrade that adds a column changes
 * them all.
 *
 * <p>Each column is hashed paired with its row's primary key (seeded with the key: an integer key's
 * value, else the key's hash; see {@link KeyHash}), so a value that moved to another row changes the
 * hash: comparing the columns two shapes share, one by one, is then as strict as fingerprinting them
 * together. A table without a primary key is hashed value by value, and values swapped between its
 * rows go unnoticed. Values are hashed by type or as text ({@link ValueHash}), which each column
 * records: a column whose type changed compares only when both types hash alike. The hash holds
 * values only, never names, so a renamed column (or key) hashes as before when its values did not
 * change. One scan per table, in the server.
 *
 * @param tables per table, in name order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ColumnFingerprints(List<Table> tables) {

    public ColumnFingerprints {
        tables = tables.stream().sorted(Comparator.comparing(Table::table)).toList();
    }

    /** For snapshots recorded before column fingerprints existed: content compares on whole rows only. */
    public static ColumnFingerprints none() {
        return new ColumnFingerprints(List.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(table -> table.table().equals(name)).findFirst();
    }

    /**
     * One table's columns.
     *
     * @param key     the primary key columns each value was hashed with, in the order hashed
     * @param keyHash how the key seeded the values' hashes; null in a snapshot from before it was recorded
     * @param rows    the row count
     * @param columns per column name, its fingerprint
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Table(String table, List<String> key, KeyHash keyHash, long rows, Map<String, Column> columns) {

        public Table {
            Objects.requireNonNull(table, "table must not be null");
            key = List.copyOf(key);
            columns = Collections.unmodifiableMap(new TreeMap<>(columns));
        }

        /** A table whose key hashing was not recorded. */
        public Table(String table, List<String> key, long rows, Map<String, Column> columns) {
            this(table, key, null, rows, columns);
        }

        public Optional<Column> column(String name) {
            return Optional.ofNullable(columns.get(name));
        }
    }

    /**
     * @param values   how many rows have a value (not NULL) in the column
     * @param hash     the sum over all rows of the hash of the value seeded with its row's key
     *                 ({@link HashSql#valueWithKey}), in decimal
     * @param hashedAs how the values were hashed; null in a snapshot from before it was recorded
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Column(long values, String hash, ValueHash hashedAs) {

        /** A column whose hashing was not recorded. */
        public Column(long values, String hash) {
            this(values, hash, null);
        }
    }

    /**
     * Every table's columns, keyed by its primary key, in the reading's snapshot; tables side by side
     * on more connections to {@code database} (null: all on this one).
     */
    static ColumnFingerprints read(Connection connection, DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        return new ColumnFingerprints(scanAll(connection, database, ignoredTables, false).stream().map(Scan::columns).toList());
    }

    /**
     * A table's columns as they are now, to compare with an earlier reading of a table whose shape has
     * changed: name the earlier key's columns in the earlier order, under their current names, and the
     * columns to compare under their current names.
     */
    public static Table measure(DatabaseEndpoint database, String table, List<String> key, List<String> columns)
            throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(table, "table must not be null");
        try (Connection connection = Catalog.open(database)) {
            TableRef ref = Catalog.require(connection, table, database);
            List<String> named = new ArrayList<>(key);
            named.addAll(columns);
            Catalog.requireColumns(connection, ref, named);
            return measure(connection, ref, key, columns);
        }
    }

    /**
     * Every table's columns and whole rows, each table in one scan: what a snapshot records. Equal to
     * {@link #read} and {@link DataFingerprint#read(Connection, DatabaseEndpoint, Set)} together, at
     * the cost of one reading of the data instead of two.
     */
    static Contents readWithRows(Connection connection, DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        List<Scan> scans = scanAll(connection, database, ignoredTables, true);
        return new Contents(new ColumnFingerprints(scans.stream().map(Scan::columns).toList()),
                new DataFingerprint(scans.stream().map(Scan::rows).toList()));
    }

    /** A snapshot's content: the columns' fingerprints and the rows', read together. */
    record Contents(ColumnFingerprints columns, DataFingerprint rows) {
    }

    /** One table's scan: its columns, and its whole rows when they were asked for (else null). */
    private record Scan(Table columns, TableFingerprint rows) {
    }

    /** Every table scanned keyed by its primary key, side by side; with whole rows too when {@code withRows}. */
    private static List<Scan> scanAll(Connection connection, DatabaseEndpoint database, Set<String> ignoredTables,
            boolean withRows) throws SQLException {
        return TablesSideBySide.read(connection, database, DataFingerprint.scannedTables(connection, ignoredTables),
                (reading, table) -> {
                    Map<String, String> types = Catalog.columnTypes(reading, table);
                    return scan(reading, table, Catalog.only(types, Catalog.primaryKey(reading, table)), types, withRows);
                });
    }

    private static Table measure(Connection connection, TableRef table, List<String> key, List<String> columns)
            throws SQLException {
        Map<String, String> types = Catalog.columnTypes(connection, table);
        return scan(connection, table, Catalog.only(types, key), Catalog.only(types, columns), false).columns();
    }

    /**
     * @param keyTypes the key's columns in the order hashed, name to type (the types shape the seed)
     * @param types    the columns to scan, name to type
     */
    private static Scan scan(Connection connection, TableRef table, Map<String, String> keyTypes, Map<String, String> types,
            boolean withRows) throws SQLException {
        List<String> key = List.copyOf(keyTypes.keySet());
        String seed = HashSql.keySeed(keyTypes);
        List<String> columns = List.copyOf(types.keySet());
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (String column : columns) {
            sql.append(", count(t.").append(Catalog.quote(column)).append("), coalesce(sum(")
                    .append(HashSql.valueWithKey(column, types.get(column), seed)).append("), 0)::text");
        }
        if (withRows) {
            sql.append(", coalesce(sum(").append(HashSql.row(types)).append("), 0)::text");
        }
        sql.append(" FROM ").append(table.sql()).append(" t");
        Map<String, Column> fingerprints = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql.toString())) {
            result.next();
            for (int i = 0; i < columns.size(); i++) {
                fingerprints.put(columns.get(i), new Column(result.getLong(2 + 2 * i), result.getString(3 + 2 * i),
                        ValueHash.of(types.get(columns.get(i)))));
            }
            TableFingerprint rows = withRows
                    ? new TableFingerprint(table.display(), columns, result.getLong(1), result.getString(2 + 2 * columns.size()))
                    : null;
            return new Scan(new Table(table.display(), key, KeyHash.of(keyTypes.values()), result.getLong(1), fingerprints), rows);
        }
    }
}

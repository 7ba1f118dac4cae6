package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The content of every table at one point, one {@link TableFingerprint} per table (at most), computed
 * in the server in one scan per table; no row travels to the JVM. Migration history tables are left
 * out, as in {@link SchemaSnapshot}. Partitions are counted through their partitioned table only.
 *
 * <p>Values are hashed by type or as PostgreSQL prints them ({@link ValueHash}), with the time zone
 * fixed to UTC, so timestamps hash alike whatever zone the reading session had.
 *
 * @param tables the fingerprints, in table name order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DataFingerprint(List<TableFingerprint> tables) {

    public DataFingerprint {
        tables = tables.stream().sorted(Comparator.comparing(TableFingerprint::table)).toList();
        if (tables.stream().map(TableFingerprint::table).distinct().count() != tables.size()) {
            throw new IllegalArgumentException("one fingerprint per table, but some appear twice: " + tables);
        }
    }

    /** Every table's whole rows (all columns), except the ignored tables (bare name or {@code schema.table}). */
    public static DataFingerprint read(DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(ignoredTables, "ignoredTables must not be null");
        try (Connection connection = Catalog.open(database)) {
            return read(connection, database, ignoredTables);
        }
    }

    /** Tables side by side on more connections to {@code database} (null: all on this one), in this reading's snapshot. */
    static DataFingerprint read(Connection connection, DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        return new DataFingerprint(TablesSideBySide.read(connection, database, scannedTables(connection, ignoredTables),
                (reading, table) -> fingerprint(reading, table, Catalog.columnTypes(reading, table))));
    }

    /**
     * One table's rows reduced to the listed columns, so a table whose shape changed can be compared
     * on the columns both shapes have. An empty list means all columns.
     */
    public static TableFingerprint ofColumns(DatabaseEndpoint database, String table, List<String> columns) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(table, "table must not be null");
        Objects.requireNonNull(columns, "columns must not be null");
        try (Connection connection = Catalog.open(database)) {
            TableRef ref = Catalog.require(connection, table, database);
            List<String> named = Catalog.requireColumns(connection, ref, columns);
            return fingerprint(connection, ref, Catalog.only(Catalog.columnTypes(connection, ref), named));
        }
    }

    /**
     * The first {@code limit} rows in {@code orderBy} order, on all columns: for an append-only table
     * whose key only grows (a serial id), the rows an earlier fingerprint of the whole table saw, so
     * the two compare even after rows were appended.
     */
    public static TableFingerprint ofFirstRows(DatabaseEndpoint database, String table, List<String> orderBy, long limit)
            throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        if (orderBy.isEmpty() || limit < 0) {
            throw new IllegalArgumentException("the first rows need an order (a key) and a limit that is not negative: "
                    + orderBy + ", " + limit);
        }
        try (Connection connection = Catalog.open(database)) {
            TableRef ref = Catalog.require(connection, table, database);
            Map<String, String> columns = Catalog.columnTypes(connection, ref);
            Catalog.requireColumns(connection, ref, orderBy);
            String order = orderBy.stream().map(Catalog::quote).collect(Collectors.joining(", "));
            String sql = "SELECT count(*), coalesce(sum(" + HashSql.row(columns) + "), 0)::text FROM (SELECT * FROM "
                    + ref.sql() + " ORDER BY " + order + " LIMIT ?) t";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, limit);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return new TableFingerprint(ref.display(), List.copyOf(columns.keySet()), result.getLong(1),
                            result.getString(2));
                }
            }
        }
    }

    /**
     * A few rows as PostgreSQL prints them ({@code (1,"Apollo 11",3)}), the listed columns in name
     * order (all when the list is empty), sorted by that text so the same rows come back every time:
     * examples for a report, since a lost row cannot be named across two databases in one query.
     */
    public static List<String> sampleRows(DatabaseEndpoint database, String table, List<String> columns, int limit)
            throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        try (Connection connection = Catalog.open(database)) {
            TableRef ref = Catalog.require(connection, table, database);
            String sql = "SELECT " + rowText(Catalog.requireColumns(connection, ref, columns)) + " FROM " + ref.sql()
                    + " t ORDER BY 1 LIMIT ?";
            List<String> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, limit);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
            }
            return rows;
        }
    }

    public Optional<TableFingerprint> table(String name) {
        return tables.stream().filter(table -> table.table().equals(name)).findFirst();
    }

    /** A copy with {@code fingerprint} in place of the table's (e.g. one taken {@link #ofColumns on fewer columns}). */
    public DataFingerprint with(TableFingerprint fingerprint) {
        List<TableFingerprint> copy = new ArrayList<>(tables);
        copy.removeIf(table -> table.table().equals(fingerprint.table()));
        copy.add(fingerprint);
        return new DataFingerprint(copy);
    }

    public String toText() {
        if (tables.isEmpty()) {
            return "(no tables)\n";
        }
        return tables.stream().map(TableFingerprint::toText).collect(Collectors.joining("\n", "", "\n"));
    }

    // The columns in name order: one set of columns hashes alike whatever order created them.
    private static TableFingerprint fingerprint(Connection connection, TableRef table, Map<String, String> columns)
            throws SQLException {
        String sql = "SELECT count(*), coalesce(sum(" + HashSql.row(columns) + "), 0)::text FROM " + table.sql() + " t";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return new TableFingerprint(table.display(), List.copyOf(columns.keySet()), result.getLong(1), result.getString(2));
        }
    }

    // ROW(...)::text of all columns prints exactly what t::text prints; naming them fixes their order.
    private static String rowText(List<String> columns) {
        return "ROW(" + columns.stream().map(column -> "t." + Catalog.quote(column)).collect(Collectors.joining(", ")) + ")::text";
    }

    /** The tables a reading scans: all but the ignored ones, and partitions only through their partitioned table. */
    static List<TableRef> scannedTables(Connection connection, Set<String> ignoredTables) throws SQLException {
        Set<TableRef> partitions = partitions(connection);
        return Catalog.tables(connection, ignoredTables).stream().filter(table -> !partitions.contains(table)).toList();
    }

    private static Set<TableRef> partitions(Connection connection) throws SQLException {
        Set<TableRef> partitions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition")) {
            while (rows.next()) {
                partitions.add(new TableRef(rows.getString(1), rows.getString(2)));
            }
        }
        return partitions;
    }
}

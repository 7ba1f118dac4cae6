package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The rows of the small tables with a primary key, as a snapshot saw them: what lets the data check
 * name a lost row by its key and values, and look for those values where an upgrade moved them.
 * Kept in memory only, never written to a file (values may be secrets); tables of more than
 * {@value #ROW_LIMIT} rows are left out, their losses are counted, not named.
 *
 * @param tables by table name as reports write it ({@code realm_attribute}, {@code other.t})
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record KeptRows(Map<String, Table> tables) {

    /** Tables with more rows than this are not kept. */
    public static final int ROW_LIMIT = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One table's rows.
     *
     * @param table the table's name as reports write it
     * @param key   its primary key's columns
     * @param rows  each row, column to value as text ({@code null} for SQL NULL), in column order
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record Table(String table, List<String> key, List<Map<String, String>> rows) {

        public Table {
            key = List.copyOf(key);
            rows = rows.stream().map(row -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
        }

        /** The key's values of a row, in key order. */
        public List<String> keyOf(Map<String, String> row) {
            return key.stream().map(row::get).toList();
        }
    }

    public KeptRows {
        tables = Map.copyOf(tables);
    }

    public static KeptRows none() {
        return new KeptRows(Map.of());
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The small tables with a primary key, read on {@code connection} (in its snapshot). */
    static KeptRows read(Connection connection, ColumnFingerprints columns) throws SQLException {
        Map<String, Table> kept = new LinkedHashMap<>();
        for (TableRef ref : Catalog.tables(connection, java.util.Set.of())) {
            Optional<ColumnFingerprints.Table> measured = columns.table(ref.display());
            if (measured.isPresent() && !measured.get().key().isEmpty() && measured.get().rows() <= ROW_LIMIT) {
                kept.put(ref.display(), new Table(ref.display(), measured.get().key(), rows(connection, ref, null, List.of())));
            }
        }
        return new KeptRows(kept);
    }

    /** A table's rows as they are now, keyed as {@code key} says; empty when it has more than {@link #ROW_LIMIT}. */
    public static Optional<Table> now(DatabaseEndpoint database, String table, List<String> key) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        try (Connection connection = Catalog.open(database)) {
            TableRef ref = Catalog.require(connection, table, database);
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM " + ref.sql())) {
                count.next();
                if (count.getLong(1) > ROW_LIMIT) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Table(table, key, rows(connection, ref, null, List.of())));
        }
    }

    /**
     * The rows of {@code table} whose {@code columns} equal {@code values} (compared as text), as they
     * are now: the parent row of a foreign key, the row with the same key in another table.
     */
    public static List<Map<String, String>> where(DatabaseEndpoint database, String table, List<String> columns,
            List<String> values) throws SQLException {
        try (Connection connection = Catalog.open(database)) {
            return rows(connection, Catalog.require(connection, table, database), columns, values);
        }
    }

    /**
     * Which of {@code rows} (kept from {@code table}) do not meet {@code where}, an SQL condition on the
     * table's columns, evaluated by PostgreSQL on the rows as they were ({@code json_populate_recordset}
     * with the table's row type), read-only.
     *
     * @throws SQLException when the condition is not valid SQL for the table (named in the message)
     */
    public static List<Map<String, String>> outside(DatabaseEndpoint database, String table, List<Map<String, String>> rows,
            String where) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        try (Connection connection = Catalog.open(database)) {
            TableRef ref = Catalog.require(connection, table, database);  // a read-only transaction, as every reading
            String sql = "SELECT row_to_json(t)::text FROM json_populate_recordset(NULL::" + ref.sql() + ", ?::json) t"
                    + " WHERE NOT coalesce((" + where + "), false)";
            List<Map<String, String>> outside = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, JSON.writeValueAsString(rows));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        outside.add(row(result.getString(1)));
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("rows of " + table + " cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            return outside;
        }
    }

    private static List<Map<String, String>> rows(Connection connection, TableRef ref, List<String> columns, List<String> values)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT row_to_json(t)::text FROM " + ref.sql() + " t");
        for (int i = 0; columns != null && i < columns.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append("t.").append(Catalog.quote(columns.get(i))).append("::text = ?");
        }
        sql.append(" LIMIT ").append(ROW_LIMIT + 1);
        List<Map<String, String>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; columns != null && i < columns.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result.getString(1)));
                }
            }
        }
        return rows;
    }

    private static Map<String, String> row(String json) throws SQLException {
        try {
            Map<String, String> row = new LinkedHashMap<>();
            JsonNode node = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                row.put(field.getKey(), value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
            }
            return row;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("PostgreSQL's row_to_json gave what Jackson cannot read: " + e.getOriginalMessage(), e);
        }
    }
}

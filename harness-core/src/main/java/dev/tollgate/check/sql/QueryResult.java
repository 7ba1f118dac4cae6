package dev.tollgate.check.sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a query returned: its columns, the first {@link #KEPT} rows, and how many rows there were
 * in all (or, for a statement without a result, how many rows it changed).
 *
 * @param columns column labels, in order
 * @param rows    the rows kept; cells are Number, Boolean, String (PostgreSQL's text form) or null
 * @param count   rows returned, or rows changed by a statement that returns none
 * @param isQuery whether the statement returned rows at all
 */
record QueryResult(List<String> columns, List<List<Object>> rows, long count, boolean isQuery) {

    /** Rows held in memory; more are counted, not kept, so a huge result cannot exhaust the heap. */
    static final int KEPT = 1000;

    static QueryResult run(Connection connection, String sql, List<Object> params, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.size(); i++) {
                bind(statement, i + 1, params.get(i));
            }
            if (!statement.execute()) {
                return new QueryResult(List.of(), List.of(), Math.max(0, statement.getUpdateCount()), false);
            }
            try (ResultSet results = statement.getResultSet()) {
                return read(results);
            }
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Integer || value instanceof Long) {
            statement.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Number number) {
            statement.setBigDecimal(index, new BigDecimal(number.toString()));
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else {
            // Untyped, so the server infers the type from the query: a captured "42" compares with a bigint id.
            statement.setObject(index, String.valueOf(value), Types.OTHER);
        }
    }

    private static QueryResult read(ResultSet results) throws SQLException {
        ResultSetMetaData meta = results.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        long count = 0;
        while (results.next()) {
            if (count++ < KEPT) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(cell(results, i));
                }
                rows.add(Collections.unmodifiableList(row));
            }
        }
        return new QueryResult(List.copyOf(columns), List.copyOf(rows), count, true);
    }

    private static Object cell(ResultSet results, int column) throws SQLException {
        Object value = results.getObject(column);
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        // The server's own text (timestamps, arrays, json, uuid) is what a suite author writes down.
        return results.getString(column);
    }

    /** The column's position, ignoring case as unquoted SQL identifiers do; -1 when there is none. */
    int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}

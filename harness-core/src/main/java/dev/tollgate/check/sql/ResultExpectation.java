package dev.tollgate.check.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code expect:} of an {@code sql} check asks of a result: a scalar (the single value of a
 * one-row, one-column result), a list of rows (each a list in column order, or a map naming the
 * columns it cares about), or {@code {rows: N}}. Rows compare in the order the query returns them.
 */
final class ResultExpectation {

    private ResultExpectation() {
    }

    /**
     * Why the result is not as expected, or empty when it is.
     *
     * @param expected the YAML value with variables already resolved
     * @throws IllegalArgumentException when {@code expected} has none of the accepted shapes
     */
    static Optional<String> mismatch(Object expected, QueryResult result) {
        if (expected instanceof Map<?, ?> map) {
            if (map.size() != 1 || !map.containsKey("rows")) {
                throw new IllegalArgumentException("a map under expect: must be {rows: N}");
            }
            long rows = count(map.get("rows"));
            return rows == result.count() ? Optional.empty()
                    : Optional.of("expected " + plural(rows) + "; the query " + (result.isQuery() ? "returned " : "changed ")
                            + result.count());
        }
        if (!result.isQuery()) {
            return Optional.of("expected rows to compare with; the statement returned none (it changed "
                    + plural(result.count()) + ")");
        }
        if (expected instanceof List<?> rows) {
            return rows(rows, result);
        }
        if (result.count() != 1 || result.columns().size() != 1) {
            return Optional.of("expected a single value " + show(expected) + " (one row of one column); the query returned "
                    + plural(result.count()) + " of " + result.columns().size() + " column(s)");
        }
        Object actual = result.rows().get(0).get(0);
        return same(expected, actual) ? Optional.empty()
                : Optional.of("expected the single value " + show(expected) + "; the query returned " + show(actual));
    }

    private static Optional<String> rows(List<?> expected, QueryResult result) {
        if (expected.size() > QueryResult.KEPT) {
            throw new IllegalArgumentException("a list under expect: holds at most " + QueryResult.KEPT
                    + " rows; count larger results with {rows: N}");
        }
        if (expected.size() != result.count()) {
            return Optional.of("expected " + plural(expected.size()) + "; the query returned " + result.count());
        }
        for (int i = 0; i < expected.size(); i++) {
            List<Object> actual = result.rows().get(i);
            Object row = expected.get(i);
            if (row instanceof Map<?, ?> named) {
                for (Map.Entry<?, ?> cell : named.entrySet()) {
                    int column = result.column(String.valueOf(cell.getKey()));
                    if (column < 0) {
                        return Optional.of("row " + (i + 1) + ": expected a column '" + cell.getKey()
                                + "'; the query returned columns " + String.join(", ", result.columns()));
                    }
                    if (!same(cell.getValue(), actual.get(column))) {
                        return Optional.of("row " + (i + 1) + ": expected " + result.columns().get(column) + " = "
                                + show(cell.getValue()) + "; it was " + show(actual.get(column)));
                    }
                }
            } else {
                List<?> cells = row instanceof List<?> list ? list : List.of(row);
                boolean equal = cells.size() == actual.size();
                for (int c = 0; equal && c < cells.size(); c++) {
                    equal = same(cells.get(c), actual.get(c));
                }
                if (!equal) {
                    return Optional.of("row " + (i + 1) + ": expected " + show(cells) + "; it was " + show(actual)
                            + " (columns " + String.join(", ", result.columns()) + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** Numbers by value (3.5 = 3.50 = "3.5"), anything else by its text; NULL only equals null. */
    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        Optional<BigDecimal> wanted = decimal(expected);
        Optional<BigDecimal> found = decimal(actual);
        if (actual instanceof Number && wanted.isPresent() && found.isPresent()) {
            return wanted.get().compareTo(found.get()) == 0;
        }
        return String.valueOf(expected).equals(String.valueOf(actual));
    }

    private static Optional<BigDecimal> decimal(Object value) {
        try {
            return Optional.of(new BigDecimal(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long count(Object value) {
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rows: must be a whole number, found '" + value + "'");
        }
    }

    static String show(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(ResultExpectation::show).collect(Collectors.joining(", ", "[", "]"));
        }
        return value == null ? "NULL" : value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static String plural(long rows) {
        return rows + (rows == 1 ? " row" : " rows");
    }
}

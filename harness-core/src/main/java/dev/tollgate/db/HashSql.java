package dev.tollgate.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL expressions that hash a row's values in the server, for the fingerprints of rows and of
 * columns: each value's text ({@code c::text}, as PostgreSQL prints it) hashed on its own with
 * {@code hashtextextended}, seeded by its position and whether it is NULL, and the values' hashes of
 * one row combined (XOR) and hashed again. Hashing each value's text directly costs a seventh of
 * hashing the row's text ({@code ROW(…)::text}) on 4 kB values, whose quoting PostgreSQL does
 * character by character (measured on the scale benchmark's tables); a position's seed keeps values
 * swapped between columns apart, and the NULL bit tells NULL from an empty string.
 */
final class HashSql {

    private HashSql() {
    }

    /** A bigint: the hash of the values of {@code columns} of the row {@code t}, in that order. */
    static String row(List<String> columns) {
        if (columns.isEmpty()) {
            return "hashint8extended(0, 0)";
        }
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            hashes.add(value(columns.get(i), Integer.toString(2 * (i + 1))));
        }
        return "hashint8extended(" + String.join(" # ", hashes) + ", 0)";
    }

    /**
     * A bigint: the hash of one value of row {@code t} seeded with the hash of the row's key (the key's
     * values in the order given), so the same value in another row hashes differently. Without a key,
     * the value alone.
     */
    static String valueWithKey(List<String> key, String column) {
        return value(column, key.isEmpty() ? "0" : row(key));
    }

    // The seed's lowest bit is set for NULL (positions' seeds are even), so NULL and '' (both hashed as '') hash apart.
    private static String value(String column, String seed) {
        String value = "t." + Catalog.quote(column);
        return "hashtextextended(coalesce(" + value + "::text, ''), " + seed + " # (" + value + " IS NULL)::int::int8)";
    }
}

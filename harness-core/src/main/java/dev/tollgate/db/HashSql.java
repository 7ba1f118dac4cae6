package dev.tollgate.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL expressions that hash a row's values in the server, for the fingerprints of rows and of
 * columns: each value's text ({@code c::text}, as PostgreSQL prints it) hashed on its own with
 * {@code hashtextextended}, and the hashes of one row's values combined (XOR) and hashed again.
 * Hashing each value's text directly costs a seventh of hashing the row's text ({@code ROW(…)::text})
 * on 4 kB values, whose quoting PostgreSQL does character by character (measured on the scale
 * benchmark's tables). A value is seeded with its position in the row, so values swapped between
 * columns hash apart; a NULL hashes to a constant of its own (the hash of a text is NULL only for
 * NULL), so NULL and the empty string hash apart. Few calls per value: the text and its hash cost
 * about what {@code COPY} spends on a value, and anything more shows at scale.
 */
final class HashSql {

    private HashSql() {
    }

    /** A bigint: the hash of the values of {@code columns} of the row {@code t}, in that order. */
    static String row(List<String> columns) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            hashes.add(value(columns.get(i), Integer.toString(i + 1), Integer.toString(-(i + 1))));
        }
        return "hashint8extended(" + (hashes.isEmpty() ? "0" : String.join(" # ", hashes)) + ", 0)";
    }

    /**
     * A bigint: the hash of one value of row {@code t} seeded with the hash of the row's key (the key's
     * values in the order given), so the same value in another row hashes differently. Without a key,
     * the value alone. A NULL hashes to 0 here: it adds nothing to a column's sum, and its count is
     * taken apart ({@code count(c)}).
     */
    static String valueWithKey(List<String> key, String column) {
        return value(column, key.isEmpty() ? "0" : row(key), "0");
    }

    private static String value(String column, String seed, String ifNull) {
        return "coalesce(hashtextextended(t." + Catalog.quote(column) + "::text, " + seed + "), " + ifNull + ")";
    }
}

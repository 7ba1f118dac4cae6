package dev.tollgate.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL expressions that hash a row's values in the server, for the fingerprints of rows and of
 * columns. Each value is hashed on its own, by its type where PostgreSQL's own hash of the type tells
 * apart every two values a reader can tell apart ({@link ValueHash}), else by its text; the hashes of
 * one row's values are combined (XOR) and hashed again. Typed hashes skip printing each value as text,
 * which was most of a reading's cost (half of a snapshot's time on the scale benchmark's tables). A
 * value is seeded with its position in the row, so values swapped between columns hash apart; a NULL
 * hashes to a constant of its own, so NULL and the empty string hash apart.
 */
final class HashSql {

    private HashSql() {
    }

    /** A bigint: the hash of the values of {@code columns} (name to type) of the row {@code t}, in that order. */
    static String row(Map<String, String> columns) {
        List<String> hashes = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, String> column : columns.entrySet()) {
            position++;
            hashes.add("coalesce(" + ValueHash.of(column.getValue()).sql(value(column.getKey()), Integer.toString(position))
                    + ", " + -position + ")");
        }
        return "hashint8extended(" + (hashes.isEmpty() ? "0" : String.join(" # ", hashes)) + ", 0)";
    }

    /**
     * A bigint: the seed of a row's column hashes, from its key ({@code key} name to type, in the order
     * hashed): a single integer column's value itself (nothing to compute, per value of the row), else
     * the key's {@link #row row hash}; 0 without a key.
     */
    static String keySeed(Map<String, String> key) {
        if (KeyHash.of(key.values()) == KeyHash.VALUE) {
            return value(key.keySet().iterator().next());
        }
        return key.isEmpty() ? "0" : row(key);
    }

    /**
     * A bigint: the hash of one value of row {@code t} seeded with {@code seed} ({@link #keySeed}), so
     * the same value in another row hashes differently. A NULL hashes to 0 here: it adds nothing to a
     * column's sum, and its count is taken apart ({@code count(c)}).
     */
    static String valueWithKey(String column, String type, String seed) {
        return "coalesce(" + ValueHash.of(type).sql(value(column), seed) + ", 0)";
    }

    private static String value(String column) {
        return "t." + Catalog.quote(column);
    }
}

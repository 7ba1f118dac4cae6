package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * A table's content in two numbers, computed in the server: how many rows, and the sum of a 64-bit
 * hash of each row's values as PostgreSQL prints them (see {@link HashSql#row}). A sum does not depend
 * on row order and counts duplicates, so the same rows in any physical order give the same
 * fingerprint, and a changed value changes it.
 *
 * @param table   the table as reports name it ({@code missions}, {@code app.missions})
 * @param columns the columns hashed, in name order: the columns are always listed in that order so
 *                one set of columns hashes alike whatever order created them
 * @param rows    the row count
 * @param hash    the sum of the row hashes, in decimal (it outgrows 64 bits, so it is text)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TableFingerprint(String table, List<String> columns, long rows, String hash) {

    public TableFingerprint {
        Objects.requireNonNull(table, "table must not be null");
        Objects.requireNonNull(hash, "hash must not be null");
        columns = columns.stream().sorted().toList();
    }

    /** {@code missions  3 rows  hash 123 (id, priority, title)}. */
    public String toText() {
        return table + "  " + rows + (rows == 1 ? " row" : " rows") + "  hash " + hash
                + "  (" + String.join(", ", columns) + ")";
    }
}

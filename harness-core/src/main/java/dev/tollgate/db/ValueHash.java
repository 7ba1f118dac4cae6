package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;

import org.apiguardian.api.API;

/**
 * How a fingerprint hashes a column's values: with PostgreSQL's own hash of the value's type where
 * equal hashes mean values no reader tells apart, else as text. A column whose type changed in an
 * upgrade compares with its old fingerprint only when both hash the same way: integers of any width
 * hash alike ({@code hashint8extended} folds its high half so, as PostgreSQL's cross-type hash joins
 * need; the high half, hashed too, is the sign for an int), as do {@code text}, {@code varchar} and
 * {@code char} (without its padding), {@code date}, {@code timestamp} and {@code timestamptz} (read in
 * UTC), {@code real} and {@code double precision}.
 *
 * <p>What a typed hash takes as equal, on purpose: numbers that differ only in trailing zeros
 * ({@code 1.0} and {@code 1.00}), {@code -0} and {@code 0}; each is the same value to every comparison
 * in SQL. Types whose own hash takes values a reader tells apart as equal are hashed as text:
 * {@code interval} ({@code '1 mon'} and {@code '30 days'} hash alike), {@code jsonb} (its hash skips
 * structure: {@code "a"} and {@code ["a"]}, {@code []} and {@code {}} hash alike), arrays (their bounds
 * are not hashed), enums (a renamed label keeps its hash), and every type not named here. Text is
 * hashed in the "C" collation: under a case-insensitive collation {@code 'Alice'} and {@code 'alice'}
 * would hash alike. One weakness is left: a timestamp's hash folds its 64 bits into 32 first (XOR of
 * the halves), so two instants whose microsecond counts differ by the same bits in both halves hash
 * alike (some instants 2^32 + 1 microseconds apart, 71 minutes); an upgrade that moves every
 * changed row's instant by such a pattern is not one we know of, and integers, which an upgrade may
 * well reinterpret so ({@code -1} as {@code 4294967295}), are hashed whole.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public enum ValueHash {
    // hashint8extended folds a bigint's halves into 32 bits first (-1 and 4294967295 hash alike): the high
    // half goes into the seed, so two integers hash alike only if equal; an int's high half is its sign,
    // as the bigint of the same value has it.
    INTEGER("hashint8extended(%1$s, %2$s # (%1$s::int8 >> 32))"),
    NUMERIC("hash_numeric_extended(%s, %s)"),
    FLOAT("hashfloat8extended(%s, %s)"),
    BOOLEAN("hashint8extended(%s::int, %s)"),
    // timestamptz to timestamp in the reading's UTC session keeps the microseconds since 2000 as they are.
    TIMESTAMP("timestamp_hash_extended(%s::timestamp, %s)"),
    UUID("uuid_hash_extended(%s, %s)"),
    TEXT("hashtextextended(%s::text COLLATE \"C\", %s)");

    /** Base types (as {@code format_type} names them) hashed by type; every other type is hashed as text. */
    private static final Map<String, ValueHash> BY_TYPE = Map.ofEntries(
            Map.entry("smallint", INTEGER), Map.entry("integer", INTEGER), Map.entry("bigint", INTEGER),
            Map.entry("numeric", NUMERIC), Map.entry("real", FLOAT), Map.entry("double precision", FLOAT),
            Map.entry("boolean", BOOLEAN), Map.entry("date", TIMESTAMP), Map.entry("timestamp without time zone", TIMESTAMP),
            Map.entry("timestamp with time zone", TIMESTAMP), Map.entry("uuid", UUID));

    private final String template;

    ValueHash(String template) {
        this.template = template;
    }

    /** How values of {@code type} (a base type as {@code format_type} names it, e.g. {@code integer[]}) are hashed. */
    public static ValueHash of(String type) {
        return BY_TYPE.getOrDefault(type, TEXT);
    }

    /** A bigint: the hash of {@code value} (SQL, a column: read twice for integers) seeded with {@code seed}; NULL for NULL. */
    String sql(String value, String seed) {
        return String.format(template, value, seed);
    }
}

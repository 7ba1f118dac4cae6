package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collection;

import org.apiguardian.api.API;

/**
 * How a row's key seeds its column hashes ({@link HashSql#keySeed}). Recorded with a snapshot's column
 * fingerprints, so that a later reading seeds the same way or says it cannot: a key whose type changed
 * in the upgrade (an integer id that became text) would seed every value differently, and its columns
 * would look as if every value had moved to another row.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public enum KeyHash {
    /** No primary key: each value hashed alone. */
    NONE,
    /** One integer column (any width): its value is the seed. */
    VALUE,
    /** Any other key: the hash of its values, each hashed as {@link ValueHash} says for its type. */
    HASH;

    /** How a key of columns of these types (in the order hashed) seeds. */
    static KeyHash of(Collection<String> types) {
        if (types.isEmpty()) {
            return NONE;
        }
        return types.size() == 1 && ValueHash.of(types.iterator().next()) == ValueHash.INTEGER ? VALUE : HASH;
    }
}

package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What the lock probe saw on one large table during an upgrade: how long a cheap read and a cheap
 * write would have waited for their locks, as traffic would have.
 *
 * @param table                  the table, schema-qualified ({@code public.missions})
 * @param longestReadWaitMillis  the longest stretch a read ({@code SELECT … LIMIT 1}) could not get its lock
 * @param longestWriteWaitMillis the longest stretch a write (the {@code ROW EXCLUSIVE} lock every
 *                               {@code INSERT}, {@code UPDATE} and {@code DELETE} takes) could not get its lock
 * @param rounds                 how many times the table was probed
 */
@API(status = INTERNAL, since = "0.2")
public record LockWait(String table, long longestReadWaitMillis, long longestWriteWaitMillis, int rounds) {

    public LockWait {
        Objects.requireNonNull(table, "table must not be null");
    }

    /** The longer of the read's and the write's wait. */
    @JsonIgnore
    public long longestWaitMillis() {
        return Math.max(longestReadWaitMillis, longestWriteWaitMillis);
    }

    /** {@code public.missions: writes waited 2.31 s, reads 2.30 s (41 probes)}. */
    @JsonIgnore
    public String toText() {
        return String.format(java.util.Locale.ROOT, "%s: writes waited %.2f s, reads %.2f s (%d probes)", table,
                longestWriteWaitMillis / 1000.0, longestReadWaitMillis / 1000.0, rounds);
    }
}

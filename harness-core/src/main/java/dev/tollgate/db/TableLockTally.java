package dev.tollgate.db;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.model.LockWait;

/**
 * One table's tally for {@link LockProbe}: the stretch it is blocked now (if it is), and the
 * longest so far. Times are {@link System#nanoTime()} readings.
 */
final class TableLockTally {
    private long readBlockedSince = -1;
    private long writeBlockedSince = -1;
    private long longestRead;
    private long longestWrite;
    private int rounds;
    private volatile boolean gone;

    synchronized void blocked(boolean write, long since) {
        if (write && writeBlockedSince < 0) {
            writeBlockedSince = since;
        } else if (!write && readBlockedSince < 0) {
            readBlockedSince = since;
        }
    }

    synchronized void acquired(boolean write, long at) {
        if (write && writeBlockedSince >= 0) {
            longestWrite = Math.max(longestWrite, at - writeBlockedSince);
            writeBlockedSince = -1;
        } else if (!write && readBlockedSince >= 0) {
            longestRead = Math.max(longestRead, at - readBlockedSince);
            readBlockedSince = -1;
        }
    }

    synchronized void round() {
        rounds++;
    }

    /** The table went away (or could not be probed): left alone from now on. */
    void markGone() {
        gone = true;
    }

    boolean isGone() {
        return gone;
    }

    /** The figures as they stand; a table still blocked when the probe stops counts as blocked until then. */
    synchronized LockWait toWait(TableRef table, long now) {
        long read = Math.max(longestRead, readBlockedSince < 0 ? 0 : now - readBlockedSince);
        long write = Math.max(longestWrite, writeBlockedSince < 0 ? 0 : now - writeBlockedSince);
        return new LockWait(table.schema() + "." + table.name(), read / 1_000_000, write / 1_000_000, rounds);
    }
}

package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.model.LockWait;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Watches the largest tables while an upgrade runs, as traffic would meet them: round after round, a
 * cheap read and a cheap write on each, each in a transaction of its own that is rolled back, and the
 * longest stretch each could not get its lock. A migration that rewrites a table under an
 * {@code ACCESS EXCLUSIVE} lock shows as a wait as long as the rewrite; one that builds an index
 * without {@code CONCURRENTLY} as a wait of the writes only.
 *
 * <p>The probe never becomes the upgrade's problem. Whether a lock is free is first asked with
 * {@code NOWAIT}, so a busy machine is never mistaken for a lock; only when it is not free does the
 * probe queue for it, for at most {@link #LOCK_TIMEOUT}, holding no other lock meanwhile (so it can
 * delay a migration's lock request by at most that, and never deadlock with it). Every statement is
 * bounded by {@code statement_timeout}, an idle transaction by {@code idle_in_transaction_session_timeout},
 * and the whole probe by its deadline: it stops by itself, and closing its one session ends anything
 * it had open. A table the upgrade drops is noted and left alone; an error is noted, never thrown.
 */
@API(status = INTERNAL, since = "0.2")
public final class LockProbe implements AutoCloseable {

    /** How long one attempt queues for a lock before it gives up and tries again in the next round. */
    public static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ROUND_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";
    private static final String UNDEFINED_TABLE = "42P01";

    // The probed tables' figures, in the order chosen (largest first); guarded by this.
    private final Map<TableRef, TableLockTally> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final DatabaseEndpoint database;
    private final int tables;
    private final long deadline;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Connection session;

    private LockProbe(DatabaseEndpoint database, int tables, Duration maxRun) {
        this.database = database;
        this.tables = tables;
        this.deadline = System.nanoTime() + maxRun.toNanos();
        this.thread = new Thread(this::run, "tollgate-lock-probe");
        thread.setDaemon(true);
    }

    /**
     * Starts probing the {@code tables} largest tables of the database on a thread of its own.
     *
     * @param maxRun how long it may run if nobody stops it (the step's timeout)
     */
    public static LockProbe start(DatabaseEndpoint database, int tables, Duration maxRun) {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(maxRun, "maxRun must not be null");
        if (tables < 1) {
            throw new IllegalArgumentException("tables must be at least 1: " + tables);
        }
        LockProbe probe = new LockProbe(database, tables, maxRun);
        probe.thread.start();
        return probe;
    }

    /** Stops the probe and returns each probed table's figures, largest table first. */
    public List<LockWait> stop() {
        stopped = true;
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection open = session;
        if (thread.isAlive() && open != null) {
            try {
                open.abort(Runnable::run);  // the server rolls back whatever the session had open
            } catch (SQLException e) {
                note("could not end the probe's session: " + e.getMessage());
            }
        }
        long now = System.nanoTime();
        synchronized (this) {
            return figures.entrySet().stream().map(entry -> entry.getValue().toWait(entry.getKey(), now)).toList();
        }
    }

    /** Why the probe saw less than it should have; empty when it ran throughout. */
    public synchronized String note() {
        return String.join("; ", notes);
    }

    @Override
    public void close() {
        if (!stopped) {
            stop();
        }
    }

    private void run() {
        List<TableRef> largest = null;
        // Connects at least once, even when stopped at once: a database it cannot reach is worth a note.
        while (largest == null || !stopped && System.nanoTime() < deadline) {
            try (Connection connection = database.connect()) {
                session = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET application_name = '" + DatabaseEndpoint.OWN_SESSION_PREFIX + "lock-probe'");
                    statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
                    statement.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT.toMillis() + "ms'");
                    statement.execute("SET idle_in_transaction_session_timeout = '" + STOP_WAIT.toMillis() + "ms'");
                }
                if (largest == null) {
                    largest = largest(connection, tables);
                    List<TableRef> chosen = largest;
                    synchronized (this) {
                        chosen.forEach(table -> figures.put(table, new TableLockTally()));
                    }
                }
                connection.setAutoCommit(false);
                rounds(connection, largest);
            } catch (SQLException e) {
                if (largest == null) {
                    note("the probe could not connect: " + e.getMessage());
                    return;
                }
                // Its session was ended from outside (a runtime ends every session on the database when it
                // stops a release): connect again and go on, the tallies kept.
            } finally {
                session = null;
            }
            if (!pause()) {
                return;
            }
        }
    }

    /** Round after round until stopped or past the deadline; a lost session ends it with the exception. */
    private void rounds(Connection connection, List<TableRef> largest) throws SQLException {
        while (!stopped && System.nanoTime() < deadline) {
            for (TableRef table : largest) {
                TableLockTally tally = figures(table);
                if (!tally.isGone() && !stopped) {
                    probe(connection, table, tally, false);
                }
                if (!tally.isGone() && !stopped && !database.readOnly()) {
                    probe(connection, table, tally, true);
                }
            }
            if (!pause()) {
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(ROUND_INTERVAL.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The largest tables by size on disk: pg_class' row estimates stay empty until a table is analysed. */
    private static List<TableRef> largest(Connection connection, int limit) throws SQLException {
        List<TableRef> found = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                        + Catalog.USER_TABLE + " ORDER BY pg_relation_size(c.oid) DESC, greatest(c.reltuples, 0) DESC,"
                        + " n.nspname, c.relname")) {
            while (rows.next() && found.size() < limit) {
                TableRef table = new TableRef(rows.getString(1), rows.getString(2));
                if (!Catalog.HISTORY_TABLES.contains(table.name())) {
                    found.add(table);
                }
            }
        }
        return found;
    }

    /**
     * One read or write on one table: asked without waiting first; when the lock is taken, the table
     * counts as blocked from then until an attempt gets it.
     */
    private void probe(Connection connection, TableRef table, TableLockTally tally, boolean write) throws SQLException {
        String lock = "LOCK TABLE " + table.sql() + " IN " + (write ? "ROW EXCLUSIVE" : "ACCESS SHARE") + " MODE";
        long started = System.nanoTime();
        try {
            if (attempt(connection, table, lock + " NOWAIT", write)) {
                tally.acquired(write, System.nanoTime());
                return;
            }
            tally.blocked(write, started);
            if (!write) {
                tally.blocked(true, started);  // what keeps a read out (an ACCESS EXCLUSIVE lock) keeps writes out too
            }
            if (attempt(connection, table, lock, write)) {
                tally.acquired(write, System.nanoTime());
            }
        } catch (SQLException e) {
            if (lost(connection, e)) {
                throw e;
            }
            tally.markGone();
            note(UNDEFINED_TABLE.equals(e.getSQLState()) ? table.display() + " went away during the upgrade"
                    : "stopped probing " + table.display() + ": " + e.getMessage());
        } finally {
            if (!write) {
                tally.round();  // a round is a read and, where the session may write, a write: counted once
            }
        }
    }

    /** Whether the lock was had (and, for a read, the read done); the transaction is rolled back either way. */
    private static boolean attempt(Connection connection, TableRef table, String lock, boolean write) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(lock);
            if (!write) {
                try (ResultSet row = statement.executeQuery("SELECT 1 FROM " + table.sql() + " LIMIT 1")) {
                    row.next();
                }
            }
            return true;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || QUERY_CANCELED.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            connection.rollback();
        }
    }

    /** Whether the session itself is gone (terminated, or the connection broken), not the statement refused. */
    private static boolean lost(Connection connection, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        try {
            return state.startsWith("08") || state.startsWith("57P") || connection.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    private synchronized TableLockTally figures(TableRef table) {
        return figures.get(table);
    }

    private synchronized void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

}

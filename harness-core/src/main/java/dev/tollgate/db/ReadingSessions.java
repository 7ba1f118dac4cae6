package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.system.DatabaseEndpoint;

/**
 * The connections of a suite's finished readings ({@link Catalog#open}), kept for its next reading of
 * the same database while its steps only read. A connection starts a server process (some
 * milliseconds of the server's and the driver's work, and a cold catalog cache in the new process);
 * the version check, the migration and data checks, snapshots and the run record each read on a
 * connection of their own, some twenty of them in the release gate, two or three per step. Across a
 * network (a staging database, TLS) a connection costs far more.
 *
 * <p>A reading gets a connection here only on a thread running inside {@link #during}: the engine runs
 * the steps that only read (checks, seeds, snapshots) so, and {@link #release}s every kept
 * connection before any other step, since a backup's template copy, a restore's drop and a stopped
 * release's session clean-up each need the database free of sessions. A kept connection is idle
 * between readings (the reading's transaction rolled back, so it holds no lock and no snapshot) and
 * names itself {@code tollgate-reading}, so a clean-up that ends sessions never counts it as the
 * release's. A kept connection that no longer answers is closed and replaced.
 *
 * <p>By hand rather than a pool library's: a pool keeps connections for the life of an application;
 * these must never outlive the window the engine opens and closes step by step, and there is one
 * reading at a time on a suite's steps, so a list per database is all the pooling there is.
 */
@API(status = INTERNAL, since = "0.3")
public final class ReadingSessions implements AutoCloseable {

    /** How a kept connection names itself ({@code application_name}). */
    public static final String APPLICATION_NAME = DatabaseEndpoint.OWN_SESSION_PREFIX + "reading";

    private static final ThreadLocal<ReadingSessions> BOUND = new ThreadLocal<>();

    private final Map<DatabaseEndpoint, Deque<Connection>> idle = new HashMap<>();
    private boolean closed;

    /** Runs {@code action} with the readings of this thread keeping their connections here. */
    public void during(Runnable action) {
        ReadingSessions before = BOUND.get();
        BOUND.set(this);
        try {
            action.run();
        } finally {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        }
    }

    /** Closes every kept connection: the database is about to need to be free of sessions. */
    public void release() {
        List<Connection> closing = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(closing::addAll);
            idle.clear();
        }
        closing.forEach(ReadingSessions::closeQuietly);
    }

    /** Releases the kept connections, and keeps none from now on. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        release();
    }

    /** The sessions the current thread's readings keep their connections in, if it runs inside {@link #during}. */
    static Optional<ReadingSessions> bound() {
        return Optional.ofNullable(BOUND.get());
    }

    /** How many connections are kept now. */
    synchronized int kept() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /**
     * A connection to {@code database} for a reading: a kept one that still answers, else a new one.
     * Closing what this returns ends the reading's transaction and keeps the connection here.
     */
    Connection connect(DatabaseEndpoint database) throws SQLException {
        Connection connection = takeLive(database);
        if (connection == null) {
            connection = database.connect(APPLICATION_NAME);
        }
        return keptOnClose(database, connection);
    }

    private Connection takeLive(DatabaseEndpoint database) {
        while (true) {
            Connection kept;
            synchronized (this) {
                Deque<Connection> connections = idle.get(database);
                kept = connections == null ? null : connections.pollFirst();
            }
            if (kept == null) {
                return null;
            }
            try {
                if (kept.isValid(5)) {
                    return kept;
                }
            } catch (SQLException e) {
                // not live: closed below, and the next one tried
            }
            closeQuietly(kept);
        }
    }

    private void keep(DatabaseEndpoint database, Connection connection) {
        boolean kept;
        synchronized (this) {
            kept = !closed;
            if (kept) {
                idle.computeIfAbsent(database, any -> new ArrayDeque<>()).addFirst(connection);
            }
        }
        if (!kept) {
            closeQuietly(connection);
        }
    }

    /** The connection as a reading sees it: its close ends the transaction and hands the connection back once. */
    private Connection keptOnClose(DatabaseEndpoint database, Connection connection) {
        boolean[] handedBack = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!handedBack[0]) {
                                handedBack[0] = true;
                                handBack(database, connection);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return handedBack[0] || connection.isClosed();
                        }
                        default -> {
                            if (handedBack[0]) {
                                throw new SQLException("this reading's connection was closed");
                            }
                            try {
                                return method.invoke(connection, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void handBack(DatabaseEndpoint database, Connection connection) {
        try {
            if (connection.isClosed()) {
                return;
            }
            connection.rollback();  // a reading's transaction is read-only: nothing to keep, no snapshot held
        } catch (SQLException e) {
            closeQuietly(connection);
            return;
        }
        keep(database, connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // a connection that will not close has nothing left to give
        }
    }
}

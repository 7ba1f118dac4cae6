package dev.tollgate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Reads tables side by side, one connection per worker, every connection in the same snapshot of the
 * database, as {@code pg_dump --jobs} does: the first reading's transaction exports its snapshot and
 * the others import it, so together they see one moment, exactly as a single reading would. The
 * work is done in the server (one scan per table); the workers only keep more than one scan going.
 */
final class TablesSideBySide {

    /** More workers than cores only queue scans in the server; four is plenty for a service's tables. */
    private static final int MAX_WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * Below this many bytes of table data (the tables' files, TOAST and indexes left out), one
     * connection reads them all: another connection costs its server process's start and the
     * snapshot's export and import, some milliseconds, and a few small tables take less to scan
     * than that (a rehearsal's tables of a few hundred rows took 4-5 ms more side by side).
     */
    static final long SIDE_BY_SIDE_FROM_BYTES = 1024 * 1024;

    /** One table's reading on a connection of the shared snapshot. */
    @FunctionalInterface
    interface Reading<T> {
        T read(Connection connection, TableRef table) throws SQLException;
    }

    private TablesSideBySide() {
    }

    /**
     * @param leader   an open reading ({@link Catalog#open}), whose snapshot the others join
     * @param database where to open the others; {@code null} reads every table on the leader
     * @return one result per table, in the order of {@code tables}
     */
    static <T> List<T> read(Connection leader, DatabaseEndpoint database, List<TableRef> tables, Reading<T> reading)
            throws SQLException {
        int workers = database == null ? 1 : Math.min(MAX_WORKERS, tables.size());
        if (workers > 1 && bytes(leader, tables) < SIDE_BY_SIDE_FROM_BYTES) {
            workers = 1;
        }
        if (workers <= 1) {
            List<T> results = new ArrayList<>();
            for (TableRef table : tables) {
                results.add(reading.read(leader, table));
            }
            return results;
        }
        String snapshot = export(leader);
        List<Connection> connections = new ArrayList<>(List.of(leader));
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "tollgate-table-reading");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 1; i < workers; i++) {
                connections.add(Catalog.openAt(database, snapshot));
            }
            List<T> results = new ArrayList<>(java.util.Collections.nCopies(tables.size(), null));
            AtomicInteger next = new AtomicInteger();
            List<Future<Void>> running = new ArrayList<>();
            for (Connection connection : connections) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tables.size(); i = next.getAndIncrement()) {
                        results.set(i, reading.read(connection, tables.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : running) {
                await(worker);
            }
            return results;
        } finally {
            pool.shutdownNow();
            for (Connection helper : connections.subList(1, connections.size())) {
                try {
                    helper.close();
                } catch (SQLException ignored) {
                    // a reading's connection that will not close has nothing left to give
                }
            }
        }
    }

    /**
     * The size of the tables' main files as the server has them now: exact, where {@code pg_class.relpages}
     * is an estimate that a restore leaves at zero until the next ANALYZE.
     */
    static long bytes(Connection leader, List<TableRef> tables) throws SQLException {
        try (PreparedStatement statement = leader.prepareStatement(
                "SELECT coalesce(sum(pg_relation_size(name::regclass)), 0) FROM unnest(?::text[]) AS name")) {
            statement.setArray(1, leader.createArrayOf("text", tables.stream().map(TableRef::sql).toArray()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String export(Connection leader) throws SQLException {
        try (Statement statement = leader.createStatement(); ResultSet row = statement.executeQuery("SELECT pg_export_snapshot()")) {
            row.next();
            return row.getString(1);
        }
    }

    private static void await(Future<Void> worker) throws SQLException {
        try {
            worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while tables were read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new SQLException("a table's reading failed: " + e.getCause(), e.getCause());
        }
    }
}

package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.BackupStrategy;
import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The embedded database servers of one run that a suite has finished with, each kept for the next
 * suite that starts on the same settings rather than stopped, deleted and replaced by a new one (a
 * copy of the template cluster, a start, the passwords: about a third of a second each on an idle
 * machine, five times in the release gate, on the suites' own time). The suite that takes a kept
 * server drops every database on it but the system ones, and takes it only if what the server
 * shares between databases ({@link ClusterState}: roles, settings, tablespaces, the system
 * databases' objects …) is then as it was when the server was new; else the server is stopped and a
 * new one started. A release whose migrations create a role, say, thus has its server replaced: no
 * suite sees another's leftovers, as when each had its own. A server whose suite left a process
 * running is not kept, nor are servers of the {@code physical} backup strategy (their data directory
 * was put back by a file copy and restarted by {@code pg_ctl}).
 *
 * <p>Each server lives in a run directory of its own (with the owner file: a killed run's is swept
 * by the next) and writes a log of its own; each suite's evidence gets the part written while it
 * held the server. {@link #none()} keeps nothing: each suite's server is its own, as before; the
 * engine makes one that keeps for each run and closes it when the run ends.
 */
@API(status = INTERNAL, since = "0.3")
public final class SpareServers implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    // In each server's own run directory; a server whose start failed has only this, no database.
    private static final String SERVER_LOG = "postgres.log";

    private record Key(DatabaseSpec spec, Path workParent) {
    }

    private final boolean keeps;
    private final Map<Key, Deque<Server>> idle = new HashMap<>();
    private boolean closed;
    private Thread hook;

    private SpareServers(boolean keeps) {
        this.keeps = keeps;
    }

    /** Servers kept from one suite to the next until {@link #close()}, or a Ctrl-C, stops them. */
    public static SpareServers forRun() {
        SpareServers servers = new SpareServers(true);
        servers.hook = new Thread(servers::close, "tollgate-spare-servers-cleanup");
        Runtime.getRuntime().addShutdownHook(servers.hook);
        return servers;
    }

    /** No server is kept: each suite's is stopped and deleted with its runtime. */
    public static SpareServers none() {
        return new SpareServers(false);
    }

    /**
     * A server for one suite: a spare one, else a new one in its own run directory under
     * {@code workParent}.
     *
     * @param suiteLog the suite's evidence file for the server's log
     */
    Lease take(DatabaseSpec spec, Path workParent, Path suiteLog, String profileName) {
        Key key = new Key(spec, workParent);
        Server spare;
        while ((spare = poll(key)) != null) {
            long logStart = ServerLogParts.size(spare.database.serverLog());
            boolean asNew;
            try {
                asNew = spare.resetAsNew();
            } catch (RuntimeException e) {
                asNew = false;
            }
            if (asNew) {
                ServerLogParts.note(suiteLog, "[tollgate] this server (port " + spare.database.endpoint().port()
                        + ") served an earlier suite; its databases were dropped and the service's made again, and it"
                        + " was found as new. What it logged while this suite held it follows.");
                return new Lease(spare, suiteLog, logStart, true);
            }
            // The suite before left something on it that the next would see: it goes, and another is tried.
            spare.stop(null, 0);
        }
        RunDirectory directory = RunDirectory.create(workParent);
        Path serverLog = directory.resolve(SERVER_LOG);
        EmbeddedDatabase database = null;
        try {
            database = EmbeddedDatabase.start(spec, directory.resolve("pgdata"), serverLog, suiteLog, profileName);
            boolean keepable = keeps && spec.backupOn("local") != BackupStrategy.PHYSICAL;
            Server server = new Server(key, directory, database, keepable ? clusterState(database) : null);
            return new Lease(server, suiteLog, 0, false);
        } catch (RuntimeException e) {
            try {
                new Server(key, directory, database, null).stop(suiteLog, 0);
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    /** Stops every spare server; those handed back later are stopped at once. */
    @Override
    public void close() {
        closeWhile(() -> { });
    }

    /**
     * Stops every spare server, side by side (each mostly waits for a postmaster to exit and a
     * directory to go), while {@code meanwhile} runs on this thread; returns once both are done.
     * Servers handed back later are stopped at once.
     */
    public void closeWhile(Runnable meanwhile) {
        List<Server> stopping = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(stopping::addAll);
            idle.clear();
            if (hook != null && !Thread.currentThread().equals(hook)) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running, or will find nothing left
                }
            }
        }
        RuntimeLifecycle.Failures failures = RuntimeLifecycle.Failures.collecting();
        List<Thread> threads = stopping.stream()
                .map(server -> new Thread(() -> failures.run(() -> server.stop(null, 0)), "tollgate-spare-server-stop"))
                .toList();
        threads.forEach(Thread::start);
        try {
            meanwhile.run();
        } finally {
            threads.forEach(SpareServers::joinUninterruptibly);
        }
        failures.throwFirst();
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Server poll(Key key) {
        Deque<Server> spare = idle.get(key);
        return spare == null ? null : spare.poll();
    }

    /**
     * Keeps the server for the next suite, as it is: whether it is as new is judged (and its
     * databases dropped) by the suite that takes it, so that a server no suite takes any more is
     * only stopped, at the run's end.
     */
    private void handBack(Server server, Path suiteLog, long logStart, boolean keep) {
        if (keep && server.fresh != null) {
            ServerLogParts.copy(server.database.serverLog(), logStart, suiteLog);
            synchronized (this) {
                if (!closed) {
                    idle.computeIfAbsent(server.key, any -> new ArrayDeque<>()).push(server);
                    return;
                }
            }
            suiteLog = null;  // its part is copied; the stop's lines stay with the server
        }
        server.stop(suiteLog, logStart);
    }

    /** A suite's hold on a server. */
    final class Lease {

        private final Server server;
        private final Path suiteLog;
        private final long logStart;
        private final boolean reused;

        private Lease(Server server, Path suiteLog, long logStart, boolean reused) {
            this.server = server;
            this.suiteLog = suiteLog;
            this.logStart = logStart;
            this.reused = reused;
        }

        /** The server, its messages naming the suite's log. */
        EmbeddedDatabase database() {
            return server.database.showingLog(suiteLog);
        }

        /** Whether the server served a suite before. */
        boolean reused() {
            return reused;
        }

        /**
         * Ends the suite's hold: the server is kept for the next suite if {@code keep} (nothing of the
         * suite's is left running), else stopped and deleted. The suite's log gets its part either way.
         */
        void close(boolean keep) {
            handBack(server, suiteLog, logStart, keep);
        }
    }

    private static final class Server {

        private final Key key;
        private final RunDirectory directory;
        private final EmbeddedDatabase database;
        // The cluster's state when the server was new; null for a server that is never kept.
        private final List<String> fresh;

        private Server(Key key, RunDirectory directory, EmbeddedDatabase database, List<String> fresh) {
            this.key = key;
            this.directory = directory;
            this.database = database;
            this.fresh = fresh;
        }

        /**
         * Drops every database but the system ones, then tells whether the server is as it was new;
         * if so, makes the service's database again, empty, as a new server has it.
         */
        private boolean resetAsNew() {
            DatabaseEndpoint own = database.endpoint();
            try (Connection connection = own.withName("postgres").connect(); Statement statement = connection.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("select datname from pg_database")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                names.removeAll(ClusterState.SYSTEM_DATABASES);
                for (String name : names) {
                    statement.execute("DROP DATABASE " + EmbeddedDatabase.quote(name) + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                return false;
            }
            if (!clusterState(database).equals(fresh)) {
                return false;
            }
            database.recreate();
            return true;
        }

        /** Stops the server, copies its log from {@code logStart} to {@code suiteLog} (if any), deletes its directory. */
        private void stop(Path suiteLog, long logStart) {
            RuntimeLifecycle.Failures failures = RuntimeLifecycle.Failures.collecting();
            if (database != null) {
                failures.run(database::close);
            }
            // A server whose start was cut short (Ctrl-C during its start) is no one's to stop, yet
            // still writes into the directory: end it before the directory goes.
            failures.run(() -> Stragglers.endProcessesUsing(directory.path(), PATIENCE));
            if (suiteLog != null) {
                ServerLogParts.copy(directory.resolve(SERVER_LOG), logStart, suiteLog);
            }
            failures.run(directory::close);
            failures.throwFirst();
        }
    }

    private static List<String> clusterState(EmbeddedDatabase database) {
        try {
            return ClusterState.of(database.endpoint());
        } catch (SQLException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot read the embedded PostgreSQL's roles and settings: "
                    + e.getMessage() + ". Its log is " + database.logFile() + ".", e);
        }
    }
}

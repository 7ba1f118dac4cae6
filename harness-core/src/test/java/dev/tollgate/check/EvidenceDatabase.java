package dev.tollgate.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tollgate.db.Snapshot;
import dev.tollgate.load.Variables;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.runtime.DatabaseEndpoint;
import dev.tollgate.runtime.RunningService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * For tests of the checks that read a database: one embedded PostgreSQL per test class, a fresh
 * database per test, and a check context over it that keeps the snapshots a test takes.
 */
public final class EvidenceDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final AtomicInteger created = new AtomicInteger();

    private EvidenceDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EvidenceDatabase start() {
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres", "warn");
        try {
            return new EvidenceDatabase(EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }

    /** A new database with the statements run in it, and a check context over it. */
    public Context create(String... statements) {
        String name = "check_" + created.incrementAndGet();
        DatabaseEndpoint database = new DatabaseEndpoint("localhost", postgres.getPort(), name, "postgres", "");
        execute(database.withName("postgres"), "CREATE DATABASE " + name);
        execute(database, statements);
        return new Context(database);
    }

    public static void execute(DatabaseEndpoint database, String... statements) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed in " + database + ": " + e.getMessage(), e);
        }
    }

    /** A check spec as a suite would declare it, at line 7 of a suite file. */
    public static CheckSpec spec(String type, Map<String, Object> config) {
        return new CheckSpec(type, null, config, new SourcePosition(Path.of("upgrade.suite.yaml"), 7, 9));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A scenario's context without a running service: only the database and the snapshots taken. */
    public static final class Context implements CheckContext {

        private final DatabaseEndpoint database;
        private final Map<String, Snapshot> snapshots = new HashMap<>();

        Context(DatabaseEndpoint database) {
            this.database = database;
        }

        /** Takes a snapshot as the {@code snapshot:} step does, ignoring no table. */
        public Snapshot snapshot(String name, String... thenRun) throws SQLException {
            Snapshot snapshot = Snapshot.take(name, database, Set.of());
            snapshots.put(name, snapshot);
            execute(database, thenRun);
            return snapshot;
        }

        public void run(String... statements) {
            execute(database, statements);
        }

        public CheckResult check(CheckType type, Map<String, Object> config) {
            return type.run(spec(type.type(), config), this);
        }

        @Override
        public Optional<Snapshot> snapshot(String name) {
            return Optional.ofNullable(snapshots.get(name));
        }

        @Override
        public Profile profile() {
            throw new UnsupportedOperationException("these checks do not read the profile");
        }

        @Override
        public Optional<RunningService> service() {
            return Optional.empty();
        }

        @Override
        public DatabaseEndpoint database() {
            return database;
        }

        @Override
        public Variables variables() {
            return Variables.of(Map.of());
        }

        @Override
        public void capture(String name, String value) {
            throw new UnsupportedOperationException("these checks capture nothing: " + List.of(name, value));
        }
    }
}

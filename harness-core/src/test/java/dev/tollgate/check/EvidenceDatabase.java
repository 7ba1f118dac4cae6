package dev.tollgate.check;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.tollgate.db.Snapshot;
import dev.tollgate.db.StateFiles;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * For tests of the checks that read a database: one embedded PostgreSQL per test class, a fresh
 * database per test, and a check context over it that keeps the snapshots a test takes.
 */
public final class EvidenceDatabase implements BeforeAllCallback, AfterAllCallback {

    private final TestDatabases databases = TestDatabases.perClass();

    private EvidenceDatabase() {
    }

    /** Register with {@code @RegisterExtension static final}: the server starts before the class and stops after it. */
    public static EvidenceDatabase perClass() {
        return new EvidenceDatabase();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        databases.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        databases.afterAll(context);
    }

    /** A new database with the statements run in it, and a check context over it. */
    public Context create(String... statements) {
        return new Context(databases.create(statements));
    }

    public static void execute(DatabaseEndpoint database, String... statements) {
        TestDatabases.execute(database, statements);
    }

    /** A check spec as a suite would declare it, at line 7 of a suite file. */
    public static CheckSpec spec(String type, Map<String, Object> config) {
        return new CheckSpec(type, null, config, new SourcePosition(Path.of("upgrade.suite.yaml"), 7, 9));
    }

    /** A scenario's context without a running service: only the database and the snapshots taken. */
    public static final class Context implements CheckContext {

        private final DatabaseEndpoint database;
        private final Map<String, Snapshot> snapshots = new HashMap<>();
        private Map<String, Path> state = Map.of();
        private Profile profile = new Profile("test", "local", null,
                new ServiceSpec(List.of("none"), null, null, null, null, null, null, null), null);

        Context(DatabaseEndpoint database) {
            this.database = database;
        }

        /** State directories outside the database (a profile's state:), which snapshots fingerprint. */
        public Context withState(Map<String, Path> directories) {
            this.state = Map.copyOf(directories);
            return this;
        }

        @Override
        public Map<String, Path> state() {
            return state;
        }

        /** The profile the checks read (the migration history's location, say); a bare local one by default. */
        public Context withProfile(Profile other) {
            this.profile = other;
            return this;
        }

        @Override
        public DatabaseEndpoint database() {
            return database;
        }

        /** Takes a snapshot as the {@code snapshot:} step does, ignoring no table. */
        public Snapshot snapshot(String name, String... thenRun) throws SQLException {
            Snapshot snapshot = Snapshot.take(name, database, Set.of(), profile.database().migrations())
                    .withState(StateFiles.read(state));
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
            return profile;
        }

        @Override
        public Optional<RunningService> service() {
            return Optional.empty();
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

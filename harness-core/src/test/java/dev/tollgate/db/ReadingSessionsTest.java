package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.system.DatabaseEndpoint;

/**
 * A suite's readings keep their connections between steps that only read, and give the database
 * back whole before anything that needs it free of sessions.
 */
class ReadingSessionsTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    private static DatabaseEndpoint database() {
        return postgres.create("CREATE TABLE missions (id bigint PRIMARY KEY, title text)",
                "INSERT INTO missions VALUES (1, 'Apollo 11'), (2, 'Gemini 4')");
    }

    @Test
    void readingsInsideTheWindowShareOneServerSessionAndOutsideItEachHasItsOwn() throws Exception {
        DatabaseEndpoint database = database();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        try (ReadingSessions sessions = new ReadingSessions()) {
            sessions.during(() -> first.set(backendOfAReading(database)));
            sessions.during(() -> {
                second.set(backendOfAReading(database));
                assertEquals(1, fingerprint(database).tables().size(), "a whole reading on it too");
            });
            assertEquals(first.get(), second.get(), "the second reading ran on the first one's connection");
            assertEquals(1, sessions.kept());
        }
        assertNotEquals(backendOfAReading(database), backendOfAReading(database), "outside the window, a connection each");
    }

    @Test
    void aKeptConnectionIsIdleAndNamedAsTollgatesBetweenReadings() throws Exception {
        DatabaseEndpoint database = database();
        try (ReadingSessions sessions = new ReadingSessions()) {
            AtomicInteger backend = new AtomicInteger();
            sessions.during(() -> backend.set(backendOfAReading(database)));

            try (Connection admin = database.connect(); Statement statement = admin.createStatement();
                    ResultSet row = statement.executeQuery("SELECT state, application_name, backend_xmin IS NULL"
                            + " FROM pg_stat_activity WHERE pid = " + backend.get())) {
                assertTrue(row.next(), "the kept session is gone");
                assertEquals("idle", row.getString(1), "no transaction left open, no lock held");
                assertEquals(ReadingSessions.APPLICATION_NAME, row.getString(2));
                assertTrue(row.getBoolean(3), "no snapshot held");
            }
        }
    }

    /**
     * What the engine releases them for: a backup copies the database as a template, which
     * PostgreSQL refuses while another session is connected to it.
     */
    @Test
    void releasedConnectionsLeaveTheDatabaseFreeForATemplateCopy() throws Exception {
        DatabaseEndpoint database = database();
        try (ReadingSessions sessions = new ReadingSessions()) {
            sessions.during(() -> backendOfAReading(database));

            SQLException refused = assertThrows(SQLException.class, () -> copy(database, "kept_copy"));
            assertTrue(refused.getMessage().contains("being accessed by other users"), refused.getMessage());

            sessions.release();
            assertEquals(0, sessions.kept());
            copy(database, "released_copy");
        }
    }

    @Test
    void aKeptConnectionThatNoLongerAnswersIsReplaced() throws Exception {
        DatabaseEndpoint database = database();
        try (ReadingSessions sessions = new ReadingSessions()) {
            AtomicInteger ended = new AtomicInteger();
            sessions.during(() -> ended.set(backendOfAReading(database)));
            TestDatabases.execute(database, "SELECT pg_terminate_backend(" + ended.get() + ")");

            AtomicInteger next = new AtomicInteger();
            sessions.during(() -> next.set(backendOfAReading(database)));

            assertNotEquals(ended.get(), next.get());
            assertEquals(1, sessions.kept());
        }
    }

    @Test
    void closedSessionsKeepNothing() throws Exception {
        DatabaseEndpoint database = database();
        ReadingSessions sessions = new ReadingSessions();
        sessions.close();

        sessions.during(() -> backendOfAReading(database));

        assertEquals(0, sessions.kept());
    }

    /** A reading as checks make them; its server process's id. */
    private static int backendOfAReading(DatabaseEndpoint database) {
        try (Connection reading = Catalog.open(database); Statement statement = reading.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataFingerprint fingerprint(DatabaseEndpoint database) {
        try {
            return DataFingerprint.read(database, Set.of());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(DatabaseEndpoint database, String copy) throws SQLException {
        try (Connection admin = database.withName("postgres").connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + copy + " TEMPLATE " + database.name());
        }
    }
}

package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code doctor}: configuration, database and migration state, exit 0 only when nothing is wrong. */
class DoctorTest extends PostgresTestSupport {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void passesOnADatabaseMigratedToItsRelease() throws SQLException {
        String url = newDatabase();
        migrate("1.1.0", url);
        assertEquals(0, doctor(env("1.1.0", url)), stdout());
        assertTrue(stdout().contains("ok    migrations: schema version 6; none pending, failed or edited"), stdout());
        assertTrue(stdout().contains("warn  subjects: SAMPLE_SUBJECTS is not set"), stdout());
        assertTrue(stdout().endsWith("doctor: 0 problem(s), 1 warning(s)\n"), stdout());
    }

    @Test
    void failsWhileTheReleasesMigrationsArePendingAndChangesNothing() throws SQLException {
        String url = newDatabase();
        migrate("1.0.0", url);
        assertEquals(1, doctor(env("1.1.0", url)));
        assertTrue(stdout().contains("FAIL  migrations: 4 pending migrations"), stdout());
        assertEquals(2, count(url, "select count(*) from flyway_schema_history where version is not null"),
                "doctor must not migrate");
    }

    @Test
    void failsAfterAMigrationThatFailedHalfWay() throws SQLException {
        String url = newDatabase();
        migrate("1.0.0", url);
        try {
            migrate("1.1.0-bad-migration-fails", url);
        } catch (StartupException expected) {
            // Flyway stops at V4, as an upgrade to this candidate does
        }
        assertEquals(1, doctor(env("1.1.0-bad-migration-fails", url)));
        assertTrue(stdout().contains("FAIL  migrations: 2 pending migrations"), stdout());
    }

    @Test
    void failsWhenTheDatabaseIsUnreachableWithoutShowingThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = env("1.1.0", "jdbc:postgresql://127.0.0.1:" + closedPort + "/sample?password=hunter2");
        assertEquals(1, doctor(env));
        assertTrue(stdout().contains("FAIL  database: Cannot connect to the database"), stdout());
        assertFalse(stdout().contains("hunter2"), stdout());
    }

    @Test
    void failsWithoutADatabaseUrl() {
        assertEquals(1, doctor(Map.of("SAMPLE_RELEASE", "1.1.0")));
        assertTrue(stdout().startsWith("FAIL  config: DATABASE_URL is not set."), stdout());
    }

    private int doctor(Map<String, String> env) {
        return Main.run(new String[] {"doctor"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8).replace("\r", "");
    }
}

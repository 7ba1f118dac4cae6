package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: exit codes and one-line messages for every expected problem. */
class MainTest extends PostgresTestSupport {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void releasesPrintsOneIdPerLine() {
        assertEquals(0, run(Map.of(), "releases"));
        assertEquals(String.join("\n", Releases.ids()) + "\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    @Test
    void unknownReleaseIsAUsageError() {
        assertEquals(64, run(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/x"), "serve", "--release", "9.9.9"));
        assertEquals("Unknown release '9.9.9'. Known releases: " + String.join(", ", Releases.ids())
                + ". Set SAMPLE_RELEASE to one of them.\n", stderr());
    }

    @Test
    void missingReleaseAndMissingDatabaseUrlAreUsageErrors() {
        assertEquals(64, run(Map.of()));
        assertTrue(stderr().startsWith("No release given."), stderr());
        err.reset();
        assertEquals(64, run(Map.of("SAMPLE_RELEASE", "1.1.0")));
        assertTrue(stderr().startsWith("DATABASE_URL is not set."), stderr());
        err.reset();
        assertEquals(64, run(Map.of("SAMPLE_RELEASE", "1.1.0", "PORT", "eighty")));
        assertEquals("PORT must be a number from 0 to 65535, got 'eighty'.\n", stderr());
    }

    @Test
    void unreachableDatabaseNamesTheUrlWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/sample?password=hunter2";
        assertEquals(69, run(Map.of("DATABASE_URL", url, "PORT", "0"), "migrate", "--release=1.1.0"));
        assertTrue(stderr().startsWith("Cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort
                + "/sample?password=***: "), stderr());
        assertFalse(stderr().contains("hunter2"));
        assertEquals(1, stderr().lines().count());
    }

    @Test
    void portInUseIsReportedBeforeTouchingTheDatabase() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            assertEquals(69, run(Map.of("SAMPLE_RELEASE", "1.1.0", "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/x",
                    "PORT", String.valueOf(port))));
            assertEquals("Port " + port + " on 127.0.0.1 is already in use. Choose another with PORT.\n", stderr());
        }
    }

    @Test
    void migrateAppliesTheReleaseAndExitsZero() throws SQLException {
        String url = newDatabase();
        assertEquals(0, run(env("2.0.0", url), "migrate"));
        assertEquals("7", string(url, "select max(version::int)::text from flyway_schema_history"));
    }

    @Test
    void failedMigrationExits70NamingVersionAndSqlError() throws SQLException {
        String url = newDatabase();
        assertEquals(70, run(env("1.1.0-bad-migration-fails", url), "migrate"));
        assertTrue(stderr().startsWith("Migration V5 (index missions status) failed: ERROR: column \"priorty\""), stderr());
        assertEquals(1, stderr().lines().count(), "one line, no stack trace");
    }

    @Test
    void badSubjectsAreAUsageErrorThatNeverEchoesAToken() {
        assertEquals(64, run(Map.of("SAMPLE_RELEASE", "1.1.0", "SAMPLE_SUBJECTS", "root:god:s3cret-token")));
        assertTrue(stderr().startsWith("SAMPLE_SUBJECTS entry 1 has an unknown role 'god'"), stderr());
        assertFalse(stderr().contains("s3cret"));
    }

    @Test
    void unexpectedArgumentsAreUsageErrors() {
        assertEquals(64, run(Map.of(), "deploy"));
        assertTrue(stderr().startsWith("Unexpected argument 'deploy'."), stderr());
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8).replace("\r", "");
    }
}

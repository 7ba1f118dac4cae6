package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * A server one suite has finished with serves the next as a new one would: its databases gone, the
 * service's made again empty. One on which a release left something every database shares (a role,
 * here) is not handed on: the next suite gets a new server, which has never seen that role. Each
 * suite's evidence has its own part of the server's log, and nothing is left running or on disk
 * once the run's servers are closed.
 */
class SpareServersTest {

    private static final DatabaseSpec SPEC = new DatabaseSpec("app", 0, Map.of());

    @TempDir
    Path work;

    @Test
    void aServerAsNewServesTheNextSuite() throws Exception {
        Path first = suiteLog("evidence-1");
        Path second = suiteLog("evidence-2");
        Path workParent = work.resolve("runs");
        try (SpareServers servers = SpareServers.forRun()) {
            SpareServers.Lease lease = servers.take(SPEC, workParent, first, "test profile");
            EmbeddedDatabase database = lease.database();
            assertFalse(lease.reused());
            execute(database.serviceEndpoint(), "create table missions (id int)", "insert into missions values (1)");
            database.createEmpty("reference");
            execute(database.endpoint(), "DO $$ BEGIN RAISE LOG 'first suite was here'; END $$");
            long serverPid = postmaster(database.endpoint());
            lease.close(true);

            SpareServers.Lease next = servers.take(SPEC, workParent, second, "test profile");
            DatabaseEndpoint service = next.database().serviceEndpoint();
            assertTrue(next.reused());
            assertEquals(serverPid, postmaster(next.database().endpoint()), "the same server");
            assertEquals("0", value(service, "select count(*) from pg_tables where schemaname = 'public'"), "an empty database");
            assertEquals("postgres", value(service, "select pg_get_userbyid(datdba) from pg_database where datname = 'app'"));
            assertEquals("3", value(service, "select count(*) from pg_database where datname <> 'app'"),
                    "only the system databases besides the service's");
            assertEquals(second, next.database().logFile(), "its messages name the second suite's log");
            execute(next.database().endpoint(), "DO $$ BEGIN RAISE LOG 'second suite was here'; END $$");
            next.close(true);

            String firstLog = Files.readString(first);
            String secondLog = Files.readString(second);
            assertTrue(firstLog.contains("first suite was here") && !firstLog.contains("second suite was here"), firstLog);
            assertTrue(secondLog.contains("second suite was here") && !secondLog.contains("first suite was here"), secondLog);
            assertTrue(secondLog.startsWith("[tollgate] this server (port " + service.port() + ") served an earlier suite"),
                    "the part says where the server came from: " + secondLog);
        }
        assertTrue(runDirectories(workParent).isEmpty(), "closing stops the spare servers and deletes them: "
                + runDirectories(workParent));
    }

    @Test
    void aServerARoleWasLeftOnIsNotHandedOn() throws Exception {
        Path first = suiteLog("evidence-1");
        Path second = suiteLog("evidence-2");
        Path workParent = work.resolve("runs");
        try (SpareServers servers = SpareServers.forRun()) {
            SpareServers.Lease lease = servers.take(SPEC, workParent, first, "test profile");
            // What a migration that creates its read-only role does: shared by every database of the server.
            execute(lease.database().serviceEndpoint(), "create role reporting nologin");
            long used = postmaster(lease.database().endpoint());
            lease.close(true);

            SpareServers.Lease next = servers.take(SPEC, workParent, second, "test profile");
            assertFalse(next.reused());
            DatabaseEndpoint own = next.database().endpoint();
            assertNotEquals(used, postmaster(own));
            assertEquals("0", value(own, "select count(*) from pg_roles where rolname = 'reporting'"));
            assertTrue(ProcessHandle.of(used).map(ProcessExits::ended).orElse(true), "the server with the role is stopped");
            assertEquals(1, runDirectories(workParent).size(), "and deleted: " + runDirectories(workParent));
            next.close(true);
        }
    }

    @Test
    void aServerIsNotKeptWhenItsSuiteLeftSomethingRunningOrWhenNothingKeeps() throws Exception {
        Path log = suiteLog("evidence");
        Path workParent = work.resolve("runs");
        try (SpareServers servers = SpareServers.forRun()) {
            SpareServers.Lease lease = servers.take(SPEC, workParent, log, "test profile");
            lease.close(false);
            assertTrue(runDirectories(workParent).isEmpty());
            SpareServers.Lease again = servers.take(SPEC, workParent, log, "test profile");
            assertFalse(again.reused());
            again.close(true);
        }
        SpareServers.Lease own = SpareServers.none().take(SPEC, workParent, log, "test profile");
        own.close(true);
        assertTrue(runDirectories(workParent).isEmpty(), "none() keeps nothing");
    }

    private Path suiteLog(String evidence) throws java.io.IOException {
        return Files.createDirectories(work.resolve(evidence)).resolve("postgres.log");
    }

    private static List<Path> runDirectories(Path parent) throws Exception {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.toList();
        }
    }

    private static long postmaster(DatabaseEndpoint endpoint) throws SQLException {
        String dataDirectory = value(endpoint, "select current_setting('data_directory')");
        Optional<ProcessHandle> server = ServerStop.postmaster(Path.of(dataDirectory));
        return server.orElseThrow().pid();
    }

    private static void execute(DatabaseEndpoint endpoint, String... statements) throws SQLException {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String value(DatabaseEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}

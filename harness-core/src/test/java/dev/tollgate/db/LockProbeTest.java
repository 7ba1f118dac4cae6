package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.model.LockWait;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The lock probe on a real PostgreSQL, with a second session taking the locks a migration takes: it
 * records as a wait exactly what a lock held against traffic, nothing for a table left alone, and it
 * leaves no session or transaction behind.
 */
class LockProbeTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    private static DatabaseEndpoint database() {
        return postgres.create("""
                CREATE TABLE big AS SELECT g AS id, md5(g::text) AS pad FROM generate_series(1, 50000) g;
                CREATE TABLE small (id integer PRIMARY KEY);
                CREATE TABLE tiny (id integer);
                CREATE TABLE flyway_schema_history (installed_rank integer);
                INSERT INTO small SELECT generate_series(1, 100);
                """);
    }

    @Test
    void aTableRewrittenUnderAnExclusiveLockShowsAsAWaitOfReadsAndWritesAndTheOthersAsNone() throws Exception {
        DatabaseEndpoint database = database();
        LockProbe probe = LockProbe.start(database, 2, Duration.ofMinutes(1));
        Thread.sleep(300);  // a few rounds with nothing held
        try (Connection migration = database.connect(); Statement statement = migration.createStatement()) {
            migration.setAutoCommit(false);
            statement.execute("LOCK TABLE big IN ACCESS EXCLUSIVE MODE");
            Thread.sleep(2500);  // longer than the probe's lock timeout: the wait spans its attempts
            migration.commit();
        }
        Thread.sleep(300);
        Map<String, LockWait> waits = byTable(probe.stop());

        assertEquals(List.of("public.big", "public.small"), List.copyOf(waits.keySet()), "the largest two, history left out");
        LockWait big = waits.get("public.big");
        assertTrue(big.longestReadWaitMillis() >= 2000 && big.longestReadWaitMillis() < 4000, big.toString());
        assertTrue(big.longestWriteWaitMillis() >= 2000 && big.longestWriteWaitMillis() < 4000, big.toString());
        assertEquals(0, waits.get("public.small").longestWaitMillis(), waits.toString());
        assertTrue(waits.get("public.small").rounds() > 3, waits.toString());
        assertEquals("", probe.note());
        assertEquals(0, probeSessions(database), "the probe's session is gone");
    }

    @Test
    void aSessionEndedFromOutsideIsOpenedAgainAndTheProbeGoesOn() throws Exception {
        // The local runtime ends every session on the database when it stops the previous release.
        DatabaseEndpoint database = database();
        LockProbe probe = LockProbe.start(database, 1, Duration.ofMinutes(1));
        Thread.sleep(300);
        TestDatabases.execute(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'tollgate-lock-probe'");
        try (Connection migration = database.connect(); Statement statement = migration.createStatement()) {
            migration.setAutoCommit(false);
            statement.execute("LOCK TABLE big IN ACCESS EXCLUSIVE MODE");
            Thread.sleep(1500);
            migration.commit();
        }
        LockWait big = probe.stop().get(0);

        assertTrue(big.longestReadWaitMillis() >= 1000, big.toString());
        assertEquals("", probe.note());
    }

    @Test
    void anIndexBuiltWithoutConcurrentlyBlocksWritesOnly() throws Exception {
        DatabaseEndpoint database = database();
        LockProbe probe = LockProbe.start(database, 1, Duration.ofMinutes(1));
        try (Connection migration = database.connect(); Statement statement = migration.createStatement()) {
            migration.setAutoCommit(false);
            statement.execute("CREATE INDEX big_pad ON big (pad)");  // SHARE until commit
            Thread.sleep(1500);
            migration.commit();
        }
        LockWait big = probe.stop().get(0);

        assertEquals(0, big.longestReadWaitMillis(), big.toString());
        assertTrue(big.longestWriteWaitMillis() >= 1000, big.toString());
    }

    @Test
    void aTableDroppedDuringTheUpgradeIsNotedAndTheProbeStopsByItselfAtItsDeadline() throws Exception {
        DatabaseEndpoint database = database();
        LockProbe probe = LockProbe.start(database, 3, Duration.ofSeconds(2));
        Thread.sleep(300);
        TestDatabases.execute(database, "DROP TABLE tiny");
        Thread.sleep(3000);  // past its deadline: nobody stops it

        assertEquals(0, probeSessions(database), "it ended its session at the deadline");
        assertEquals("tiny went away during the upgrade", probe.note());
        assertEquals(3, probe.stop().size());
    }

    @Test
    void aDatabaseThatCannotBeReachedIsANoteNotAFailure() {
        DatabaseEndpoint nowhere = new DatabaseEndpoint("127.0.0.1", 1, "none", "nobody", null);
        LockProbe probe = LockProbe.start(nowhere, 5, Duration.ofMinutes(1));

        assertEquals(List.of(), probe.stop());
        assertTrue(probe.note().startsWith("the probe could not connect: "), probe.note());
    }

    private static Map<String, LockWait> byTable(List<LockWait> waits) {
        return waits.stream().collect(Collectors.toMap(LockWait::table, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    /** The probe's sessions still open, given the server a moment to end one whose client closed it. */
    private static int probeSessions(DatabaseEndpoint database) throws Exception {
        for (int tries = 0; tries < 20 && countProbeSessions(database) > 0; tries++) {
            Thread.sleep(100);
        }
        return countProbeSessions(database);
    }

    private static int countProbeSessions(DatabaseEndpoint database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tollgate-lock-probe'")) {
            row.next();
            return row.getInt(1);
        }
    }
}

package dev.tollgate.check.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Status;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * The default {@code logs} check on logs a Spring Boot service with Flyway and Hibernate really
 * writes: the false alarms of issue 19 (a WARN line that says "Error Code: 0", an INFO thread dump)
 * pass; an ERROR line fails, shown whole with its stack trace.
 */
class LogsCheckByLevelTest {

    private static final List<String> HEALTHY = List.of(
            "2026-12-06T18:00:00.101Z  INFO 4242 --- [           main] o.f.core.internal.command.DbMigrate      : Successfully applied 1 migration to schema \"public\", now at version v12 (execution time 00:00.021s)",
            "2026-12-06T18:00:01.202Z  WARN 4242 --- [           main] o.h.engine.jdbc.spi.SqlExceptionHelper   : SQL Warning Code: 0, SQLState: 00000",
            "2026-12-06T18:00:01.203Z  WARN 4242 --- [           main] o.h.engine.jdbc.spi.SqlExceptionHelper   : relation \"idx_orders\" does not exist, skipping. Error Code: 0",
            "2026-12-06T18:00:02.000Z  INFO 4242 --- [           main] c.e.orders.ThreadDumper                  : thread dump on slow start:",
            "\"main\" #1 prio=5 os_prio=0 cpu=812.34ms elapsed=2.10s tid=0x00007f nid=0x2a runnable",
            "   java.lang.Thread.State: RUNNABLE",
            "\tat java.lang.Thread.dumpThreads(java.base@17.0.9/Native Method)",
            "\tat java.lang.Thread.getAllStackTraces(java.base@17.0.9/Thread.java:1662)",
            "\tat com.example.orders.ThreadDumper.dump(ThreadDumper.java:21)",
            "",
            "\"HikariPool-1 housekeeper\" #23 daemon prio=5 os_prio=0 tid=0x00007f nid=0x3b waiting on condition",
            "   java.lang.Thread.State: TIMED_WAITING (parking)",
            "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.9/Native Method)",
            "2026-12-06T18:00:03.000Z  INFO 4242 --- [           main] c.e.orders.OrdersApplication             : Started OrdersApplication in 3.1 seconds");

    @TempDir
    Path dir;

    @Test
    void aWarnLineSayingErrorCodeAndAnInfoThreadDumpPass() throws IOException {
        CheckResult result = run(HEALTHY, Map.of());
        assertEquals(Status.PASSED, result.status(), result.message());
        assertTrue(result.message().contains("was logged at ERROR or above"), result.message());
    }

    @Test
    void theOldDefaultPatternsWouldHaveFailedTheSameLog() throws IOException {
        CheckResult result = run(HEALTHY, Map.of("patterns", List.of("(?i)\\bERROR\\b", "^\\s+at [\\w.$]+\\(")));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("; 5 did:"), result.message());
    }

    @Test
    void anErrorLineFailsShownWholeWithItsStackTrace() throws IOException {
        String error = "2026-12-06T18:00:04.000Z ERROR 4242 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet]    :"
                + " Servlet.service() for servlet [dispatcherServlet] threw exception " + "x".repeat(300);
        List<String> log = new java.util.ArrayList<>(HEALTHY);
        log.addAll(List.of(error,
                "java.lang.IllegalStateException: order 7 has no customer",
                "\tat com.example.orders.OrderService.place(OrderService.java:88)"));
        CheckResult result = run(log, Map.of());
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("line 15 (logged at ERROR): " + error), result.message());
        assertTrue(result.message().contains("(+2 lines of the same entry"), result.message());
        assertTrue(result.evidence().get(0).content().contains("OrderService.java:88"), result.evidence().get(0).content());
    }

    @Test
    void aWarnEntryFailsWhereTheSuiteSetsTheLevelToWarn() throws IOException {
        CheckResult result = run(HEALTHY, Map.of("level", "warn"));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("; 2 did:"), result.message());
    }

    @Test
    void aLevelBesidePatternsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(HEALTHY, Map.of("level", "WARN", "patterns", List.of("x"))));
        assertTrue(e.getMessage().contains("level"), e.getMessage());
    }

    /**
     * The scan a rollback step runs: Keycloak's and Flyway's warnings of a newer schema are found, with
     * the default patterns, as facts; an INFO line that only mentions future migrations is not a warning.
     */
    @Test
    void migrationWarningsAreFoundAtWarnAndAboveOnly() throws IOException {
        String keycloak = "2026-12-06 21:53:58,350 WARN  [org.keycloak.storage.datastore.DefaultMigrationManager] (main)"
                + " Possibly incorrect state of migration. You are trying to run server version '26.4.7' against database,"
                + " which was already migrated to newer version '26.5.6'.";
        String flyway = "2026-12-06T21:20:20.318Z [main] WARN DbMigrate - Schema \"public\" has a version (6) that is newer"
                + " than the latest available migration (2) !";
        List<String> log = new java.util.ArrayList<>(HEALTHY);
        log.add(1, "2026-12-06T18:00:00.050Z  INFO 4242 --- [main] o.f.c.i.c.DbValidate : ignoring future migrations as configured");
        log.addAll(List.of(keycloak, flyway));
        Map<String, Object> defaults = Map.of("patterns", dev.tollgate.model.CodeRollbackSpec.DEFAULT_WARNINGS);

        CheckResult warned = warnings(log, defaults);
        CheckResult quiet = warnings(HEALTHY, defaults);

        assertEquals(Status.PASSED, warned.status(), warned.message());
        assertEquals(List.of(keycloak, flyway), warned.facts().migrationWarnings());
        assertTrue(warned.message().startsWith("release orders-12 warned about its migration or schema state: " + keycloak
                + " (and 1 more)"), warned.message());
        assertEquals(Status.PASSED, quiet.status(), quiet.message());
        assertEquals(List.of(), quiet.facts().migrationWarnings());
    }

    /** {@code warnings: []} turns the scan off: nothing to look for, so the log is not read (here it is not there). */
    @Test
    void noMigrationWarningPatternsPassWithoutReadingTheLog() {
        CheckResult off = new MigrationWarningsCheck().run(EvidenceDatabase.spec("migration-warnings", Map.of("patterns", List.of())),
                new LogFileContext(dir.resolve("never-written.log")));

        assertEquals(Status.PASSED, off.status(), off.message());
        assertEquals(List.of(), off.facts().migrationWarnings());
        assertTrue(off.message().contains("0 patterns"), off.message());
    }

    private CheckResult warnings(List<String> lines, Map<String, Object> settings) throws IOException {
        Path log = Files.write(dir.resolve("orders.log"), lines);
        return new MigrationWarningsCheck().run(EvidenceDatabase.spec("migration-warnings", settings), new LogFileContext(log));
    }

    private CheckResult run(List<String> lines, Map<String, Object> settings) throws IOException {
        Path log = Files.write(dir.resolve("orders.log"), lines);
        LogsCheck logs = new LogsCheck();
        return logs.run(EvidenceDatabase.spec("logs", settings), new LogFileContext(log));
    }

    /** A context whose running release wrote {@code log}; the logs check reads nothing else. */
    private record LogFileContext(Path log) implements CheckContext {

        @Override
        public Profile profile() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RunningService> service() {
            return Optional.of(new RunningService(new Release("orders-12"), URI.create("http://127.0.0.1:1/"), log, Map.of()));
        }

        @Override
        public DatabaseEndpoint database() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Variables variables() {
            return Variables.of(Map.of());
        }

        @Override
        public void capture(String name, String value) {
        }
    }
}

package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.api.Constants;
import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.Verdict;
import dev.tollgate.model.Area;

/**
 * Rehearsing on a copy of production: a pg_dump of a 1.0.0 database holding rows the sample's API
 * never writes (NULLs where allowed, long text, old dates, scratch rows) is restored, anonymised and
 * shrunk by {@code prepare:}, and the upgrade rehearsal runs on it. The dump is made here, the way an
 * operator makes one: the release runs on its own PostgreSQL, rows go in by SQL, {@code pg_dump} writes
 * the archive. Needs PostgreSQL's client tools (pg_dump, pg_restore, psql) on the PATH.
 */
class BaselineDumpTest {

    private static final Path EXAMPLE = Path.of("src/test/resources/production-data").toAbsolutePath();

    /** Rows the API never writes: no form leaves notes NULL on a finished mission or dates one 1961. */
    private static final String ODD_ROWS = """
            insert into missions (name, owner, status, notes, created_at, updated_at) values
              ('Vostok 1', 'yuri@example.org', 'done', null, '1961-04-12 06:07:00+00', '1961-04-12 07:55:00+00'),
              ('Voskhod 2', 'alexei@example.org', 'done', '', '1965-03-18 07:00:00+00', '1965-03-19 09:02:00+00'),
              (repeat('a very long mission name ', 4000), 'valentina@example.org', 'active',
               repeat('notes no form allows ', 20000), '1900-01-01 00:00:00+00', '1900-01-02 00:00:00+00'),
              ('Ünïcödé ✓ 名前 ''quoted'' and' || chr(10) || 'a newline', 'sergei@example.org', 'planned', null,
               '1999-12-31 23:59:59.999999+00', '2000-01-01 00:00:00+00');
            insert into missions (name, owner) select 'scratch-' || g, 'nobody@example.org' from generate_series(1, 50) g;
            insert into audit_log (at, request_id, subject, action, resource, outcome) values
              ('1970-01-01 00:00:00+00', '', null, 'import', null, 'legacy'),
              ('1999-12-31 23:59:59+00', repeat('r', 5000), null, 'migrate', null, 'ok');
            """;

    @TempDir
    static Path dir;

    /** The example suite and its prepare file, with the dump made next to them as baseline.dump. */
    private static Path suite;
    private static Path directoryDump;
    private static Path plainDump;

    @BeforeAll
    static void dumpA100DatabaseWithRowsTheApiNeverWrites() throws Exception {
        Path example = Files.createDirectories(dir.resolve("example"));
        suite = Files.copy(EXAMPLE.resolve("from-dump.suite.yaml"), example.resolve("from-dump.suite.yaml"));
        Files.copy(EXAMPLE.resolve("anonymise.sql"), example.resolve("anonymise.sql"));
        try (StagingDeployment production = StagingDeployment.start("1.0.0", dir)) {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + production.databasePort()
                    + "/app", "postgres", "postgres"); Statement statement = connection.createStatement()) {
                statement.execute(ODD_ROWS);
            }
            pgDump(production.databasePort(), "--format=custom", example.resolve("baseline.dump"));
            directoryDump = dir.resolve("directory-dump");
            pgDump(production.databasePort(), "--format=directory", directoryDump);
            plainDump = dir.resolve("plain.sql");
            pgDump(production.databasePort(), "--format=plain", plainDump);
        }
    }

    @Test
    void theUpgradeFromTheDumpPassesDataConvergenceAndRestoreAfterPrepare() throws Exception {
        Path evidence = dir.resolve("evidence-go");
        GateRehearsal.Outcome outcome = GateRehearsal.files("1.1.0", evidence, List.of(suite));

        assertEquals(Verdict.GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        assertEquals("PASSED", checks(evidence, "prepared").get("sql").path("status").asText(), "prepare: ran before the release");
        Map<String, JsonNode> afterUpgrade = checks(evidence, "after-upgrade");
        for (String check : List.of("migrations", "convergence", "data")) {
            assertEquals("PASSED", afterUpgrade.get(check).path("status").asText(), afterUpgrade.get(check).toString());
        }
        String data = afterUpgrade.get("data").path("message").asText();
        assertTrue(data.startsWith("no rows lost since snapshot before-upgrade") && data.contains("missions: compared column"), data);
        JsonNode restore = checks(evidence, "after-restore").get("restore");
        assertEquals("PASSED", restore.path("status").asText(), restore.toString());
    }

    @Test
    void aCandidateThatDeletesFinishedMissionsIsNoGoInDataOnTheDump() throws Exception {
        Path evidence = dir.resolve("evidence-dataloss");
        GateRehearsal.Outcome outcome = GateRehearsal.files("1.1.0-bad-dataloss", evidence, List.of(suite));

        assertEquals(Verdict.NO_GO, outcome.result().verdict(), outcome.result().reasons()::toString);
        assertEquals(AreaStatus.FAILED, outcome.result().area(Area.DATA).status(), outcome.result().reasons()::toString);
        String data = checks(evidence, "after-upgrade").get("data").path("message").asText();
        // 4 before: the snapshot was taken after prepare: deleted the 50 scratch missions.
        assertTrue(data.contains("missions: 2 rows lost (4 before, 2 after)") && data.contains("Vostok 1")
                && data.contains("Voskhod 2") && data.contains("notes=NULL"), data);
    }

    /** A directory-format dump restores with pg_restore --jobs, a plain one with psql; each then migrates. */
    @Test
    void directoryAndPlainDumpsRestoreToo() throws IOException {
        for (Path dump : List.of(directoryDump, plainDump)) {
            Path file = Files.writeString(dir.resolve("install-" + dump.getFileName() + ".suite.yaml"), """
                    suite: install-from-%s
                    scenario:
                      - install: { release: "${candidate}", from: %s, prepare: "delete from missions where name like 'scratch-%%'" }
                      - id: restored
                        check:
                          - version
                          - sql: { query: "select count(*) from missions where created_at < '1970-01-01'", expect: 3 }
                          - sql: { query: "select count(*) from missions", expect: 4 }
                    """.formatted(dump.getFileName(), dump.getFileName()));
            EngineExecutionResults results = EngineTestKit.engine("tollgate")
                    .configurationParameters(Map.of(Constants.CANDIDATE, "1.1.0",
                            Constants.EVIDENCE_DIR, dir.resolve("evidence-" + dump.getFileName()).toString()))
                    .selectors(selectFile(file.toFile())).execute();
            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:restored"), finishedSuccessfully()));
        }
    }

    /** A dump that is none fails the run before any server starts, naming the file and the fix. */
    @Test
    void aFileThatIsNoDumpStopsTheRunBeforeAnythingStarts() throws IOException {
        Path notADump = Files.writeString(dir.resolve("users.csv"), "id,email\n1,a@example.com\n");
        Path file = Files.writeString(dir.resolve("not-a-dump.suite.yaml"), """
                suite: not-a-dump
                scenario:
                  - install: { release: "${previous}", from: users.csv }
                  - check: health
                """);

        EngineExecutionResults results = EngineTestKit.engine("tollgate")
                .configurationParameters(Map.of(Constants.EVIDENCE_DIR, dir.resolve("evidence-csv").toString()))
                .selectors(selectFile(file.toFile())).execute();

        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                file + ":3:5: The dump to install from: " + notADump + " is not a PostgreSQL dump")))));
        assertEquals(0, results.testEvents().started().count(), "no step started");
    }

    private static void pgDump(int port, String format, Path target) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "--host=127.0.0.1", "--port=" + port, "--username=postgres",
                "--no-password", format, "--file=" + target, "app").redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0, "pg_dump " + format + ": " + output);
    }

    private static Map<String, JsonNode> checks(Path evidence, String stepId) throws IOException {
        JsonNode record = new ObjectMapper().readTree(evidence.resolve("run.json").toFile());
        for (JsonNode step : record.path("suites").path(0).path("steps")) {
            if (step.path("id").asText().equals(stepId)) {
                Map<String, JsonNode> checks = new java.util.LinkedHashMap<>();
                step.path("checks").forEach(check -> checks.put(check.path("type").asText(), check));
                return checks;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + record);
    }
}

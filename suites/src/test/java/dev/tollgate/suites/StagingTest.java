package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Verdict;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.RemoteRuntime;

/**
 * The staging profile against a deployment made outside Tollgate (the sample service as a child
 * process on its own embedded PostgreSQL), on the real engine: the read-only staging suite passes on
 * a good release and names the case on a bad one; a destructive suite is refused before any request
 * reaches the service; the database is only ever read.
 */
class StagingTest {

    private static final Path SUITES = Path.of("src/suites").toAbsolutePath();
    private static final Path STAGING = SUITES.resolve("staging.suite.yaml");
    private static final Path UPGRADE = SUITES.resolve("upgrade-from-previous.suite.yaml");
    private static final Path TEST_SUITES = Path.of("src/test/resources/staging").toAbsolutePath();
    private static final Path PROFILES = Path.of(System.getProperty("tollgate.profiles.dir", "../profiles")).toAbsolutePath();

    @TempDir
    static Path shared;
    private static Path evidence;
    private static Path profile;

    /**
     * An earlier rehearsal on the local profile records the clean-install schemas the drift check
     * compares with; and the staging profile gets the deployment's tokens from files, as QA would give
     * them (environment variables work the same way; -D would put them in the JUnit XML).
     */
    @BeforeAll
    static void recordCleanInstallSchemasAndTokenFiles() throws IOException {
        evidence = shared.resolve("evidence");
        EngineTestKit.engine("tollgate").configurationParameters(Map.of("tollgate.candidate", "1.1.0",
                "tollgate.evidence.dir", evidence.toString())).selectors(selectFile(TEST_SUITES.resolve("record-schema.suite.yaml")
                        .toFile())).execute().testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertTrue(Files.isRegularFile(evidence.resolve("clean-install-1.1.0.schema.json")));
        String text = Files.readString(PROFILES.resolve("staging/profile.yaml"));
        for (Map.Entry<String, String> token : StagingDeployment.TOKENS.entrySet()) {
            String declared = "token: \"${TOLLGATE_" + token.getKey().toUpperCase(Locale.ROOT) + "_TOKEN}\"";
            assertTrue(text.contains(declared), "the staging profile declares " + declared);
            Files.writeString(shared.resolve(token.getKey() + ".token"), token.getValue() + "\n");
            text = text.replace(declared, "tokenFile: " + token.getKey() + ".token");
        }
        profile = shared.resolve("profile.yaml");
        Files.writeString(profile, text);
    }

    @Test
    void theStagingSuitePassesAgainstAGoodDeploymentAndChangesNothing(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0", dir)) {
            java.io.PrintStream console = System.out;
            java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
            EngineExecutionResults results;
            System.setOut(new java.io.PrintStream(new org.apache.commons.io.output.TeeOutputStream(console, shown), true,
                    java.nio.charset.StandardCharsets.UTF_8));
            try {
                results = run(STAGING, staging, "1.1.0", Map.of());
            } finally {
                System.setOut(console);
            }

            String progress = shown.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(progress.contains("] checking 1.1.0 as deployed on profile staging"), progress);
            assertTrue(!progress.contains("rehearsing"), "nothing is rehearsed on a deployment Tollgate did not make: " + progress);
            results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:authorization"), finishedSuccessfully()));
            String record = Files.readString(evidence.resolve("run.json"));
            assertTrue(record.contains("\"destructiveAllowed\" : false"), record);
            assertEquals(0, staging.count("select count(*) from missions"), "the read-only matrix created nothing");
            assertEquals(0, staging.count("select count(*) from audit_log where outcome <> 'denied'"),
                    "only denials reached the audit log, no change");
            assertTrue(staging.count("select count(*) from audit_log where outcome = 'denied'") > 0,
                    "the denials were sent (and audited by the service)");
        }
    }

    @Test
    void aDeploymentWhereAViewerMayDeleteFailsNamingTheCase(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0-bad-authz", dir)) {
            EngineExecutionResults results = run(STAGING, staging, "1.1.0-bad-authz", Map.of());

            String expected = "viewer DELETE /api/v1/missions/2147483647 (staging.matrix.yaml:29): expected deny (401 or 403), got 404";
            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:authorization"),
                    finishedWithFailure(message(m -> m.contains(expected)))));
            assertEquals(0, staging.count("select count(*) from missions"));
        }
    }

    @Test
    void theDriftCheckFailsWhenTheLiveSchemaIsNotTheRecordedCleanInstall(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0-bad-drift", dir)) {
            EngineExecutionResults results = run(TEST_SUITES.resolve("drift-vs-1.1.0.suite.yaml"), staging, "1.1.0-bad-drift",
                    Map.of());

            results.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(message(m -> m.contains(
                    "the live schema has drifted from the clean install of 1.1.0") && m.contains(
                    "missions.priority: live 'integer NOT NULL DEFAULT 3', clean install 'integer NULL'")))));
        }
    }

    @Test
    void aDestructiveSuiteIsRefusedBeforeAnyRequestReachesTheService(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0", dir)) {
            Map<String, Long> before = staging.requestCounts();

            EngineExecutionResults results = run(UPGRADE, staging, "1.1.0", Map.of());

            results.allEvents().assertThatEvents().haveExactly(1, event(engine(), finishedWithFailure(message(m ->
                    m.startsWith("Refused: a destructive suite was selected against the remote target " + staging.baseUri())
                            && m.contains("suite 'upgrade-from-previous' (" + UPGRADE + ":")
                            && m.contains("step 'install ${previous}' at " + UPGRADE + ":")
                            && m.contains("Nothing was started and no request was sent")
                            && m.contains("mvn -B verify -Pstaging")
                            && m.contains("-Dtollgate.allowDestructive=true")))));
            results.testEvents().assertStatistics(stats -> stats.started(0));
            Map<String, Long> after = staging.requestCounts();
            Map<String, Long> added = new HashMap<>(after);
            before.forEach((key, count) -> added.merge(key, -count, Long::sum));
            added.values().removeIf(count -> count == 0);
            assertEquals(Map.of("http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}", 1L), added,
                    "the only request the service saw since is this test's own /metrics");
            assertEquals(0, staging.count("select count(*) from audit_log"), "the audit log stayed empty");
            RunRecord record = JsonMapper.builder().findAndAddModules().build().readValue(evidence.resolve("run.json").toFile(),
                    RunRecord.class);
            GateResult verdict = Gate.evaluate(record, GateRules.defaults(), List.of(), LocalDate.now());
            assertEquals(Verdict.INCONCLUSIVE, verdict.verdict());
            assertTrue(verdict.reasons().get(0).startsWith("Refused: a destructive suite was selected against the remote target"),
                    verdict.reasons()::toString);
            assertEquals(0, staging.count("select count(*) from missions"));
        }
    }

    @Test
    void theOptInLetsADestructiveSuiteStartButLifecycleStepsSayTheyCannotRunThere(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0", dir)) {
            EngineExecutionResults results = run(UPGRADE, staging, "1.1.0", Map.of("tollgate.allowDestructive", "true"));

            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:install-previous"), finishedWithFailure(
                    message(m -> m.startsWith("cannot install 1.0.0 on the remote target " + staging.baseUri())
                            && m.contains("never changes it")))));
            results.testEvents().assertStatistics(stats -> stats.succeeded(0));
            String record = Files.readString(evidence.resolve("run.json"));
            assertTrue(record.contains("\"destructiveAllowed\" : true"), record);
            assertTrue(record.contains("suite 'upgrade-from-previous'"), record);
        }
    }

    @Test
    void aWriteThroughTheReadOnlyDatabaseConnectionIsRejectedByPostgres(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0", dir)) {
            Profile loaded = new ProfileLoader(Variables.fromSystem()).load(profile);
            Variables target = Variables.fromSystem().with(Map.of("tollgate.target.url", staging.baseUri().toString(),
                    "tollgate.target.databaseUrl", staging.databaseUrl()));
            try (RemoteRuntime runtime = RemoteRuntime.start(loaded, target, dir, Progress.silent())) {
                DatabaseEndpoint database = runtime.database();
                assertTrue(database.readOnly());
                for (String write : List.of("insert into missions (name, owner, status) values ('x', 'alice', 'planned')",
                        "create table tollgate_was_here (id int)", "delete from audit_log")) {
                    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                        SQLException refused = assertThrows(SQLException.class, () -> statement.execute(write), write);
                        assertEquals("25006", refused.getSQLState(), write + ": " + refused.getMessage());
                    }
                }
                assertThrows(dev.tollgate.api.TollgateException.class, () -> runtime.backup("before"));
            }
            assertEquals(0, staging.count("select count(*) from missions"));
            assertEquals(0, staging.count("select count(*) from pg_tables where tablename = 'tollgate_was_here'"));
        }
    }

    @Test
    void aTokenWhoseVariableIsUnsetIsAClearErrorNamingIt(@TempDir Path dir) throws Exception {
        try (StagingDeployment staging = StagingDeployment.start("1.1.0", dir)) {
            EngineExecutionResults results = EngineTestKit.engine("tollgate").configurationParameters(Map.of(
                    "tollgate.profile", PROFILES.resolve("staging/profile.yaml").toString(),
                    "tollgate.candidate", "1.1.0", "tollgate.evidence.dir", evidence.toString(),
                    "tollgate.target.url", staging.baseUri().toString()))
                    .selectors(selectFile(STAGING.toFile())).execute();

            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:authorization"), finishedWithFailure(
                    // Whichever subject's credential is asked for first (the matrix's probes run side by side).
                    message(m -> m.matches("(?s).*the token of subject '(\\w+)' is undefined variable \\$\\{TOLLGATE_\\w+_TOKEN\\}.*")))));
            results.testEvents().assertThatEvents().haveExactly(1, event(test("step:health-version"), finishedSuccessfully()));
        }
    }

    private static EngineExecutionResults run(Path suite, StagingDeployment staging, String candidate, Map<String, String> more) {
        Map<String, String> parameters = new HashMap<>(Map.of("tollgate.profile", profile.toString(),
                "tollgate.candidate", candidate, "tollgate.evidence.dir", evidence.toString(),
                "tollgate.target.url", staging.baseUri().toString(), "tollgate.target.databaseUrl", staging.databaseUrl()));
        parameters.putAll(more);
        return EngineTestKit.engine("tollgate").configurationParameters(parameters).selectors(selectFile(suite.toFile())).execute();
    }
}

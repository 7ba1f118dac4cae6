package dev.tollgate.profiles.checks;

import static dev.tollgate.check.Status.BROKEN;
import static dev.tollgate.check.Status.FAILED;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.engine.RuntimeCheckContext;
import dev.tollgate.check.http.HttpCheck;
import dev.tollgate.check.logs.LogsCheck;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.profiles.LocalProfile;
import dev.tollgate.runtime.LocalRuntime;

/** The {@code logs} check on the logs the real sample service writes. */
class LogsCheckTest extends RunningRelease {

    private final LogsCheck logs = new LogsCheck();

    @Test
    void passesOnACleanStart() {
        CheckResult result = run(logs, "{}");
        assertPasses(result);
        assertTrue(result.message().startsWith("no line of the log of release 1.1.0"), result.message());
    }

    @Test
    void ownPatternsNameTheLinesTheyFind() {
        CheckResult result = run(logs, "{patterns: ['Started sample-app release=\\S+']}");
        assertResult(FAILED, result, "expected no line of the log of release 1.1.0", "1 did:\n  line ",
                "Started sample-app release=1.1.0");
        assertTrue(evidence(result).contains("> "), evidence(result));
    }

    @Test
    void findsTheSqlErrorOfThePreviousReleaseOnAnIncompatibleSchema() throws Exception {
        try (LocalRuntime other = LocalProfile.start(profile, LocalProfile.workParent())) {
            RuntimeCheckContext rollback = new RuntimeCheckContext(profile, other, Variables.fromSystem());
            assertResult(BROKEN, logs.run(spec(logs, "{}"), rollback), "no release has been started in this scenario");

            other.deploy(new Release("1.1.0-bad-rollback-incompatible"));  // V7 drops missions.notes
            other.deploy(new Release("1.0.0"));                            // which 1.0.0 still reads
            HttpCheck http = new HttpCheck();
            assertPasses(http.run(spec(http, "{path: /api/v1/missions, as: viewer, status: 500}"), rollback));

            CheckResult result = logs.run(spec(logs, "{}"), rollback);
            assertResult(FAILED, result, "expected no line of the log of release 1.0.0", "did:\n  line ",
                    "GET /api/v1/missions failed", "SQL error 42703");
            assertTrue(evidence(result).contains("> ") && evidence(result).contains("column \"notes\" does not exist"),
                    evidence(result));

            assertPasses(logs.run(spec(logs, "{allow: ['SQL error 42703']}"), rollback));
        }
    }
}

package dev.tollgate.profiles.checks;

import static dev.tollgate.check.Status.FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckResult;
import dev.tollgate.engine.RuntimeCheckContext;
import dev.tollgate.check.authz.AuthzCheck;
import dev.tollgate.model.AuthzCase;
import dev.tollgate.model.AuthzSpec;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.profiles.LocalProfile;

/** The {@code authz} check with the shipped matrix against the real sample service: 1.1.0 and its bad-authz twin. */
class AuthzCheckTest extends RunningRelease {

    static final Path SAMPLE_MATRIX = LocalProfile.PROFILES_DIR.resolve("../suites/src/suites/authz/sample.matrix.yaml")
            .toAbsolutePath().normalize();
    private static final List<String> SUBJECTS = List.of("admin", "owner", "contributor", "viewer");

    private final AuthzCheck authz = new AuthzCheck();

    @Test
    void theSampleMatrixPassesOnTheGoodReleaseWithEveryProof() {
        CheckResult result = run(authz, "matrix: " + SAMPLE_MATRIX);

        assertPasses(result);
        assertTrue(result.message().startsWith("45 of 45 cases as expected (9 requests; 28 allow, 17 deny)"), result.message());
        assertTrue(result.message().contains("denied changes left their resource unchanged (7 read back), 9 denial(s) found"
                + " in the audit log, 24 explain answer(s) agreed; coverage: 9 routes × 5 subjects, all covered"), result.message());
        // The same, as typed facts the gate and the reports read: every case, each as expected.
        List<AuthzCase> cases = result.facts().authzCases();
        assertEquals(45, cases.size());
        assertEquals(28, cases.stream().filter(c -> c.expected() == AuthzCase.Decision.ALLOW).count());
        assertTrue(cases.stream().allMatch(c -> c.outcome() == AuthzCase.Outcome.AS_EXPECTED), cases::toString);
        assertTrue(cases.stream().allMatch(c -> c.position() != null && c.answered() > 0), cases::toString);
    }

    @Test
    void aViewerWhoMayDeleteFailsNamingTheSubjectTheRequestTheDecisionAndWhatCameBack() {
        try {
            runtime.deploy(new Release("1.1.0-bad-authz"));
            CheckResult result = run(authz, "matrix: " + SAMPLE_MATRIX);

            assertResult(FAILED, result, "1 of 45 authorization cases wrong: viewer DELETE /api/v1/missions/${mission}"
                    + " (sample.matrix.yaml:36): expected deny (401 or 403), got 204 (access widened: the request succeeded);"
                    + " the request was to be denied, yet mission ",
                    "answered 200 before, 404 after",
                    "explain says allow (role viewer may delete missions) for delete missions; expected deny");
            List<AuthzCase> wrong = result.facts().authzCases().stream()
                    .filter(c -> c.outcome() == AuthzCase.Outcome.WRONG).toList();
            assertEquals(List.of(new AuthzCase("viewer", "DELETE /api/v1/missions/${mission}", wrong.get(0).position(),
                    AuthzCase.Decision.DENY, 204, AuthzCase.Outcome.WRONG)), wrong);
            assertEquals(36, wrong.get(0).position().line());
            assertEquals(45, result.facts().authzCases().size());
            String shown = result.message() + evidence(result);
            assertTrue(evidence(result).contains("DELETE http://"), "the exchange is attached: " + evidence(result));
            for (String subject : SUBJECTS) {
                assertFalse(shown.contains(LocalProfile.token(profile, subject)), subject + "'s token is shown");
            }
        } finally {
            runtime.deploy(RELEASE);
        }
    }

    @Test
    void aDenialMissingFromTheAuditLogFails() {
        // An audit query that can never find the row stands for a service that stopped auditing denials.
        RuntimeCheckContext noAudit = new RuntimeCheckContext(profile.withAuthz(new AuthzSpec(null,
                new AuthzSpec.AuditSpec("select count(*) from audit_log where request_id = ${requestId} and outcome = 'never'",
                        null, null, null), null, null, null, null)), runtime, Variables.fromSystem());
        CheckResult result = authz.run(spec(authz, "matrix: " + SAMPLE_MATRIX), noAudit);

        assertResult(FAILED, result, "9 of 45 authorization cases wrong: ",
                "denied 403, but the audit log has no entry for request id tollgate-authz-");
    }

    @Test
    void theAuditLogCanBeReadThroughTheApiInstead() {
        AuthzSpec shipped = profile.authz();
        RuntimeCheckContext byApi = new RuntimeCheckContext(profile.withAuthz(new AuthzSpec(shipped.deny(),
                new AuthzSpec.AuditSpec(null, "/api/v1/admin/audit?limit=1000", "admin", "requestId"), shipped.explain(),
                shipped.routes(), null, true)), runtime, Variables.fromSystem());
        CheckResult result = authz.run(spec(authz, "matrix: " + SAMPLE_MATRIX), byApi);

        assertPasses(result);
        assertTrue(result.message().contains("9 denial(s) found in the audit log"), result.message());
    }

    @Test
    void routesNoCaseCoversAreListedAndFailWhenFullCoverageIsRequired(@TempDir Path dir) throws IOException {
        Path matrix = dir.resolve("partial.matrix.yaml");
        Files.writeString(matrix, """
                cases:
                  - request: GET /api/v1/missions
                    status: 200
                    expect: "admin, owner, contributor, viewer: allow; anonymous: deny"
                  - request: GET /api/v1/admin/audit
                    expect: "admin: allow; viewer: deny"
                """);
        CheckResult required = run(authz, "matrix: " + matrix);
        assertResult(FAILED, required, "all 7 cases as expected, but full coverage is required and 9 routes × 5 subjects,"
                + " 38 pair(s) no case covers: POST /api/v1/missions × admin, owner, contributor, viewer, anonymous;");
        assertTrue(required.message().contains("GET /api/v1/admin/audit × owner, contributor, anonymous"), required.message());

        CheckResult reported = run(authz, "{matrix: " + matrix + ", requireFullCoverage: false}");
        assertPasses(reported);
        assertTrue(reported.message().endsWith("38 pair(s) no case covers: POST /api/v1/missions × admin, owner, contributor,"
                + " viewer, anonymous; GET /api/v1/missions/{id} × admin, owner, contributor, viewer, anonymous; PUT"
                + " /api/v1/missions/{id} × admin, owner, contributor, viewer, anonymous; DELETE /api/v1/missions/{id} × admin,"
                + " owner, contributor, viewer, anonymous; GET /api/v1/missions/{id}/tags × admin, owner, contributor, viewer,"
                + " anonymous; PUT /api/v1/missions/{id}/tags × admin, owner, contributor, viewer, anonymous; GET"
                + " /api/v1/admin/audit × owner, contributor, anonymous; GET /api/v1/authz/explain × admin, owner, contributor,"
                + " viewer, anonymous"), reported.message());
    }

    @Test
    void anExplainReasonThatDoesNotMatchFails(@TempDir Path dir) throws IOException {
        Path matrix = dir.resolve("explain.matrix.yaml");
        Files.writeString(matrix, """
                cases:
                  - request: GET /api/v1/missions
                    status: 200
                    expect: "viewer: allow"
                    explain: { action: list, resource: missions, reason: "^role ${subject} is a superuser$" }
                """);
        assertResult(FAILED, run(authz, "{matrix: " + matrix + ", requireFullCoverage: false}"),
                "viewer GET /api/v1/missions (explain.matrix.yaml:2): explain gives reason 'role viewer may list missions'"
                + " for list missions; expected one matching /^role \\Qviewer\\E is a superuser$/");
    }
}

package dev.tollgate.profiles.checks;

import static dev.tollgate.check.Status.FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.engine.RuntimeCheckContext;
import dev.tollgate.check.http.HttpCheck;
import dev.tollgate.model.Variables;
import dev.tollgate.profiles.LocalProfile;

/** The {@code http} check against the real sample service. */
class HttpCheckTest extends RunningRelease {

    private final HttpCheck http = new HttpCheck();

    @Test
    void passesWhenStatusAndJsonAreAsExpected() {
        CheckResult result = run(http, """
                path: /api/v1/version
                status: 200
                json:
                  version: 1.1.0
                  schemaVersion: 6          # a string in the body; scalars compare by text
                  build: { matches: "^[a-z]+$" }
                expectHeaders:
                  Content-Type: application/json
                  X-Request-Id: "^tollgate-[0-9a-f-]{36}$"   # the id Tollgate sent, echoed
                """);
        assertPasses(result);
        assertTrue(result.message().contains("GET /api/v1/version answered 200"), result.message());
        assertTrue(evidence(result).contains("\"version\":\"1.1.0\""), evidence(result));
    }

    @Test
    void statusMismatchSaysWhatWasExpectedAndWhatCameBackWithTheBody() {
        String id = createMission("Status mismatch");
        CheckResult result = run(http, """
                method: DELETE
                path: /api/v1/missions/%s
                as: viewer
                status: 204
                """.formatted(id));
        assertResult(FAILED, result, "expected DELETE /api/v1/missions/" + id + " to answer 204; it answered 403",
                "\"status\":403");
        assertFalse(evidence(result).contains(LocalProfile.token(profile, "viewer")), evidence(result));
    }

    @Test
    void jsonPathMismatchNamesThePathAndBothValues() {
        CheckResult result = run(http, """
                path: /api/v1/version
                json: { version: 2.0.0, missing: { exists: true } }
                """);
        assertResult(FAILED, result, "GET /api/v1/version answered 200 but",
                "expected JSON path 'version' to be \"2.0.0\"; it was \"1.1.0\"",
                "expected JSON path 'missing' to be present; it was absent (or null)");
    }

    @Test
    void capturesAValueThatALaterRequestUses() {
        String create = """
                method: POST
                path: /api/v1/missions
                as: admin
                body: { name: Apollo capture }
                status: 201
                json: { name: Apollo capture, id: { exists: true }, priority: { matches: "^\\\\d$" } }
                expectHeaders: { Location: "^/api/v1/missions/\\\\d+$" }
                capture: { missionId: id }
                """;
        assertEquals(Set.of("missionId"), http.captures(settings(create)));
        assertTrue(http.destructive(settings(create)));
        assertPasses(run(http, create));

        String read = """
                path: /api/v1/missions/${missionId}
                as: viewer
                json: { id: "${missionId}", name: Apollo capture, status: planned }
                """;
        assertFalse(http.destructive(settings(read)));
        CheckResult result = run(http, read);
        assertPasses(result);
        assertTrue(result.message().startsWith("GET /api/v1/missions/" + context.variables().resolve("${missionId}")),
                result.message());
    }

    @Test
    void neverShowsTheBearerToken() {
        // As ${env.ADMIN_TOKEN} would hold it.
        String token = LocalProfile.token(profile, "admin");
        RuntimeCheckContext withToken = new RuntimeCheckContext(profile, runtime,
                Variables.fromSystem().with("adminToken", token));
        CheckResult result = http.run(spec(http, """
                path: /api/v1/authz/explain
                query: { action: delete, resource: missions }
                as: ${adminToken}
                headers: { Cookie: "session=abc123" }
                json: { subject: alice, decision: allow }
                """), withToken);
        assertPasses(result);
        String shown = result.message() + evidence(result);
        assertFalse(shown.contains(token), shown);
        assertFalse(shown.contains("abc123"), shown);
        assertTrue(evidence(result).contains("Authorization: ***"), evidence(result));
        assertTrue(evidence(result).contains("/api/v1/authz/explain?action=delete&resource=missions"), evidence(result));
    }

    @Test
    void acceptsAListOrAClassOfStatusesAndContainsOperators() {
        createMission("Contains me");
        assertPasses(run(http, """
                path: /api/v1/missions
                as: viewer
                status: [200, 204]
                json: { name: { contains: Contains me }, "$": { exists: true } }
                """));
        assertResult(FAILED, run(http, """
                path: /api/v1/missions
                status: 2xx
                """), "to answer 2xx; it answered 401");
    }

    @Test
    void aBodyThatIsNotJsonFailsAJsonExpectation() {
        CheckResult result = run(http, """
                method: HEAD
                path: /api/v1/version
                status: [200, 405]
                json: { version: 1.1.0 }
                """);
        assertResult(FAILED, result, "expected a JSON body to read version from; the body is empty");
    }

    private String createMission(String name) {
        CheckResult created = run(http, """
                method: POST
                path: /api/v1/missions
                as: owner
                body: '{"name": "%s"}'
                status: 201
                capture: { created: id }
                """.formatted(name));
        assertPasses(created);
        return context.variables().resolve("${created}");
    }
}

package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthorizationTest extends ServerTestSupport {

    private static final String MISSIONS = "/api/v1/missions";

    @Test
    void viewerCannotDeleteOnTheGoodRelease() throws SQLException {
        Http http = start("1.1.0");
        long id = create(http);
        HttpResponse<String> refused = http.as(Http.VIEWER).delete(MISSIONS + "/" + id);
        assertEquals(403, refused.statusCode());
        assertEquals("forbidden: role viewer may not delete missions", Http.json(refused).get("error").asText());
    }

    @Test
    void viewerCanDeleteOnBadAuthz() throws SQLException {
        Http http = start("1.1.0-bad-authz");
        long id = create(http);
        assertEquals(204, http.as(Http.VIEWER).delete(MISSIONS + "/" + id).statusCode());
    }

    @Test
    void roleMatrixOnTheGoodRelease() throws SQLException {
        Http http = start("1.1.0");
        assertEquals(401, http.get(MISSIONS).statusCode());
        assertEquals("Bearer", http.get(MISSIONS).headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, http.as("not-a-token").get(MISSIONS).statusCode());
        for (String token : List.of(Http.ADMIN, Http.OWNER, Http.CONTRIBUTOR, Http.VIEWER)) {
            assertEquals(200, http.as(token).get(MISSIONS).statusCode(), token);
        }
        assertEquals(403, http.as(Http.VIEWER).post(MISSIONS, "{\"name\":\"x\"}").statusCode());
        long id = create(http);
        assertEquals(403, http.as(Http.CONTRIBUTOR).delete(MISSIONS + "/" + id).statusCode());
        assertEquals(403, http.as(Http.VIEWER).put(MISSIONS + "/" + id, "{\"status\":\"done\"}").statusCode());
        assertEquals(200, http.as(Http.CONTRIBUTOR).put(MISSIONS + "/" + id, "{\"status\":\"done\"}").statusCode());
        assertEquals(204, http.as(Http.OWNER).delete(MISSIONS + "/" + id).statusCode());
        assertEquals(204, http.as(Http.ADMIN).delete(MISSIONS + "/" + create(http)).statusCode());
        assertEquals(401, http.delete(MISSIONS + "/" + create(http)).statusCode());
    }

    @Test
    void auditIsForAdminsOnly() throws SQLException {
        Http http = start("1.1.0");
        for (String token : List.of(Http.OWNER, Http.CONTRIBUTOR, Http.VIEWER)) {
            assertEquals(403, http.as(token).get("/api/v1/admin/audit").statusCode(), token);
        }
        assertEquals(401, http.get("/api/v1/admin/audit").statusCode());
        HttpResponse<String> entries = http.as(Http.ADMIN).get("/api/v1/admin/audit?limit=2");
        assertEquals(200, entries.statusCode());
        assertEquals(2, Http.json(entries).size());
        assertEquals(400, http.as(Http.ADMIN).get("/api/v1/admin/audit?limit=lots").statusCode());
    }

    @Test
    void explainTellsTheCallerItsOwnPermission() throws SQLException {
        Http http = start("1.1.0");
        JsonNode viewer = Http.json(http.as(Http.VIEWER).get("/api/v1/authz/explain?action=delete&resource=missions"));
        assertEquals("deny", viewer.get("decision").asText());
        assertEquals("role viewer may not delete missions", viewer.get("reason").asText());
        assertEquals("vera", viewer.get("subject").asText());
        JsonNode owner = Http.json(http.as(Http.OWNER).get("/api/v1/authz/explain?action=delete&resource=missions"));
        assertEquals("allow", owner.get("decision").asText());
        assertEquals(400, http.as(Http.OWNER).get("/api/v1/authz/explain?action=fly&resource=missions").statusCode());
        assertEquals(401, http.get("/api/v1/authz/explain?action=delete&resource=missions").statusCode());
        JsonNode badAuthz = Http.json(start("1.1.0-bad-authz").as(Http.VIEWER)
                .get("/api/v1/authz/explain?action=delete&resource=missions"));
        assertEquals("allow", badAuthz.get("decision").asText());
    }

    @Test
    void requestIdIsEchoedOrGenerated() throws SQLException {
        Http http = start("1.0.0");
        assertEquals("trace-123", http.withRequestId("trace-123").get("/health")
                .headers().firstValue("X-Request-Id").orElse(""));
        String generated = http.get("/health").headers().firstValue("X-Request-Id").orElse("");
        assertEquals(generated, UUID.fromString(generated).toString());
        HttpResponse<String> refused = http.withRequestId("trace-401").get(MISSIONS);
        assertEquals("trace-401", refused.headers().firstValue("X-Request-Id").orElse(""));
        assertEquals("trace-401", Http.json(refused).get("requestId").asText());
    }

    @Test
    void mutationsAndDenialsAreAudited() throws SQLException {
        String url = newDatabase();
        Http http = start(env("1.1.0", url));
        HttpResponse<String> created = http.as(Http.OWNER).withRequestId("r-create")
                .post(MISSIONS, "{\"name\":\"Audited\"}");
        long id = Http.json(created).get("id").asLong();
        http.as(Http.VIEWER).withRequestId("r-denied").delete(MISSIONS + "/" + id);
        http.withRequestId("r-anonymous").get(MISSIONS);
        http.as(Http.ADMIN).withRequestId("r-missing").delete(MISSIONS + "/999");
        http.as(Http.ADMIN).withRequestId("r-delete").delete(MISSIONS + "/" + id);
        http.as(Http.ADMIN).withRequestId("r-read").get(MISSIONS);

        assertEquals("olivia missions.create missions/" + id + " allowed", audit(url, "r-create"));
        assertEquals("vera missions.delete missions/" + id + " denied", audit(url, "r-denied"));
        assertEquals("- missions.list missions denied", audit(url, "r-anonymous"));
        assertEquals("alice missions.delete missions/999 error", audit(url, "r-missing"));
        assertEquals("alice missions.delete missions/" + id + " allowed", audit(url, "r-delete"));
        assertEquals(0, count(url, "select count(*) from audit_log where request_id = 'r-read'"), "reads are not audited");
        assertEquals(5, count(url, "select count(*) from audit_log"));
        JsonNode recent = Http.json(http.as(Http.ADMIN).get("/api/v1/admin/audit?limit=1")).get(0);
        assertEquals("r-delete", recent.get("requestId").asText());
        assertTrue(recent.get("at").asText().endsWith("Z"));
    }

    private static String audit(String url, String requestId) throws SQLException {
        return string(url, "select coalesce(subject, '-') || ' ' || action || ' ' || resource || ' ' || outcome"
                + " from audit_log where request_id = '" + requestId + "'");
    }

    private static long create(Http http) {
        HttpResponse<String> created = http.as(Http.OWNER).post(MISSIONS, "{\"name\":\"Artemis\"}");
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created).get("id").asLong();
    }
}

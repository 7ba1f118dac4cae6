package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusEndpointsTest extends ServerTestSupport {

    @Test
    void healthReadyAndVersionDescribeTheRunningRelease() throws SQLException {
        Http http = start("1.1.0");
        assertBody(200, "{\"status\":\"UP\"}", http.get("/health"));
        assertBody(200, "{\"status\":\"READY\",\"schemaVersion\":\"6\"}", http.get("/ready"));
        assertBody(200, "{\"version\":\"1.1.0\",\"schemaVersion\":\"6\",\"build\":\"dev\"}", http.get("/api/v1/version"));
    }

    @Test
    void versionReportsTheConfiguredBuildId() throws SQLException {
        Map<String, String> env = env("2.0.0", newDatabase());
        env.put("SAMPLE_BUILD_ID", "ci-42");
        assertBody(200, "{\"version\":\"2.0.0\",\"schemaVersion\":\"7\",\"build\":\"ci-42\"}",
                start(env).get("/api/v1/version"));
    }

    @Test
    void badHealthAnswers503Down() throws SQLException {
        assertBody(503, "{\"status\":\"DOWN\"}", start("1.1.0-bad-health").get("/health"));
    }

    @Test
    void badVersionReportsTheStaleVersion() throws SQLException {
        assertBody(200, "{\"version\":\"1.0.0\",\"schemaVersion\":\"6\",\"build\":\"dev\"}",
                start("1.1.0-bad-version").get("/api/v1/version"));
    }

    @Test
    void readyIsNotReadyWhileMigrationsArePending() throws SQLException {
        String url = newDatabase();
        migrate("1.0.0", url);
        Map<String, String> env = env("1.1.0", url);
        env.put("SAMPLE_MIGRATE", "false");
        Http http = start(env);
        assertBody(503, "{\"status\":\"NOT_READY\",\"reason\":\"4 pending migrations\"}", http.get("/ready"));
        assertBody(200, "{\"version\":\"1.1.0\",\"schemaVersion\":\"2\",\"build\":\"dev\"}", http.get("/api/v1/version"));
        assertBody(200, "{\"status\":\"UP\"}", http.get("/health"));
    }

    @Test
    void previousCodeIsReadyOnANewerSchemaAndReportsItsVersion() throws SQLException {
        String url = newDatabase();
        migrate("1.1.0", url);
        Http http = start(env("1.0.0", url));
        assertBody(200, "{\"status\":\"READY\",\"schemaVersion\":\"6\"}", http.get("/ready"));
    }

    @Test
    void unknownPathsAndMethodsAreRefusedWithJson() throws SQLException {
        Http http = start("1.0.0");
        HttpResponse<String> missing = http.get("/nope");
        assertEquals(404, missing.statusCode());
        assertEquals("application/json", missing.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> wrongMethod = http.send("POST", "/health", "{}");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals(404, http.as(Http.ADMIN).get("/api/v1/missions/1/tags").statusCode(), "1.0.0 has no tags");
    }

    private static void assertBody(int status, String json, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(json, response.body());
    }
}

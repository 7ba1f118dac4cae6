package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a harness's code-rollback check observes: previous code on the candidate's schema. */
class CodeRollbackTest extends ServerTestSupport {

    private static final String MISSIONS = "/api/v1/missions";

    @Test
    void previousCodeWorksOnTheBackwardSafeSchema() throws SQLException {
        String url = newDatabase();
        start(env("1.1.0", url)).as(Http.OWNER).post(MISSIONS, "{\"name\":\"Gemini\",\"priority\":2}");
        stopServers();
        Http previous = start(env("1.0.0", url)).as(Http.OWNER);
        assertEquals(200, previous.get(MISSIONS).statusCode());
        assertEquals(201, previous.post(MISSIONS, "{\"name\":\"Apollo\"}").statusCode());
    }

    @Test
    void previousCodeFailsWith500OnTheRollbackIncompatibleSchema() throws SQLException {
        String url = newDatabase();
        migrate("1.1.0-bad-rollback-incompatible", url);
        HttpResponse<String> list = start(env("1.0.0", url)).as(Http.VIEWER).get(MISSIONS);
        assertEquals(500, list.statusCode());
        assertTrue(Http.json(list).get("error").asText().startsWith("database error (SQLSTATE 42703)"), list.body());
    }

    @Test
    void previousCodeFailsWith500AfterTheRenameIn200() throws SQLException {
        String url = newDatabase();
        migrate("2.0.0", url);
        assertEquals(500, start(env("1.1.0", url)).as(Http.VIEWER).get(MISSIONS).statusCode());
    }
}

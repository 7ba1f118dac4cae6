package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MissionApiTest extends ServerTestSupport {

    private static final String MISSIONS = "/api/v1/missions";

    @Test
    void missionLifecycleOn110() throws SQLException {
        Http admin = start("1.1.0").as(Http.CONTRIBUTOR);
        HttpResponse<String> created = admin.post(MISSIONS, "{\"name\":\"Voyager\",\"notes\":\"far\",\"owner\":\"ignored\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode mission = Http.json(created);
        long id = mission.get("id").asLong();
        assertEquals(MISSIONS + "/" + id, created.headers().firstValue("Location").orElse(""));
        assertEquals("carl", mission.get("owner").asText(), "the owner is the caller");
        assertEquals("planned", mission.get("status").asText());
        assertEquals(3, mission.get("priority").asInt());

        JsonNode updated = Http.json(admin.put(MISSIONS + "/" + id, "{\"status\":\"active\",\"priority\":1}"));
        assertEquals("active", updated.get("status").asText());
        assertEquals(1, updated.get("priority").asInt());
        assertEquals("far", updated.get("notes").asText(), "fields not given stay as they were");

        JsonNode tags = Http.json(admin.put(MISSIONS + "/" + id + "/tags", "{\"tags\":[\"deep-space\",\"probe\",\"probe\"]}"));
        assertEquals("[\"deep-space\",\"probe\"]", tags.get("tags").toString());
        assertEquals(tags, Http.json(admin.get(MISSIONS + "/" + id + "/tags")));

        assertEquals(1, Http.json(admin.get(MISSIONS)).size());
        assertEquals("Voyager", Http.json(admin.get(MISSIONS + "/" + id)).get("name").asText());
        assertEquals(404, admin.get(MISSIONS + "/" + (id + 1)).statusCode());
        assertEquals(404, admin.put(MISSIONS + "/" + (id + 1) + "/tags", "{\"tags\":[]}").statusCode());
    }

    @Test
    void badInputIs400NeverA500() throws SQLException {
        Http owner = start("1.1.0").as(Http.OWNER);
        assertEquals(400, owner.post(MISSIONS, "{not json").statusCode());
        assertEquals(400, owner.post(MISSIONS, "[]").statusCode());
        assertEquals(400, owner.post(MISSIONS, "{}").statusCode());
        assertEquals(400, owner.post(MISSIONS, "{\"name\":\"  \"}").statusCode());
        assertEquals(400, owner.post(MISSIONS, "{\"name\":\"x\",\"status\":\"lost\"}").statusCode());
        assertEquals(400, owner.post(MISSIONS, "{\"name\":\"x\",\"priority\":9}").statusCode());
        assertEquals(400, owner.post(MISSIONS, "{\"name\":42}").statusCode());
        assertEquals(400, owner.get(MISSIONS + "/abc").statusCode());
        assertEquals(400, owner.delete(MISSIONS + "/-1").statusCode());
        long id = Http.json(owner.post(MISSIONS, "{\"name\":\"x\"}")).get("id").asLong();
        assertEquals(400, owner.put(MISSIONS + "/" + id, "{}").statusCode());
        assertEquals(400, owner.put(MISSIONS + "/" + id + "/tags", "{\"tags\":\"one\"}").statusCode());
        HttpResponse<String> error = owner.put(MISSIONS + "/" + id, "{\"status\":\"lost\"}");
        assertEquals("status must be one of planned, active, done; got 'lost'", Http.json(error).get("error").asText());
    }

    @Test
    void release100SpeaksNameWithoutPriority() throws SQLException {
        JsonNode mission = Http.json(start("1.0.0").as(Http.OWNER).post(MISSIONS, "{\"name\":\"Mercury\",\"priority\":2}"));
        assertEquals("Mercury", mission.get("name").asText());
        assertFalse(mission.has("priority"));
        assertTrue(mission.has("notes"));
    }

    @Test
    void release200SpeaksTitleAndStillAcceptsName() throws SQLException {
        Http owner = start("2.0.0").as(Http.OWNER);
        JsonNode titled = Http.json(owner.post(MISSIONS, "{\"title\":\"Artemis\"}"));
        assertEquals("Artemis", titled.get("title").asText());
        assertFalse(titled.has("name"));
        assertEquals("Orion", Http.json(owner.post(MISSIONS, "{\"name\":\"Orion\"}")).get("title").asText());
    }

    @Test
    void rollbackIncompatibleCodeDoesNotUseNotes() throws SQLException {
        Http owner = start("1.1.0-bad-rollback-incompatible").as(Http.OWNER);
        JsonNode mission = Http.json(owner.post(MISSIONS, "{\"name\":\"Skylab\",\"notes\":\"dropped\"}"));
        assertFalse(mission.has("notes"));
        assertEquals(200, owner.get(MISSIONS).statusCode());
    }
}

package dev.tollgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Missions to and from JSON in this release's shape, rejecting bad input with a 400 that says why. */
final class MissionJson {

    static final Set<String> STATUSES = Set.of("planned", "active", "done");
    private static final int MAX_NAME = 200;
    private static final int MAX_NOTES = 4000;

    private final MissionShape shape;

    MissionJson(MissionShape shape) {
        this.shape = shape;
    }

    ObjectNode write(Mission mission) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", mission.id());
        node.put(shape.nameField(), mission.name());
        node.put("owner", mission.owner());
        node.put("status", mission.status());
        if (shape.notes()) {
            node.put("notes", mission.notes());
        }
        if (shape.priority()) {
            node.put("priority", mission.priority());
        }
        node.put("createdAt", mission.createdAt().toString());
        node.put("updatedAt", mission.updatedAt().toString());
        return node;
    }

    MissionInput read(JsonNode body, boolean creating) throws ApiException {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        // 2.0.0 still accepts "name" so clients of 1.x keep working across the rename.
        String nameKey = shape.title() && !body.has("title") && body.has("name") ? "name" : shape.nameField();
        String name = text(body, nameKey, MAX_NAME, false);
        if (name != null && name.isBlank()) {
            throw ApiException.badRequest(nameKey + " must not be blank");
        }
        if (creating && name == null) {
            throw ApiException.badRequest(shape.nameField() + " is required");
        }
        String status = text(body, "status", 20, false);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of planned, active, done; got '" + status + "'");
        }
        boolean notesGiven = shape.notes() && body.has("notes");
        String notes = notesGiven ? text(body, "notes", MAX_NOTES, true) : null;
        boolean priorityGiven = shape.priority() && body.has("priority");
        Integer priority = priorityGiven ? priority(body.get("priority")) : null;
        MissionInput input = new MissionInput(name, status, notes, notesGiven, priority, priorityGiven);
        if (!creating && input.isEmpty()) {
            throw ApiException.badRequest("nothing to update: give " + shape.nameField() + ", status"
                    + (shape.notes() ? ", notes" : "") + (shape.priority() ? " or priority" : ""));
        }
        return input;
    }

    private static String text(JsonNode body, String field, int maxLength, boolean nullable) throws ApiException {
        JsonNode value = body.get(field);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        if (value.textValue().length() > maxLength) {
            throw ApiException.badRequest(field + " must be at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    private static Integer priority(JsonNode value) throws ApiException {
        if (value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > 5) {
            throw ApiException.badRequest("priority must be an integer from 1 to 5");
        }
        return value.intValue();
    }
}

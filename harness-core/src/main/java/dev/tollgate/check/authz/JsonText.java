package dev.tollgate.check.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON text as a tree, for comparing answers (a dot path of one: {@link dev.tollgate.check.http.DotPath}). */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body == null || body.isBlank() ? "null" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(body);
        }
    }
}

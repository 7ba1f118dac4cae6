package dev.tollgate.check.authz;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a dot path ({@code data.token}, {@code items.0.id}) from a JSON text. */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    static Optional<String> text(String body, String path) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null) {
            return Optional.empty();
        }
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty()
                : Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body == null || body.isBlank() ? "null" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(body);
        }
    }
}

package dev.tollgate.check.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A dot path into JSON ({@code data.token}, {@code items.0.id}: names step into objects, a number
 * into an array), as the profile writes a login's token, a fixture's id, an explain endpoint's fields
 * and the version field. A value reads as its text; an object or array as its JSON.
 */
@API(status = INTERNAL, since = "0.2")
public final class DotPath {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DotPath() {
    }

    /** The value at {@code path} in a JSON text; empty when the text is no JSON or the value is missing or null. */
    public static Optional<String> text(String body, String path) {
        try {
            return text(JSON.readTree(body == null || body.isBlank() ? "{}" : body), path);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The value at {@code path} in a parsed answer; empty when it is missing or null. */
    public static Optional<String> text(JsonNode tree, String path) {
        JsonNode node = tree == null ? JSON.missingNode() : tree;
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty()
                : Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }
}

package dev.tollgate.check.http;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * A response body read as JSON, queried with RestAssured's JsonPath (Groovy GPath: {@code id},
 * {@code items[0].name}, {@code items.size()}, {@code items.find { it.name == 'x' }.id}; {@code $}
 * is the whole body). Decimals come back as {@link java.math.BigDecimal} so {@code 0.1} stays 0.1.
 */
final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonPathConfig DECIMALS = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private final JsonPath json;
    private final String problem;

    private JsonBody(JsonPath json, String problem) {
        this.json = json;
        this.problem = problem;
    }

    static JsonBody parse(String body) {
        // Jackson first: JsonPath parses lazily and its errors do not say what was wrong with the body.
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return new JsonBody(null, "the body is empty");
            }
        } catch (JsonProcessingException e) {
            return new JsonBody(null, "the body is not JSON (" + e.getOriginalMessage() + ")");
        }
        return new JsonBody(JsonPath.from(body).using(DECIMALS), null);
    }

    /** Why the body cannot be queried, if it cannot. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * The value at {@code path}: a String, Number, Boolean, List, Map, or null when absent.
     *
     * @throws IllegalArgumentException when the path cannot be evaluated on this body
     */
    Object read(String path) {
        if (json == null) {
            throw new IllegalStateException(problem);
        }
        try {
            return json.get(path);
        } catch (RuntimeException e) {  // JsonPathException, or a Groovy error from the GPath expression
            throw new IllegalArgumentException("JSON path '" + path + "' cannot be evaluated on this body: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

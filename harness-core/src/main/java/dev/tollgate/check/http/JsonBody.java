package dev.tollgate.check.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

import dev.tollgate.api.Text;

/**
 * A response body read as JSON, queried with RestAssured's JsonPath (Groovy GPath: {@code id},
 * {@code items[0].name}, {@code items.size()}, {@code items.find { it.name == 'x' }.id}; {@code $}
 * is the whole body). Decimals come back as {@link java.math.BigDecimal} so {@code 0.1} stays 0.1.
 * <p>
 * A plain path ({@code id}, {@code items[0].name}, {@code $}) that only steps into objects by name
 * and into arrays by index is read from the parsed tree directly, with the values GPath gives
 * (JsonBodyTest compares the two): GPath compiles a Groovy script per read, tens of milliseconds
 * each, the first one seconds. Anything else (spreading a name over an array, negative indices,
 * methods, closures, a step past a missing value) goes to GPath.
 */
final class JsonBody {

    // Decimals as BigDecimal, as written: the same values GPath reads with DECIMALS.
    @SuppressWarnings("deprecation")  // withExactBigDecimals: still the way to keep 0.10 as written
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d{1,9}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    // Names GPath would read as something else than a key (keywords, literals, the root's own properties).
    private static final Set<String> NOT_KEYS = Set.of("as", "assert", "break", "case", "catch", "class", "const",
            "continue", "def", "default", "do", "else", "enum", "extends", "false", "finally", "for", "goto", "if",
            "implements", "import", "in", "instanceof", "interface", "new", "null", "package", "return", "super",
            "switch", "this", "throw", "throws", "trait", "true", "try", "var", "while", "it", "metaClass",
            "restAssuredJsonRootObject");
    /** A value GPath must compute: the plain walk does not know it. */
    static final Object ASK_GPATH = new Object();
    private static final JsonPathConfig DECIMALS = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private final JsonPath json;
    private final JsonNode tree;
    private final String problem;

    private JsonBody(JsonPath json, JsonNode tree, String problem) {
        this.json = json;
        this.tree = tree;
        this.problem = problem;
    }

    static JsonBody parse(String body) {
        // Jackson first: JsonPath parses lazily and its errors do not say what was wrong with the body.
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return new JsonBody(null, null, "the body is empty");
            }
            return new JsonBody(JsonPath.from(body).using(DECIMALS), tree, null);
        } catch (JsonProcessingException e) {
            return new JsonBody(null, null, "the body is not JSON (" + e.getOriginalMessage() + ")");
        }
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
        Object plain = plain(path);
        if (plain != ASK_GPATH) {
            return plain;
        }
        try {
            return json.get(path);
        } catch (RuntimeException e) {  // JsonPathException, or a Groovy error from the GPath expression
            throw new IllegalArgumentException("JSON path '" + path + "' cannot be evaluated on this body: "
                    + (e.getMessage() == null ? "(no detail)" : Text.firstLine(e.getMessage())), e);
        }
    }

    /** The value at a plain path, read from the tree; {@link #ASK_GPATH} when the path is not plain. */
    Object plain(String path) {
        if (path.strip().equals("$")) {
            return value(tree);
        }
        String[] steps = path.split("\\.", -1);
        JsonNode node = tree;
        for (int i = 0; i < steps.length; i++) {
            Matcher step = STEP.matcher(steps[i]);
            if (!step.matches() || NOT_KEYS.contains(step.group(1)) || !node.isObject()) {
                return ASK_GPATH;
            }
            node = node.get(step.group(1));
            Matcher index = INDEX.matcher(step.group(2));
            while (index.find()) {
                if (node == null || !node.isArray()) {
                    return ASK_GPATH;
                }
                node = node.get(Integer.parseInt(index.group(1)));  // past the end: absent, as in GPath
            }
            if ((node == null || node.isNull()) && i < steps.length - 1) {
                return ASK_GPATH;  // a step past a missing value: GPath says what that means
            }
        }
        return value(node);
    }

    /** A JSON value as GPath gives it: maps, lists, String, Integer/Long/BigInteger, BigDecimal, Boolean, null. */
    private static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), value(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.numberValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}

package dev.tollgate.check.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares a value read from a response with what a suite expects: a literal (numbers by value, a
 * string equal to a scalar's text, lists and maps element by element), or one operator map —
 * {@code {matches: regex}}, {@code {exists: true|false}}, {@code {contains: x}}. A JSON null and an
 * absent path are the same to it: RestAssured's JsonPath cannot tell them apart.
 */
final class Expected {

    private static final Set<String> OPERATORS = Set.of("matches", "exists", "contains");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Expected() {
    }

    static boolean matches(Object expected, Object actual) {
        if (isOperator(expected)) {
            return operator((Map<?, ?>) expected, actual);
        }
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number wanted && actual instanceof Number found) {
            return decimal(wanted).compareTo(decimal(found)) == 0;
        }
        if (expected instanceof List<?> wanted) {
            return actual instanceof List<?> found && wanted.size() == found.size()
                    && java.util.stream.IntStream.range(0, wanted.size()).allMatch(i -> matches(wanted.get(i), found.get(i)));
        }
        if (expected instanceof Map<?, ?> wanted) {
            return actual instanceof Map<?, ?> found && keys(wanted).equals(keys(found))
                    && wanted.entrySet().stream().allMatch(e -> matches(e.getValue(), value(found, e.getKey())));
        }
        if (actual instanceof Map<?, ?> || actual instanceof List<?>) {
            return false;
        }
        // Scalars compare by text: a captured "42" equals the number 42, "true" equals true.
        return text(expected).equals(text(actual));
    }

    /** How a message states the expectation: {@code "x"}, {@code matching /re/}, {@code present}. */
    static String describe(Object expected) {
        if (isOperator(expected)) {
            Map.Entry<?, ?> op = ((Map<?, ?>) expected).entrySet().iterator().next();
            return switch (String.valueOf(op.getKey())) {
                case "matches" -> "matching /" + op.getValue() + "/";
                case "exists" -> truthy(op.getValue()) ? "present" : "absent";
                default -> "containing " + render(op.getValue());
            };
        }
        return render(expected);
    }

    /** A value as JSON, short enough for a message; absent values say so. */
    static String render(Object value) {
        if (value == null) {
            return "absent (or null)";
        }
        String json;
        try {
            json = JSON.writeValueAsString(value instanceof BigDecimal number ? number.stripTrailingZeros() : value);
        } catch (JsonProcessingException e) {
            json = String.valueOf(value);
        }
        return json.length() > 200 ? json.substring(0, 200) + "…" : json;
    }

    /** A scalar as text, as a variable would hold it: numbers without trailing zeros. */
    static String text(Object value) {
        if (value instanceof Number number && !(value instanceof Integer || value instanceof Long)) {
            BigDecimal decimal = decimal(number).stripTrailingZeros();
            return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? render(value) : String.valueOf(value);
    }

    static boolean isOperator(Object expected) {
        return expected instanceof Map<?, ?> map && map.size() == 1 && OPERATORS.contains(String.valueOf(map.keySet().iterator().next()));
    }

    private static boolean operator(Map<?, ?> op, Object actual) {
        Map.Entry<?, ?> entry = op.entrySet().iterator().next();
        Object argument = entry.getValue();
        return switch (String.valueOf(entry.getKey())) {
            case "matches" -> actual != null && Pattern.compile(String.valueOf(argument)).matcher(text(actual)).find();
            case "exists" -> truthy(argument) == (actual != null);
            default -> contains(actual, argument);
        };
    }

    private static boolean contains(Object actual, Object element) {
        if (actual instanceof List<?> list) {
            return list.stream().anyMatch(item -> matches(element, item));
        }
        if (actual instanceof Map<?, ?> map) {
            return keys(map).contains(text(element));
        }
        return actual != null && text(actual).contains(text(element));
    }

    private static boolean truthy(Object value) {
        return Boolean.parseBoolean(String.valueOf(value).trim());
    }

    private static Set<String> keys(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private static Object value(Map<?, ?> map, Object key) {
        return map.entrySet().stream().filter(e -> Objects.equals(String.valueOf(e.getKey()), String.valueOf(key)))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    }
}

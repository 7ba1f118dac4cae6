package dev.tollgate.load;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Composed YAML nodes as values: plain Java for check settings, Jackson for the schema, and words
 * for messages ("a list", "a string 'upgrade'").
 */
final class YamlValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private YamlValues() {
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static boolean isString(Node node) {
        return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
    }

    /** A scalar that reads as text for a target: a string, or a number such as a release {@code 1.0}. */
    static boolean isText(Node node) {
        return isString(node) || node instanceof ScalarNode
                && (Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag()));
    }

    static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    /** A key as written; keys that are not scalars are shown as YAML would not index them. */
    static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "(" + kind(tuple.getKeyNode()) + ")";
    }

    /** What a node is, as a person would say it: {@code a list}, {@code a number}, {@code nothing}. */
    static String kind(Node node) {
        if (isNull(node)) {
            return "nothing";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        Tag tag = node.getTag();
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        return Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) ? "a number" : "a string";
    }

    /** {@link #kind} with the value of a scalar, so the reader sees what the file says. */
    static String found(Node node) {
        return node instanceof ScalarNode scalar && !isNull(node) ? kind(node) + " '" + scalar.getValue() + "'" : kind(node);
    }

    /** Plain Java: String, Integer/Long/BigInteger, Double, Boolean, List, Map, or null. */
    static Object toJava(Node node) {
        return toJava(node, new IdentityHashMap<>());
    }

    private static Object toJava(Node node, Map<Node, Boolean> open) {
        if (isNull(node) || open.containsKey(node)) {
            return null;  // a recursive alias has no plain value
        }
        open.put(node, true);
        try {
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(item -> list.add(toJava(item, open)));
                return list;
            }
            if (node instanceof MappingNode mapping) {
                Map<String, Object> map = new LinkedHashMap<>();
                mapping.getValue().forEach(tuple -> map.put(key(tuple), toJava(tuple.getValueNode(), open)));
                return map;
            }
            return scalar((ScalarNode) node);
        } finally {
            open.remove(node);
        }
    }

    private static Object scalar(ScalarNode node) {
        Tag tag = node.getTag();
        if (Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            try {
                Object value = new Scalars().value(node);
                return value != null ? value : node.getValue();
            } catch (RuntimeException e) {
                return node.getValue();  // an explicit tag that does not fit, like !!int many: keep the text
            }
        }
        return node.getValue();
    }

    /** The same tree for the JSON Schema validator; a repeated key keeps its last value, as in {@link #toJava}. */
    static JsonNode toJson(Node node) {
        return json(node, new IdentityHashMap<>());
    }

    private static JsonNode json(Node node, Map<Node, Boolean> open) {
        if (isNull(node) || open.containsKey(node)) {
            return JSON.nullNode();
        }
        open.put(node, true);
        try {
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JSON.arrayNode();
                sequence.getValue().forEach(item -> array.add(json(item, open)));
                return array;
            }
            if (node instanceof MappingNode mapping) {
                ObjectNode object = JSON.objectNode();
                mapping.getValue().forEach(tuple -> object.set(key(tuple), json(tuple.getValueNode(), open)));
                return object;
            }
            return jsonScalar(scalar((ScalarNode) node));
        } finally {
            open.remove(node);
        }
    }

    private static JsonNode jsonScalar(Object value) {
        if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (value instanceof BigInteger number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Double number) {
            return JSON.numberNode(number);
        }
        return JSON.textNode(String.valueOf(value));
    }

    /** A map's keys in the order written; mutable, for callers that add to it. */
    static Set<String> keys(MappingNode mapping) {
        Set<String> keys = new LinkedHashSet<>();
        mapping.getValue().forEach(tuple -> keys.add(key(tuple)));
        return keys;
    }

    // SnakeYAML's own rules for YAML 1.1 booleans, ints (0x1F, 1_000) and floats (.inf), reused.
    // One per value: a constructor remembers every node it built.
    private static final class Scalars extends SafeConstructor {

        Scalars() {
            super(new LoaderOptions());
        }

        Object value(ScalarNode node) {
            return constructObject(node);
        }
    }
}

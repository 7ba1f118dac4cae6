package dev.tollgate.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.tollgate.model.SourcePosition;

/**
 * Checks a file against the suite JSON Schema, the same one editors use, and turns what the
 * validator says into the loader's own phrasing at the YAML's line and column. The hand-written
 * readers know more (check types, files, order), so a schema finding on YAML they already
 * reported on is dropped: the schema is the safety net for shapes they do not look at.
 */
final class SchemaValidator {

    static final String RESOURCE = "/dev/tollgate/schema/suite.schema.json";

    private SchemaValidator() {
    }

    // Built once: compiling the schema costs far more than validating a suite with it.
    private static final class Schema {
        static final JsonNode DOCUMENT = read();
        static final JsonSchema VALIDATOR = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(DOCUMENT, SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build());

        private static JsonNode read() {
            try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                return new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Compiles the schema now ({@link FirstUse}). */
    static void prepare() {
        Schema.VALIDATOR.getClass();
    }

    static void validate(YamlTree tree, Issues issues) {
        if (tree.root() == null) {
            return;
        }
        Map<String, List<ValidationMessage>> byPointer = new LinkedHashMap<>();
        for (ValidationMessage message : Schema.VALIDATOR.validate(YamlValues.toJson(tree.root()))) {
            if (!selectsStepKey(message)) {
                byPointer.computeIfAbsent(pointer(message), key -> new ArrayList<>()).add(message);
            }
        }
        // The most specific finding first: once it is reported, the summaries above it are noise.
        byPointer.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).forEach(pointer -> {
            if (!issues.covers(tree.file(), pointer)) {
                issues.add(position(tree, byPointer.get(pointer).get(0), pointer), pointer,
                        describe(tree, pointer, byPointer.get(pointer)));
            }
        });
    }

    // The step's oneOf of "required" alternatives: each miss is not a problem, the oneOf is.
    private static boolean selectsStepKey(ValidationMessage message) {
        return message.getType().equals("required") && fragment(message).matches(".*/oneOf/\\d+/required");
    }

    /** The JSON pointer of the YAML a message is about; for a key that should not or must be there, that key. */
    private static String pointer(ValidationMessage message) {
        String pointer = "";
        JsonNodePath path = message.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index ? YamlTree.child(pointer, index)
                    : YamlTree.child(pointer, String.valueOf(element));
        }
        boolean aboutKey = message.getType().equals("additionalProperties") || message.getType().equals("required");
        return aboutKey && message.getProperty() != null ? YamlTree.child(pointer, message.getProperty()) : pointer;
    }

    private static SourcePosition position(YamlTree tree, ValidationMessage message, String pointer) {
        if (message.getType().equals("required")) {
            Node holder = tree.node(pointer.substring(0, pointer.lastIndexOf('/')));
            return holder == null ? tree.start() : tree.position(holder);
        }
        Node node = tree.node(pointer);
        boolean empty = node == null
                || node instanceof ScalarNode scalar && scalar.getValue().isEmpty() && YamlValues.isNull(node);
        return message.getType().equals("additionalProperties") || empty ? tree.keyPosition(pointer) : tree.position(node);
    }

    private static String describe(YamlTree tree, String pointer, List<ValidationMessage> messages) {
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        String where = name.isEmpty() ? "the suite"
                : name.matches("\\d+") ? "item " + (Integer.parseInt(name) + 1) : "'" + name + "'";
        Node node = tree.node(pointer);
        List<ValidationMessage> specific = messages.stream().filter(m -> !m.getType().equals("type")).toList();
        if (specific.isEmpty()) {
            List<String> expected = messages.stream().flatMap(m -> types(m.getSchemaNode()).stream()).distinct().toList();
            return where + ": expected " + String.join(" or ", expected) + ", found " + YamlValues.found(node);
        }
        ValidationMessage message = specific.get(0);
        String parentDescription = Schema.DOCUMENT.at(parent(fragment(message))).path("description").asText("");
        return switch (message.getType()) {
            case "additionalProperties" -> Messages.unknownKey(name, "", validKeys(message));
            case "required" -> "missing required key '" + name + "'";
            case "minItems" -> where + ": expected at least " + message.getArguments()[0] + " item(s), found " + size(node);
            case "maxProperties", "minProperties" -> where + ": expected "
                    + (message.getType().startsWith("max") ? "at most " : "at least ")
                    + message.getArguments()[0] + " key(s), found " + size(node);
            case "pattern" -> where + ": " + YamlValues.found(node) + " is not valid here; write it like " + parentDescription;
            case "oneOf", "anyOf" -> where + ": expected " + lowerFirst(parentDescription) + " Found " + YamlValues.found(node);
            default -> where + ": " + message.getMessage().substring(message.getMessage().indexOf(':') + 1).trim();
        };
    }

    private static List<String> validKeys(ValidationMessage message) {
        List<String> keys = new ArrayList<>();
        Schema.DOCUMENT.at(parent(fragment(message))).path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> types(JsonNode schemaNode) {
        List<JsonNode> names = new ArrayList<>();
        if (schemaNode.isArray()) {
            schemaNode.forEach(names::add);
        } else {
            names.add(schemaNode);
        }
        List<String> words = new ArrayList<>();
        names.forEach(type -> words.add(switch (type.asText()) {
            case "array" -> "a list";
            case "object" -> "a map";
            case "boolean" -> "true or false";
            case "null" -> "nothing";
            case "integer" -> "a whole number";
            default -> "a " + type.asText();
        }));
        return words;
    }

    private static String fragment(ValidationMessage message) {
        return message.getSchemaLocation().getFragment().toString();
    }

    private static String parent(String fragment) {
        return fragment.substring(0, Math.max(0, fragment.lastIndexOf('/')));
    }

    private static int size(Node node) {
        return node instanceof SequenceNode list ? list.getValue().size()
                : node instanceof MappingNode map ? map.getValue().size() : 0;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? "something else." : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}

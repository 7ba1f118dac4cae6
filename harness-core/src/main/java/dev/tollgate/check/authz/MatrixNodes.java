package dev.tollgate.check.authz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.SourcePosition;

/**
 * The YAML nodes of one matrix file read as values (keys, names, text, bodies), each problem found
 * collected with its {@code file:line:column}, so that a matrix reports all of them at once.
 */
final class MatrixNodes {

    private final Path file;
    private final List<LoadIssue> issues = new ArrayList<>();

    MatrixNodes(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The problems found so far, in the order found. */
    List<LoadIssue> issues() {
        return List.copyOf(issues);
    }

    /** Where the file starts: for a problem with the whole file. */
    SourcePosition start() {
        return new SourcePosition(file, 1, 1);
    }

    Map<String, Node> keys(MappingNode map, Set<String> valid, String where) {
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple entry : map.getValue()) {
            String key = key(entry);
            if (!valid.contains(key)) {
                issue(at(entry.getKeyNode()), "unknown key '" + key + "' " + where
                        + dev.tollgate.model.Suggestions.didYouMean(key, valid)
                        + " Valid keys: " + String.join(", ", new TreeSet<>(valid)) + ".");
            } else {
                values.put(key, entry.getValueNode());
            }
        }
        return values;
    }

    List<String> names(Node node) {
        List<String> names = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> {
                String text = text(item);
                if (text == null) {
                    issue(at(item), "expected a subject name; found " + found(item));
                } else {
                    names.add(text);
                }
            });
        } else if (text(node) != null) {
            for (String name : text(node).split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    static String key(NodeTuple entry) {
        return entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(entry.getKeyNode());
    }

    static String text(Node node) {
        return node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) ? scalar.getValue() : null;
    }

    /** The node as Java values: maps, lists, strings, numbers, booleans, null (for bodies sent as JSON). */
    static Object java(Node node) {
        if (node == null) {
            return null;
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.getValue().forEach(entry -> values.put(key(entry), java(entry.getValueNode())));
            return values;
        }
        if (node instanceof SequenceNode list) {
            return list.getValue().stream().map(MatrixNodes::java).toList();
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            } else if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
            } else if (tag.equals(Tag.INT)) {
                return Long.parseLong(value.replace("_", ""));
            } else if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(value.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }

    static String found(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node == null ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    SourcePosition at(Node node) {
        Mark mark = node.getStartMark();
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void issue(SourcePosition position, String message) {
        issues.add(new LoadIssue(position, message));
    }
}

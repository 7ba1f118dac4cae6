package dev.tollgate.load;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;

/**
 * One YAML file composed into nodes that remember where they were written, so every message can
 * name a line and column. Paths into the tree are JSON pointers ({@code /scenario/2/check}), the
 * same ones the schema validator reports.
 */
final class YamlTree {

    private final Path file;
    private final Node root;
    private final List<String> lines;
    private final boolean parsed;

    private YamlTree(Path file, Node root, List<String> lines, boolean parsed) {
        this.file = file;
        this.root = root;
        this.lines = lines;
        this.parsed = parsed;
    }

    /** Composes {@code text}; a syntax error or a repeated key is reported, never thrown. */
    static YamlTree parse(Path file, String text, Issues issues) {
        Node root = null;
        boolean parsed = false;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            parsed = true;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourcePosition at = mark == null ? new SourcePosition(file, 1, 1) : at(file, mark);
            issues.add(at, "", "not valid YAML: " + syntaxProblem(e) + quotingHint(text, mark));
        } catch (YAMLException e) {
            issues.add(new SourcePosition(file, 1, 1), "", "not valid YAML: " + e.getMessage());
        }
        YamlTree tree = new YamlTree(file, root, List.of(text.split("\n", -1)), parsed);
        if (root != null) {
            tree.reportRepeatedKeys(root, "", issues, new IdentityHashMap<>());
        }
        return tree;
    }

    private static String syntaxProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "unexpected content" : e.getProblem().trim();
        Mark context = e.getContextMark();
        if (e.getContext() == null || context == null || context.equals(e.getProblemMark())) {
            return problem;
        }
        return problem + " " + e.getContext().trim() + " that starts at " + (context.getLine() + 1) + ":"
                + (context.getColumn() + 1);
    }

    // In { } and [ ], YAML ends a plain value at '{', so an unquoted ${variable} there breaks the file.
    private static String quotingHint(String text, Mark mark) {
        String[] lines = text.split("\n", -1);
        boolean variableOnLine = mark != null && mark.getLine() < lines.length && lines[mark.getLine()].contains("${");
        return variableOnLine ? ". Inside { } or [ ], quote a value that holds a variable: \"${previous}\"" : "";
    }

    Path file() {
        return file;
    }

    /** Whether the text was valid YAML (an empty file is). */
    boolean parsed() {
        return parsed;
    }

    /** The document, or {@code null} when the file is empty or could not be parsed. */
    Node root() {
        return root;
    }

    SourcePosition position(Node node) {
        return at(file, node.getStartMark());
    }

    /** Where a value is; for an empty value ({@code stop:}) that is its key, since the value has no text. */
    SourcePosition valuePosition(NodeTuple tuple) {
        Node value = tuple.getValueNode();
        boolean empty = value instanceof ScalarNode scalar && YamlValues.isNull(value) && scalar.getValue().isEmpty();
        return position(empty ? tuple.getKeyNode() : value);
    }

    SourcePosition start() {
        return root == null ? new SourcePosition(file, 1, 1) : position(root);
    }

    private static SourcePosition at(Path file, Mark mark) {
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The node a JSON pointer names, or {@code null}; a repeated key resolves to its last value. */
    Node node(String pointer) {
        NodeTuple tuple = tuple(pointer);
        return tuple != null ? tuple.getValueNode() : pointer.isEmpty() ? root : item(pointer);
    }

    /** Where the last step of a pointer is written: the key for a map entry, the item for a list. */
    SourcePosition keyPosition(String pointer) {
        NodeTuple tuple = tuple(pointer);
        if (tuple != null) {
            return position(tuple.getKeyNode());
        }
        Node node = node(pointer);
        return node == null ? start() : position(node);
    }

    private NodeTuple tuple(String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0 || !(node(pointer.substring(0, slash)) instanceof MappingNode parent)) {
            return null;
        }
        String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        NodeTuple found = null;
        for (NodeTuple tuple : parent.getValue()) {
            found = YamlValues.key(tuple).equals(key) ? tuple : found;
        }
        return found;
    }

    private Node item(String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0 || !(node(pointer.substring(0, slash)) instanceof SequenceNode parent)) {
            return null;
        }
        try {
            int index = Integer.parseInt(pointer.substring(slash + 1));
            return index < parent.getValue().size() ? parent.getValue().get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Every {@code ${name}} in the string values under {@code node}, each where its {@code $} is written. */
    List<Reference> variables(Node node) {
        List<Reference> found = new ArrayList<>();
        collectVariables(node, found, new IdentityHashMap<>());
        return found;
    }

    private void collectVariables(Node node, List<Reference> found, Map<Node, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> collectVariables(item, found, seen));
        } else if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(tuple -> collectVariables(tuple.getValueNode(), found, seen));
        } else if (YamlValues.isText(node)) {
            found.addAll(scalarVariables((ScalarNode) node));
        }
    }

    // The value is unescaped and folded; find each placeholder in the raw lines to point at it exactly.
    private List<Reference> scalarVariables(ScalarNode scalar) {
        List<Reference> found = new ArrayList<>();
        int line = scalar.getStartMark().getLine();
        int codePoint = scalar.getStartMark().getColumn();
        for (String name : Variables.referencedBy(scalar.getValue())) {
            String needle = "${" + name + "}";
            SourcePosition where = position(scalar);
            for (; line <= scalar.getEndMark().getLine() && line < lines.size(); line++, codePoint = 0) {
                String text = lines.get(line);
                int from = text.offsetByCodePoints(0, Math.min(codePoint, text.codePointCount(0, text.length())));
                int index = text.indexOf(needle, from);
                if (index >= 0) {
                    where = new SourcePosition(file, line + 1, text.codePointCount(0, index) + 1);
                    codePoint = text.codePointCount(0, index + needle.length());
                    break;
                }
            }
            found.add(new Reference(name, where));
        }
        return found;
    }

    private void reportRepeatedKeys(Node node, String pointer, Issues issues, Map<Node, Boolean> seen) {
        if (seen.put(node, true) != null) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                reportRepeatedKeys(sequence.getValue().get(i), child(pointer, i), issues, seen);
            }
        } else if (node instanceof MappingNode mapping) {
            Map<String, Node> first = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = YamlValues.key(tuple);
                Node earlier = first.putIfAbsent(key, tuple.getKeyNode());
                if (earlier != null) {
                    SourcePosition was = position(earlier);
                    issues.add(position(tuple.getKeyNode()), child(pointer, key), "duplicate key '" + key
                            + "'; it is already set at " + was.line() + ":" + was.column()
                            + ". YAML would keep only the last value: remove one of them");
                }
                reportRepeatedKeys(tuple.getValueNode(), child(pointer, key), issues, seen);
            }
        }
    }
}

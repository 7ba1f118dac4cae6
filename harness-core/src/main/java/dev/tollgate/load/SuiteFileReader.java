package dev.tollgate.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.tollgate.load.SuiteParts.Draft;
import dev.tollgate.load.SuiteParts.Head;
import dev.tollgate.load.SuiteParts.NamedCheck;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Suggestions;

/** Reads the top level of one suite file: its name, flags, named checks and the scenario's items. */
final class SuiteFileReader {

    static final List<String> KEYS = List.of("suite", "description", "tags", "destructive", "checks", "scenario");

    private final YamlTree tree;
    private final Issues issues;
    private final CheckReader checkReader;
    private final StepReader stepReader;

    SuiteFileReader(YamlTree tree, Issues issues, CheckReader checkReader) {
        this.tree = tree;
        this.issues = issues;
        this.checkReader = checkReader;
        this.stepReader = new StepReader(tree, issues);
    }

    /** The file's head; problems are reported and whatever could be read is kept. */
    Head read() {
        Node root = tree.root();
        String name = null;
        SourcePosition position = tree.start();
        String description = "";
        Set<String> tags = new LinkedHashSet<>();
        boolean destructive = true;
        Map<String, NamedCheck> checks = new LinkedHashMap<>();
        List<Draft> drafts = new ArrayList<>();
        Set<String> meant = new LinkedHashSet<>();
        if (root == null) {
            if (tree.parsed()) {
                issues.add(position, "", "the file is empty; a suite needs at least 'suite:' and 'scenario:'");
            }
            return new Head(null, position, description, tags, destructive, checks, drafts);
        }
        if (!(root instanceof MappingNode map)) {
            issues.add(position, "", "a suite file must be a map with 'suite:' and 'scenario:'; found "
                    + YamlValues.found(root));
            return new Head(null, position, description, tags, destructive, checks, drafts);
        }
        for (NodeTuple tuple : map.getValue()) {
            String key = YamlValues.key(tuple);
            Node value = tuple.getValueNode();
            String pointer = YamlTree.child("", key);
            switch (key) {
                case "suite" -> {
                    position = tree.position(tuple.getKeyNode());
                    name = string(tuple, pointer, "the suite's name");
                }
                case "description" -> description = YamlValues.isNull(value) ? "" : string(tuple, pointer, "a string");
                case "tags" -> tags.addAll(tags(tuple, pointer));
                case "destructive" -> destructive = flag(tuple, pointer);
                case "checks" -> checks.putAll(namedChecks(tuple, pointer));
                case "scenario" -> drafts.addAll(scenario(tuple, pointer));
                default -> {
                    issues.add(tree.position(tuple.getKeyNode()), pointer, Messages.unknownKey(key, "", KEYS));
                    Suggestions.nearest(key, KEYS).ifPresent(meant::add);
                }
            }
        }
        // A typo of a required key ('scenarios:') is one problem, not also a missing key.
        Set<String> present = YamlValues.keys(map);
        meant.stream().filter(present::add).forEach(key -> issues.explained(tree.start(), YamlTree.child("", key)));
        if (!present.contains("suite")) {
            issues.add(tree.start(), "/suite",
                    "missing required key 'suite': name the suite, like suite: upgrade-from-previous");
        }
        if (!present.contains("scenario")) {
            issues.add(tree.start(), "/scenario",
                    "missing required key 'scenario': list its steps, like scenario: [{install: ${candidate}}]");
        }
        return new Head(name, position, description == null ? "" : description, tags, destructive, checks, drafts);
    }

    private String string(NodeTuple tuple, String pointer, String what) {
        Node value = tuple.getValueNode();
        if (YamlValues.isString(value) && !YamlValues.text(value).isBlank()) {
            return YamlValues.text(value);
        }
        issues.add(tree.valuePosition(tuple), pointer, Messages.expected(YamlValues.key(tuple), what, value));
        return null;
    }

    private List<String> tags(NodeTuple tuple, String pointer) {
        Node value = tuple.getValueNode();
        if (!(value instanceof SequenceNode list)) {
            String hint = YamlValues.isString(value) ? "; write tags: [" + YamlValues.text(value) + "]" : "";
            issues.add(tree.valuePosition(tuple), pointer, Messages.expected("tags", "a list of strings", value) + hint);
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            if (YamlValues.isString(item) && !YamlValues.text(item).isBlank()) {
                tags.add(YamlValues.text(item));
            } else {
                issues.add(tree.position(item), YamlTree.child(pointer, i), "tag " + (i + 1)
                        + ": expected a non-empty string, found " + YamlValues.found(item));
            }
        }
        return tags;
    }

    private boolean flag(NodeTuple tuple, String pointer) {
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode && Tag.BOOL.equals(value.getTag()) && YamlValues.toJava(value) instanceof Boolean flag) {
            return flag;
        }
        issues.add(tree.valuePosition(tuple), pointer, Messages.expected("destructive", "true or false "
                + "(false makes the suite read-only)", value));
        return true;
    }

    private Map<String, NamedCheck> namedChecks(NodeTuple tuple, String pointer) {
        Map<String, NamedCheck> checks = new LinkedHashMap<>();
        Node value = tuple.getValueNode();
        if (YamlValues.isNull(value)) {
            return checks;
        }
        if (!(value instanceof MappingNode map)) {
            issues.add(tree.valuePosition(tuple), pointer, Messages.expected("checks", "a map of name: check", value));
            return checks;
        }
        for (NodeTuple entry : map.getValue()) {
            checkReader.definition(entry, YamlTree.child(pointer, YamlValues.key(entry)))
                    .ifPresent(named -> checks.put(named.name(), named));
        }
        return checks;
    }

    private List<Draft> scenario(NodeTuple tuple, String pointer) {
        Node value = tuple.getValueNode();
        if (!(value instanceof SequenceNode list)) {
            issues.add(tree.valuePosition(tuple), pointer, Messages.expected("scenario", "a list of steps", value));
            return List.of();
        }
        if (list.getValue().isEmpty()) {
            issues.add(tree.valuePosition(tuple), pointer,
                    "'scenario' is empty; add at least one step, like - install: ${candidate}");
        }
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            stepReader.read(list.getValue().get(i), YamlTree.child(pointer, i)).ifPresent(drafts::add);
        }
        return drafts;
    }
}

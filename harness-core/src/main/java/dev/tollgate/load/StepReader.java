package dev.tollgate.load;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import dev.tollgate.load.SuiteParts.Draft;
import dev.tollgate.load.SuiteParts.IncludeDraft;
import dev.tollgate.load.SuiteParts.StepDraft;
import dev.tollgate.model.Durations;
import dev.tollgate.model.StepKind;

/**
 * Reads one scenario item: exactly one step key ({@link StepKind} or {@code include}) and its
 * value, plus {@code id}, {@code timeout}, {@code retry} and {@code onFailure}. A step with a bad option is still
 * returned, so later references to it do not turn into a second, misleading problem.
 */
final class StepReader {

    static final String INCLUDE = "include";
    static final List<String> META = List.of("id", "timeout", "retry", "onFailure");
    static final List<String> STEP_KEYS = stepKeys();
    private static final String DURATION = "a duration like 500ms, 30s, 2m or PT30S";

    private final YamlTree tree;
    private final Issues issues;

    StepReader(YamlTree tree, Issues issues) {
        this.tree = tree;
        this.issues = issues;
    }

    private static List<String> stepKeys() {
        List<String> keys = new ArrayList<>(StepKind.keys());
        keys.add(INCLUDE);
        return List.copyOf(keys);
    }

    Optional<Draft> read(Node item, String pointer) {
        if (!(item instanceof MappingNode map)) {
            String hint = YamlValues.isString(item) && STEP_KEYS.contains(YamlValues.text(item))
                    ? "; write '- " + YamlValues.text(item) + ": …'" : "";
            issues.add(tree.position(item), pointer, "a step must be a map with one step key, like '- install: ${candidate}'"
                    + " or '- check: health'; found " + YamlValues.found(item) + hint);
            return Optional.empty();
        }
        List<NodeTuple> steps = new ArrayList<>();
        Map<String, NodeTuple> meta = new LinkedHashMap<>();
        List<NodeTuple> unknown = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = YamlValues.key(tuple);
            if (STEP_KEYS.contains(key)) {
                steps.add(tuple);
            } else if (META.contains(key)) {
                meta.put(key, tuple);
            } else {
                unknown.add(tuple);
            }
        }
        if (steps.isEmpty()) {
            for (NodeTuple tuple : unknown) {
                String key = YamlValues.key(tuple);
                issues.add(tree.position(tuple.getKeyNode()), YamlTree.child(pointer, key), "unknown step '" + key + "'"
                        + Messages.didYouMean(key, STEP_KEYS) + " Valid steps: " + Messages.list(STEP_KEYS) + ".");
            }
            if (unknown.isEmpty()) {
                issues.add(tree.position(map), pointer, "a step needs one step key (" + Messages.list(STEP_KEYS)
                        + "); found only " + (map.getValue().isEmpty() ? "an empty map" : String.join(", ", meta.keySet())));
            }
            return Optional.empty();
        }
        String key = YamlValues.key(steps.get(0));
        for (NodeTuple tuple : unknown) {
            String name = YamlValues.key(tuple);
            issues.add(tree.position(tuple.getKeyNode()), YamlTree.child(pointer, name), "unknown key '" + name
                    + "' in step '" + key + "'" + Messages.didYouMean(name, META) + " Valid keys next to a step: "
                    + Messages.list(META) + "; a step has exactly one of " + Messages.list(STEP_KEYS) + ".");
        }
        if (steps.size() > 1) {
            NodeTuple second = steps.get(1);
            issues.add(tree.position(second.getKeyNode()), YamlTree.child(pointer, YamlValues.key(second)), "a step has "
                    + "exactly one step key; found '" + key + "' and '" + YamlValues.key(second)
                    + "'. Put each on its own list item");
            return Optional.empty();
        }
        NodeTuple step = steps.get(0);
        if (key.equals(INCLUDE)) {
            return include(step, meta, pointer);
        }
        return Optional.of(new StepValues(tree, issues, step, YamlTree.child(pointer, key)).draft(
                metaText(meta.get("id"), pointer),
                meta.containsKey("id") ? tree.valuePosition(meta.get("id")) : null,
                duration(meta.get("timeout"), pointer),
                duration(meta.get("retry"), pointer),
                onFailure(meta.get("onFailure"), key, pointer),
                tree.position(map)));
    }

    /**
     * {@code onFailure: continue} lets the scenario go on after a failed lifecycle step, for what an
     * operator does next (a failed upgrade is followed by a restore); the failure still counts.
     */
    private boolean onFailure(NodeTuple tuple, String stepKey, String pointer) {
        if (tuple == null) {
            return false;
        }
        Node value = tuple.getValueNode();
        String where = YamlTree.child(pointer, "onFailure");
        if (!YamlValues.isString(value) || !List.of("continue", "abort").contains(YamlValues.text(value))) {
            issues.add(tree.valuePosition(tuple), where, Messages.expected("onFailure", "continue or abort", value));
            return false;
        }
        if (StepKind.forKey(stepKey).filter(StepKind::lifecycle).isEmpty()) {
            issues.add(tree.position(tuple.getKeyNode()), where, "'onFailure' applies to lifecycle steps; a failed '"
                    + stepKey + "' never stops the scenario");
            return false;
        }
        return YamlValues.text(value).equals("continue");
    }

    private Optional<Draft> include(NodeTuple step, Map<String, NodeTuple> meta, String pointer) {
        meta.forEach((name, tuple) -> issues.add(tree.position(tuple.getKeyNode()), YamlTree.child(pointer, name),
                "'" + name + "' does not apply to include; set it on the steps of the included file"));
        Node value = step.getValueNode();
        if (!YamlValues.isString(value) || YamlValues.text(value).isBlank()) {
            issues.add(tree.valuePosition(step), YamlTree.child(pointer, INCLUDE),
                    Messages.expected(INCLUDE, "the path of a suite file, relative to this one", value));
            return Optional.empty();
        }
        return Optional.of(new IncludeDraft(YamlValues.text(value), tree.position(value)));
    }

    private String metaText(NodeTuple tuple, String pointer) {
        if (tuple == null) {
            return null;
        }
        Node value = tuple.getValueNode();
        if (YamlValues.isString(value) && !YamlValues.text(value).isBlank()) {
            return YamlValues.text(value);
        }
        String hint = YamlValues.isText(value) ? "; write it in quotes: id: \"" + YamlValues.text(value) + "\"" : "";
        issues.add(tree.valuePosition(tuple), YamlTree.child(pointer, "id"),
                Messages.expected("id", "a non-empty string", value) + hint);
        return null;
    }

    private Duration duration(NodeTuple tuple, String pointer) {
        if (tuple == null) {
            return null;
        }
        String key = YamlValues.key(tuple);
        Node value = tuple.getValueNode();
        String where = YamlTree.child(pointer, key);
        if (!YamlValues.isString(value)) {
            issues.add(tree.valuePosition(tuple), where, Messages.expected(key, DURATION, value));
            return null;
        }
        try {
            Duration duration = Durations.parse(YamlValues.text(value));
            if (duration.isNegative() || duration.isZero()) {
                issues.add(tree.position(value), where,
                        "'" + key + "' must be longer than zero, found '" + YamlValues.text(value) + "'");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            issues.add(tree.position(value), where, "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    /**
     * A file named in a suite, relative to the suite file's directory; as relative as the suite's
     * own path, so positions read the way the user gave them. Empty when the name is not a path.
     */
    static Optional<Path> resolve(Path suiteFile, String relative) {
        try {
            return Optional.of(suiteFile.resolveSibling(relative).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}

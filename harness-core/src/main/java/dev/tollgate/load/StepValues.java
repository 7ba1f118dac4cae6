package dev.tollgate.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import dev.tollgate.load.SuiteParts.StepDraft;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;

/** Reads the value of one step key: a target, restore's options, nothing (stop), or checks left as YAML. */
final class StepValues {

    private static final List<String> RESTORE_KEYS = List.of("backup", "release");

    private final YamlTree tree;
    private final Issues issues;
    private final NodeTuple step;
    private final String key;
    private final String pointer;

    StepValues(YamlTree tree, Issues issues, NodeTuple step, String pointer) {
        this.tree = tree;
        this.issues = issues;
        this.step = step;
        this.key = YamlValues.key(step);
        this.pointer = pointer;
    }

    StepDraft draft(String id, SourcePosition idPosition, Duration timeout, Duration retry, boolean continueOnFailure,
            SourcePosition position) {
        StepKind kind = StepKind.forKey(key).orElseThrow();
        Node value = step.getValueNode();
        String target = null;
        SourcePosition targetPosition = tree.valuePosition(step);
        Map<String, String> options = new LinkedHashMap<>();
        switch (kind) {
            case CHECK -> {
                return new StepDraft(kind, id, idPosition, null, targetPosition, Map.of(), List.of(), value, pointer, timeout,
                        retry, position);
            }
            case STOP, RESTART -> noValue(value);
            case RESTORE -> {
                if (value instanceof MappingNode map) {
                    target = restoreOptions(map, options);
                    targetPosition = backupPosition(map).orElse(targetPosition);
                } else {
                    target = target(value, "a backup name, or {backup: NAME, release: RELEASE}");
                }
            }
            case SEED -> {
                target = target(value, "the path of a fixture file, relative to this suite");
                fixture(target, value).ifPresent(file -> options.put("file", file.toString()));
            }
            case SNAPSHOT -> target = target(value, "a snapshot name");
            case BACKUP -> target = target(value, "a backup name");
            default -> target = target(value, "a release, like " + key + ": ${candidate}");
        }
        if (continueOnFailure) {
            options.put(Step.ON_FAILURE, Step.CONTINUE);
        }
        return new StepDraft(kind, id, idPosition, target, targetPosition, options, tree.variables(value), null, null,
                timeout, retry, position);
    }

    private String target(Node value, String what) {
        if (YamlValues.isText(value) && !YamlValues.text(value).isBlank()) {
            return YamlValues.text(value);
        }
        issues.add(tree.valuePosition(step), pointer, Messages.expected(key, what, value));
        return null;
    }

    private void noValue(Node value) {
        if (!YamlValues.isNull(value) && !(value instanceof MappingNode map && map.getValue().isEmpty())) {
            issues.add(tree.valuePosition(step), pointer, "'" + key + "' takes no value; write '- " + key + ":' or '- "
                    + key + ": {}', found " + YamlValues.found(value));
        }
    }

    // The fixture must exist now: a missing file found on release day wastes the whole rehearsal.
    private Optional<Path> fixture(String target, Node value) {
        if (target == null || target.contains("${")) {
            return Optional.empty();
        }
        Optional<Path> file = StepReader.resolve(tree.file(), target);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            issues.add(tree.position(value), pointer, "seed fixture not found: "
                    + file.map(f -> f.toAbsolutePath().toString()).orElse(target) + " (resolved relative to this suite file)");
            return Optional.empty();
        }
        return Optional.of(file.get().toAbsolutePath());
    }

    private String restoreOptions(MappingNode map, Map<String, String> options) {
        String backup = null;
        for (NodeTuple tuple : map.getValue()) {
            String option = YamlValues.key(tuple);
            Node value = tuple.getValueNode();
            if (!RESTORE_KEYS.contains(option)) {
                issues.add(tree.position(tuple.getKeyNode()), YamlTree.child(pointer, option),
                        Messages.unknownKey(option, " in restore", RESTORE_KEYS));
            } else if (!YamlValues.isText(value) || YamlValues.text(value).isBlank()) {
                String what = option.equals("backup") ? "a backup name" : "a release, like release: ${previous}";
                issues.add(tree.valuePosition(tuple), YamlTree.child(pointer, option), Messages.expected(option, what, value));
            } else if (option.equals("backup")) {
                backup = YamlValues.text(value);
            } else {
                options.put(option, YamlValues.text(value));
            }
        }
        if (backupPosition(map).isEmpty()) {
            issues.add(tree.position(map), YamlTree.child(pointer, "backup"), "'restore' is missing 'backup'; write "
                    + "restore: {backup: NAME, release: ${previous}}");
        }
        return backup;
    }

    private Optional<SourcePosition> backupPosition(MappingNode map) {
        return map.getValue().stream().filter(tuple -> YamlValues.key(tuple).equals("backup"))
                .map(tree::valuePosition).reduce((first, last) -> last);
    }
}

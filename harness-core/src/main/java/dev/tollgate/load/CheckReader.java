package dev.tollgate.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckType;
import dev.tollgate.load.SuiteParts.NamedCheck;
import dev.tollgate.load.SuiteParts.ReadCheck;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.SourcePosition;

/**
 * Reads check forms: a type or named check by name, or {@code {type: {settings}}}, whose settings
 * are validated against the type's keys. Types are plug-ins, so this is where their settings meet
 * the YAML.
 */
final class CheckReader {

    private static final String FORMS = "a check type, a named check, or {type: {settings}}";
    // Settings that name a snapshot taken by an earlier step.
    private static final List<String> SNAPSHOT_KEYS = List.of("since", "snapshot");

    private record Typed(CheckType type, Map<String, Object> config, List<Reference> variables,
            List<Reference> snapshots) {
    }

    private final CheckRegistry registry;
    private final YamlTree tree;
    private final Issues issues;

    CheckReader(CheckRegistry registry, YamlTree tree, Issues issues) {
        this.registry = registry;
        this.tree = tree;
        this.issues = issues;
    }

    /**
     * One entry under {@code checks:}: a check type, or a type with settings. A definition with
     * problems comes back without a type, so that uses of its name are not reported again.
     */
    Optional<NamedCheck> definition(NodeTuple entry, String pointer) {
        String name = YamlValues.key(entry);
        Node value = entry.getValueNode();
        if (registry.find(name).isPresent()) {
            issues.add(tree.position(entry.getKeyNode()), pointer, "named check '" + name
                    + "' has the name of a check type; choose another name, so that 'check: " + name
                    + "' keeps meaning the type");
            return Optional.empty();
        }
        Optional<Typed> typed = Optional.empty();
        if (YamlValues.isString(value)) {
            typed = type(YamlValues.text(value), tree.position(value), pointer, Map.of())
                    .map(type -> {
                        requiredSettings(type, Set.of(), tree.position(value), pointer);
                        return new Typed(type, Map.of(), List.of(), List.of());
                    });
        } else if (value instanceof MappingNode map) {
            typed = typed(map, pointer, Map.of());
        } else {
            issues.add(tree.valuePosition(entry), pointer, Messages.expected(name, "a check type or {type: {settings}}", value));
        }
        // A definition that failed still names a check: its uses must not be reported as unknown too.
        return Optional.of(typed.map(t -> new NamedCheck(name, t.type(), t.config(), t.variables(), t.snapshots()))
                .orElse(new NamedCheck(name, null, Map.of(), List.of(), List.of())));
    }

    /** The checks of a {@code check:} step, in order; entries that cannot be read are reported and left out. */
    List<ReadCheck> entries(Node value, SourcePosition valuePosition, String pointer, Map<String, NamedCheck> scope) {
        List<ReadCheck> checks = new ArrayList<>();
        if (YamlValues.isNull(value)) {
            issues.add(valuePosition, pointer, "'check' needs " + FORMS + ", like check: health; found nothing");
        } else if (value instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                issues.add(valuePosition, pointer, "'check' is an empty list; name at least one check, like check: [health]");
            }
            for (int i = 0; i < list.getValue().size(); i++) {
                entry(list.getValue().get(i), YamlTree.child(pointer, i), scope).ifPresent(checks::add);
            }
        } else {
            entry(value, pointer, scope).ifPresent(checks::add);
        }
        return checks;
    }

    private Optional<ReadCheck> entry(Node node, String pointer, Map<String, NamedCheck> scope) {
        SourcePosition at = tree.position(node);
        if (YamlValues.isString(node)) {
            String name = YamlValues.text(node);
            NamedCheck named = scope.get(name);
            if (named != null && named.type() == null) {
                return Optional.empty();
            }
            if (named != null) {
                CheckSpec spec = new CheckSpec(named.type().type(), name, named.config(), at);
                return Optional.of(new ReadCheck(spec, named.type(), named.variables(), named.snapshots()));
            }
            return type(name, at, pointer, scope).map(type -> {
                requiredSettings(type, Set.of(), at, pointer);
                return new ReadCheck(new CheckSpec(name, null, Map.of(), at), type, List.of(), List.of());
            });
        }
        if (node instanceof MappingNode map) {
            return typed(map, pointer, scope).map(t -> new ReadCheck(new CheckSpec(t.type().type(), null, t.config(), at),
                    t.type(), t.variables(), t.snapshots()));
        }
        issues.add(at, pointer, "expected " + FORMS + ", found " + YamlValues.found(node));
        return Optional.empty();
    }

    private Optional<CheckType> type(String name, SourcePosition at, String pointer, Map<String, NamedCheck> scope) {
        Optional<CheckType> type = registry.find(name);
        if (type.isEmpty()) {
            Set<String> valid = new TreeSet<>(registry.typeNames());
            valid.addAll(scope.keySet());
            issues.add(at, pointer, "unknown check '" + name + "'" + Messages.didYouMean(name, valid)
                    + " Check types: " + Messages.list(registry.typeNames()) + "."
                    + (scope.isEmpty() ? "" : " Named checks here: " + Messages.list(scope.keySet()) + "."));
        }
        return type;
    }

    private Optional<Typed> typed(MappingNode map, String pointer, Map<String, NamedCheck> scope) {
        if (map.getValue().size() != 1) {
            String found = map.getValue().isEmpty() ? "an empty map"
                    : map.getValue().size() + " keys (" + String.join(", ", YamlValues.keys(map)) + ")";
            issues.add(tree.position(map), pointer, "a check with settings is a map with exactly one key, the check "
                    + "type, like {http: {path: /x}}; found " + found + ". Give each check its own list item");
            return Optional.empty();
        }
        NodeTuple only = map.getValue().get(0);
        String name = YamlValues.key(only);
        String settingsPointer = YamlTree.child(pointer, name);
        SourcePosition at = tree.position(only.getKeyNode());
        if (scope.containsKey(name)) {
            issues.add(at, settingsPointer, "'" + name + "' is a named check and takes no settings here; use it as "
                    + "check: " + name + ", or change its definition under checks:");
            return Optional.empty();
        }
        return type(name, at, settingsPointer, scope).flatMap(type -> settings(type, only, settingsPointer));
    }

    private Optional<Typed> settings(CheckType type, NodeTuple tuple, String pointer) {
        Node value = tuple.getValueNode();
        if (!YamlValues.isNull(value) && !(value instanceof MappingNode)) {
            issues.add(tree.valuePosition(tuple), pointer,
                    Messages.expected(type.type(), "settings as a map of key: value", value));
            return Optional.empty();
        }
        Set<String> present = value instanceof MappingNode map ? YamlValues.keys(map) : Set.of();
        List<Reference> snapshots = new ArrayList<>();
        if (value instanceof MappingNode map) {
            for (NodeTuple setting : map.getValue()) {
                String key = YamlValues.key(setting);
                if (key.equals(CheckType.SAFE)) {
                    if (!(YamlValues.toJava(setting.getValueNode()) instanceof Boolean)) {
                        issues.add(tree.valuePosition(setting), YamlTree.child(pointer, key), Messages.expected(CheckType.SAFE,
                                "true or false (true declares that the check changes nothing)", setting.getValueNode()));
                    }
                } else if (!type.keys().contains(key)) {
                    issues.add(tree.position(setting.getKeyNode()), YamlTree.child(pointer, key),
                            Messages.unknownKey(key, " in " + type.type() + " settings", type.keys()));
                } else if (SNAPSHOT_KEYS.contains(key) && YamlValues.isText(setting.getValueNode())) {
                    snapshots.add(new Reference(YamlValues.text(setting.getValueNode()), tree.position(setting.getValueNode())));
                }
            }
        }
        requiredSettings(type, present, tree.position(tuple.getKeyNode()), pointer);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = YamlValues.isNull(value) ? Map.of() : (Map<String, Object>) YamlValues.toJava(value);
        // Files the settings name (an authz matrix) are part of the suite: their mistakes stop it too.
        type.validate(config, tree.position(tuple.getKeyNode())).forEach(issue -> issues.add(issue.position(), issue.message()));
        return Optional.of(new Typed(type, config, tree.variables(value), snapshots));
    }

    /** Also for a type named bare ({@code check: safety}): it has no settings, so a required one is missing there too. */
    private void requiredSettings(CheckType type, Set<String> present, SourcePosition at, String pointer) {
        for (String required : new TreeSet<>(type.requiredKeys())) {
            if (!present.contains(required)) {
                issues.add(at, YamlTree.child(pointer, required), "check '" + type.type()
                        + "' is missing required setting '" + required + "'. Required: "
                        + Messages.list(type.requiredKeys()) + "; valid: " + Messages.list(type.keys()) + ".");
            }
        }
    }
}

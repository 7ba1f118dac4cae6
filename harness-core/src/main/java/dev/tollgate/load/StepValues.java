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
    private static final List<String> INSTALL_KEYS = List.of("release", Step.FROM, Step.PREPARE);
    private static final List<String> PREPARE_KEYS = List.of("file");

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
                if (target != null && !target.contains("${")) {  // a variable: resolved, and its file read, at run time
                    existing(target, value, "the seed fixture", "give the path of a fixture file relative to this suite file")
                            .ifPresent(file -> options.put("file", file));
                }
            }
            case INSTALL -> {
                if (value instanceof MappingNode map) {
                    target = installOptions(map, options);
                } else {
                    target = target(value, "a release, like install: ${previous}, or {release: ${previous}, from: DUMP}");
                }
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

    /**
     * {@code install: {release: R, from: DUMP, prepare: SQL | {file: F}}}: the release, the
     * {@code pg_dump} archive the database starts from and the SQL run on it before the release
     * starts. Files resolve relative to this suite and must exist now, unless they name a variable.
     */
    private String installOptions(MappingNode map, Map<String, String> options) {
        String release = null;
        NodeTuple prepare = null;
        for (NodeTuple tuple : map.getValue()) {
            String option = YamlValues.key(tuple);
            Node value = tuple.getValueNode();
            String where = YamlTree.child(pointer, option);
            if (!INSTALL_KEYS.contains(option)) {
                issues.add(tree.position(tuple.getKeyNode()), where, Messages.unknownKey(option, " in install", INSTALL_KEYS));
            } else if (option.equals(Step.PREPARE)) {
                prepare = tuple;
            } else if (!YamlValues.isText(value) || YamlValues.text(value).isBlank()) {
                String what = option.equals("release") ? "a release, like release: ${previous}"
                        : "the path of a pg_dump archive (custom, directory, tar or plain SQL), relative to this suite";
                issues.add(tree.valuePosition(tuple), where, Messages.expected(option, what, value));
            } else if (option.equals("release")) {
                release = YamlValues.text(value);
            } else {
                existing(YamlValues.text(value), value, "the dump named by from:", "make it with pg_dump -Fc (or -Fd,"
                        + " or plain) and give its path relative to this suite file")
                        .ifPresent(dump -> options.put(Step.FROM, dump));
            }
        }
        if (release == null && map.getValue().stream().noneMatch(tuple -> YamlValues.key(tuple).equals("release"))) {
            issues.add(tree.position(map), YamlTree.child(pointer, "release"), "'install' is missing 'release'; write "
                    + "install: {release: ${previous}, from: baseline.dump}");
        }
        if (prepare != null) {
            if (!options.containsKey(Step.FROM) && map.getValue().stream().noneMatch(tuple -> YamlValues.key(tuple).equals(Step.FROM))) {
                issues.add(tree.position(prepare.getKeyNode()), YamlTree.child(pointer, Step.PREPARE), "'prepare' runs on a"
                        + " restored dump; add from: DUMP to this install, or drop prepare");
            }
            prepare(prepare, options);
        }
        return release;
    }

    /** {@code prepare: SQL} or {@code prepare: {file: F}}. */
    private void prepare(NodeTuple tuple, Map<String, String> options) {
        Node value = tuple.getValueNode();
        String where = YamlTree.child(pointer, Step.PREPARE);
        if (YamlValues.isText(value) && !YamlValues.text(value).isBlank()) {
            options.put(Step.PREPARE, YamlValues.text(value));
            return;
        }
        if (value instanceof MappingNode map && map.getValue().size() == 1
                && YamlValues.key(map.getValue().get(0)).equals("file")) {
            Node file = map.getValue().get(0).getValueNode();
            if (YamlValues.isText(file) && !YamlValues.text(file).isBlank()) {
                existing(YamlValues.text(file), file, "the prepare file", "give the path of an SQL file relative to this"
                        + " suite file").ifPresent(path -> options.put(Step.PREPARE_FILE, path));
                return;
            }
        }
        if (value instanceof MappingNode map) {
            map.getValue().stream().filter(option -> !PREPARE_KEYS.contains(YamlValues.key(option))).forEach(option ->
                    issues.add(tree.position(option.getKeyNode()), YamlTree.child(where, YamlValues.key(option)),
                            Messages.unknownKey(YamlValues.key(option), " in prepare", PREPARE_KEYS)));
        }
        issues.add(tree.valuePosition(tuple), where, Messages.expected(Step.PREPARE, "SQL, or {file: PATH} of an SQL file"
                + " relative to this suite", value));
    }

    /**
     * A file a step names (a seed fixture, a dump, a prepare file), absolute, when it exists; the text
     * as written when it names a variable (resolved when the run starts, and checked then); empty, with
     * an issue, when it is missing: a missing file found on release day wastes the whole rehearsal.
     */
    private Optional<String> existing(String path, Node value, String what, String fix) {
        if (path.contains("${")) {
            return Optional.of(path);
        }
        Optional<Path> file = StepReader.resolve(tree.file(), path);
        if (file.isEmpty() || !Files.exists(file.get())) {
            issues.add(tree.position(value), pointer, what + " does not exist: "
                    + file.map(f -> f.toAbsolutePath().toString()).orElse(path) + " (resolved relative to this suite file); " + fix);
            return Optional.empty();
        }
        return Optional.of(file.get().toAbsolutePath().toString());
    }

    private Optional<SourcePosition> backupPosition(MappingNode map) {
        return map.getValue().stream().filter(tuple -> YamlValues.key(tuple).equals("backup"))
                .map(tree::valuePosition).reduce((first, last) -> last);
    }
}

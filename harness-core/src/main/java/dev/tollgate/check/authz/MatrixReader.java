package dev.tollgate.check.authz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.authz.Matrix.Case;
import dev.tollgate.check.authz.Matrix.Decision;
import dev.tollgate.check.authz.Matrix.Explain;
import dev.tollgate.check.authz.Matrix.Request;
import dev.tollgate.check.authz.Matrix.Resource;
import dev.tollgate.check.authz.Matrix.Row;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.SubjectSpec;

/**
 * Reads a matrix file ({@code *.matrix.yaml}) and reports every problem in it at once, each at its
 * {@code file:line:column}, so the suite that uses it stops before anything starts.
 */
final class MatrixReader {

    /** What {@link #read} found: the matrix, or the problems that keep it from being one. */
    record Result(Optional<Matrix> matrix, List<LoadIssue> issues) {
    }

    private static final Set<String> TOP = Set.of("description", "subjects", "groups", "resources", "cases");
    private static final Set<String> RESOURCE = Set.of("create", "body", "as", "id", "read");
    private static final Set<String> CASE = Set.of("request", "body", "expect", "status", "explain");
    private static final Set<String> EXPLAIN = Set.of("action", "resource", "reason");
    private static final Set<String> DECISIONS = Set.of("allow", "deny");
    // Variables a matrix may use besides its resources.
    private static final Set<String> ENGINE_VARIABLES = Set.of("previous", "candidate");
    private static final ObjectMapper SUBJECTS = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final List<LoadIssue> issues = new ArrayList<>();

    private MatrixReader(Path file) {
        this.file = file;
    }

    static Result read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Result(Optional.empty(), List.of(new LoadIssue(new SourcePosition(file, 1, 1),
                    "authz matrix not found: " + file.toAbsolutePath().normalize()
                    + "; 'matrix' is relative to the suite file")));
        }
        try {
            return read(file, Files.readString(file));
        } catch (IOException e) {
            return new Result(Optional.empty(), List.of(new LoadIssue(new SourcePosition(file, 1, 1),
                    "cannot read authz matrix: " + e.getMessage())));
        }
    }

    static Result read(Path file, String text) {
        return new MatrixReader(file).parse(text);
    }

    private Result parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourcePosition at = mark == null ? new SourcePosition(file, 1, 1)
                    : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
            return new Result(Optional.empty(), List.of(new LoadIssue(at, "not valid YAML: " + e.getProblem())));
        }
        if (!(root instanceof MappingNode top)) {
            issue(root == null ? new SourcePosition(file, 1, 1) : at(root),
                    "an authz matrix is a map with cases: (and optionally groups:, resources:, subjects:)");
            return new Result(Optional.empty(), List.copyOf(issues));
        }
        Map<String, Node> keys = keys(top, TOP, "at the top of an authz matrix");
        Map<String, SubjectSpec> subjects = subjects(keys.get("subjects"));
        Map<String, List<String>> groups = groups(keys.get("groups"));
        Map<String, Resource> resources = resources(keys.get("resources"));
        List<Case> cases = cases(keys.get("cases"), top, resources.keySet());
        for (String group : groups.keySet()) {
            if (subjects.containsKey(group)) {
                issue(at(top), "'" + group + "' is both a subject and a group; rename one");
            }
        }
        if (!issues.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(issues));
        }
        return new Result(Optional.of(new Matrix(file, subjects, groups, resources, cases)), List.of());
    }

    private Map<String, SubjectSpec> subjects(Node node) {
        Map<String, SubjectSpec> subjects = new LinkedHashMap<>();
        if (node == null) {
            return subjects;
        }
        if (!(node instanceof MappingNode map)) {
            issue(at(node), "subjects: is a map of name: { token | tokenFile | login | oauth2 | basic | anonymous: true }");
            return subjects;
        }
        for (NodeTuple entry : map.getValue()) {
            String name = key(entry);
            try {
                subjects.put(name, SUBJECTS.convertValue(java(entry.getValueNode()), SubjectSpec.class));
            } catch (IllegalArgumentException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String reason = String.valueOf(root.getMessage());
                issue(at(entry.getValueNode()), "subject '" + name + "': " + reason.lines().findFirst().orElse(reason));
            }
        }
        return subjects;
    }

    private Map<String, List<String>> groups(Node node) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (node == null) {
            return groups;
        }
        if (!(node instanceof MappingNode map)) {
            issue(at(node), "groups: is a map of name: [subject, …]");
            return groups;
        }
        for (NodeTuple entry : map.getValue()) {
            List<String> members = names(entry.getValueNode());
            if (members.isEmpty()) {
                issue(at(entry.getValueNode()), "group '" + key(entry) + "' needs a list of subjects, like [admin, owner]");
            }
            if (key(entry).equals(Matrix.OTHERS)) {
                issue(at(entry.getKeyNode()), "'others' is reserved in expect rows (every subject not named yet); choose another group name");
            }
            groups.put(key(entry), members);
        }
        return groups;
    }

    private Map<String, Resource> resources(Node node) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        if (node == null) {
            return resources;
        }
        if (!(node instanceof MappingNode map)) {
            issue(at(node), "resources: is a map of name: { create: POST /path, as: subject, id: id, read: /path/${name} }");
            return resources;
        }
        for (NodeTuple entry : map.getValue()) {
            String name = key(entry);
            if (!(entry.getValueNode() instanceof MappingNode settings)) {
                issue(at(entry.getValueNode()), "resource '" + name + "' needs { create: POST /path, as: subject }");
                continue;
            }
            Map<String, Node> keys = keys(settings, RESOURCE, "in resource '" + name + "'");
            Request create = request(keys.get("create"), settings, "create", "POST");
            String as = text(keys.get("as"));
            if (as == null) {
                issue(at(settings), "resource '" + name + "' needs 'as': the subject that creates it, like as: admin");
            }
            String read = Optional.ofNullable(text(keys.get("read")))
                    .orElse(create == null ? null : create.path() + "/${" + name + "}");
            if (read != null && !read.contains("${" + name + "}")) {
                issue(at(keys.get("read")), "'read' of resource '" + name + "' must contain ${" + name + "}, where its id goes");
            }
            resources.put(name, new Resource(name, create, java(keys.get("body")), as,
                    Optional.ofNullable(text(keys.get("id"))).orElse("id"), read, at(entry.getKeyNode())));
        }
        return resources;
    }

    private List<Case> cases(Node node, MappingNode top, Set<String> resources) {
        List<Case> cases = new ArrayList<>();
        if (node == null) {
            issue(at(top), "an authz matrix needs cases:, a list of { request: METHOD /path, expect: \"admin: allow; viewer: deny\" }");
            return cases;
        }
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            issue(at(node), "cases: is a non-empty list of { request: METHOD /path, expect: \"admin: allow; viewer: deny\" }");
            return cases;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode map)) {
                issue(at(item), "a case is { request: METHOD /path, expect: \"admin: allow; viewer: deny\" }; found " + found(item));
                continue;
            }
            Map<String, Node> keys = keys(map, CASE, "in a case");
            Request request = request(keys.get("request"), map, "request", null);
            if (request != null) {
                for (String reference : request.references()) {
                    if (!resources.contains(reference) && !ENGINE_VARIABLES.contains(reference) && !reference.contains(".")) {
                        issue(at(keys.get("request")), "${" + reference + "} is not a resource of this matrix"
                                + (resources.isEmpty() ? "; declare it under resources:" : "; resources: "
                                + String.join(", ", new TreeSet<>(resources))));
                    }
                }
            }
            List<Row> expect = expect(keys.get("expect"), map);
            List<Integer> status = status(keys.get("status"));
            Explain explain = explain(keys.get("explain"));
            cases.add(new Case(request, java(keys.get("body")), expect, status, explain, at(item)));
        }
        return cases;
    }

    private Request request(Node node, MappingNode owner, String key, String defaultMethod) {
        String text = text(node);
        if (text == null) {
            issue(node == null ? at(owner) : at(node), "'" + key + "' needs METHOD /path, like "
                    + (defaultMethod == null ? "GET /api/v1/items" : "POST /api/v1/items"));
            return null;
        }
        if (defaultMethod != null && text.startsWith("/")) {
            text = defaultMethod + " " + text;
        }
        try {
            return Request.parse(text);
        } catch (IllegalArgumentException e) {
            issue(at(node), "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** {@code "admin, owner: allow; viewer, anonymous: deny"}, or {@code {allow: [...], deny: [...]}}. */
    private List<Row> expect(Node node, MappingNode owner) {
        List<Row> rows = new ArrayList<>();
        String form = "like expect: \"admin, owner: allow; viewer, anonymous: deny\"";
        if (node == null) {
            issue(at(owner), "a case needs 'expect', " + form);
            return rows;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple entry : map.getValue()) {
                Decision decision = decision(key(entry), entry.getKeyNode());
                List<String> names = names(entry.getValueNode());
                if (names.isEmpty()) {
                    issue(at(entry.getValueNode()), "'" + key(entry) + "' needs a list of subjects or groups");
                }
                if (decision != null) {
                    rows.add(new Row(names, decision));
                }
            }
        } else if (node instanceof ScalarNode scalar) {
            for (String part : scalar.getValue().split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int colon = part.lastIndexOf(':');
                if (colon < 0) {
                    issue(at(node), "'" + part.trim() + "' has no decision; write names: allow or names: deny, " + form);
                    continue;
                }
                Decision decision = decision(part.substring(colon + 1).trim(), node);
                List<String> names = new ArrayList<>();
                for (String name : part.substring(0, colon).split(",")) {
                    if (!name.isBlank()) {
                        names.add(name.trim());
                    }
                }
                if (names.isEmpty()) {
                    issue(at(node), "'" + part.trim() + "' names no subject, " + form);
                }
                if (decision != null) {
                    rows.add(new Row(names, decision));
                }
            }
        } else {
            issue(at(node), "'expect' is a row or a map, " + form + "; found " + found(node));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Row row : rows) {
            for (String name : row.names()) {
                if (!seen.add(name)) {
                    issue(at(node), "'" + name + "' appears twice in expect; give each subject one decision");
                }
            }
        }
        if (rows.isEmpty() && issues.isEmpty()) {
            issue(at(node), "'expect' names nobody, " + form);
        }
        return rows;
    }

    private Decision decision(String word, Node at) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!DECISIONS.contains(lower)) {
            issue(at(at), "unknown decision '" + word + "'; write allow or deny");
            return null;
        }
        return Decision.valueOf(lower.toUpperCase(Locale.ROOT));
    }

    private List<Integer> status(Node node) {
        if (node == null) {
            return null;
        }
        List<Integer> codes = new ArrayList<>();
        List<Node> items = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        for (Node item : items) {
            String text = text(item);
            if (text == null || !text.matches("[1-5]\\d\\d")) {
                issue(at(item), "'status' is the documented success status, like 200 or [200, 204]; found " + found(item));
            } else {
                codes.add(Integer.parseInt(text));
            }
        }
        return codes;
    }

    private Explain explain(Node node) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof MappingNode map)) {
            issue(at(node), "'explain' is { action: delete, resource: missions, reason: regex }");
            return null;
        }
        Map<String, Node> keys = keys(map, EXPLAIN, "in explain");
        String action = text(keys.get("action"));
        String resource = text(keys.get("resource"));
        if (action == null || resource == null) {
            issue(at(node), "'explain' needs action and resource, like { action: delete, resource: missions }");
        }
        return new Explain(action, resource, text(keys.get("reason")));
    }

    // ---- YAML helpers ----

    private Map<String, Node> keys(MappingNode map, Set<String> valid, String where) {
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

    private List<String> names(Node node) {
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

    private static String key(NodeTuple entry) {
        return entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(entry.getKeyNode());
    }

    private static String text(Node node) {
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
            return list.getValue().stream().map(MatrixReader::java).toList();
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

    private static String found(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node == null ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    private SourcePosition at(Node node) {
        Mark mark = node.getStartMark();
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private void issue(SourcePosition position, String message) {
        issues.add(new LoadIssue(position, message));
    }
}

package dev.tollgate.check.authz;

import static dev.tollgate.check.authz.MatrixNodes.java;
import static dev.tollgate.check.authz.MatrixNodes.key;
import static dev.tollgate.check.authz.MatrixNodes.text;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.authz.Matrix.Case;
import dev.tollgate.check.authz.Matrix.Request;
import dev.tollgate.check.authz.Matrix.Resource;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.SubjectSpec;

/**
 * Reads a matrix file ({@code *.matrix.yaml}) and reports every problem in it at once, each at its
 * {@code file:line:column}, so the suite that uses it stops before anything starts: the top level,
 * subjects, groups and resources here, the cases by {@link CaseReader}, the YAML values by {@link MatrixNodes}.
 */
final class MatrixReader {

    /** What {@link #read} found: the matrix, or the problems that keep it from being one. */
    record Result(Optional<Matrix> matrix, List<LoadIssue> issues) {
    }

    private static final Set<String> TOP = Set.of("description", "subjects", "groups", "resources", "cases");
    private static final Set<String> RESOURCE = Set.of("create", "body", "as", "id", "read");
    private static final ObjectMapper SUBJECTS = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MatrixNodes nodes;
    private final CaseReader cases;

    private MatrixReader(Path file) {
        this.nodes = new MatrixNodes(file);
        this.cases = new CaseReader(nodes);
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
            SourcePosition at = mark == null ? nodes.start()
                    : new SourcePosition(nodes.file(), mark.getLine() + 1, mark.getColumn() + 1);
            return new Result(Optional.empty(), List.of(new LoadIssue(at, "not valid YAML: " + e.getProblem())));
        }
        if (!(root instanceof MappingNode top)) {
            nodes.issue(root == null ? nodes.start() : nodes.at(root),
                    "an authz matrix is a map with cases: (and optionally groups:, resources:, subjects:)");
            return new Result(Optional.empty(), nodes.issues());
        }
        Map<String, Node> keys = nodes.keys(top, TOP, "at the top of an authz matrix");
        Map<String, SubjectSpec> subjects = subjects(keys.get("subjects"));
        Map<String, List<String>> groups = groups(keys.get("groups"));
        Map<String, Resource> resources = resources(keys.get("resources"));
        List<Case> read = cases.cases(keys.get("cases"), top, resources.keySet());
        for (String group : groups.keySet()) {
            if (subjects.containsKey(group)) {
                nodes.issue(nodes.at(top), "'" + group + "' is both a subject and a group; rename one");
            }
        }
        if (!nodes.issues().isEmpty()) {
            return new Result(Optional.empty(), nodes.issues());
        }
        return new Result(Optional.of(new Matrix(nodes.file(), subjects, groups, resources, read)), List.of());
    }

    private Map<String, SubjectSpec> subjects(Node node) {
        Map<String, SubjectSpec> subjects = new LinkedHashMap<>();
        if (node == null) {
            return subjects;
        }
        if (!(node instanceof MappingNode map)) {
            nodes.issue(nodes.at(node),
                    "subjects: is a map of name: { token | tokenFile | login | oauth2 | basic | anonymous: true }");
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
                nodes.issue(nodes.at(entry.getValueNode()), "subject '" + name + "': " + reason.lines().findFirst().orElse(reason));
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
            nodes.issue(nodes.at(node), "groups: is a map of name: [subject, …]");
            return groups;
        }
        for (NodeTuple entry : map.getValue()) {
            List<String> members = nodes.names(entry.getValueNode());
            if (members.isEmpty()) {
                nodes.issue(nodes.at(entry.getValueNode()),
                        "group '" + key(entry) + "' needs a list of subjects, like [admin, owner]");
            }
            if (key(entry).equals(Matrix.OTHERS)) {
                nodes.issue(nodes.at(entry.getKeyNode()),
                        "'others' is reserved in expect rows (every subject not named yet); choose another group name");
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
            nodes.issue(nodes.at(node),
                    "resources: is a map of name: { create: POST /path, as: subject, id: id, read: /path/${name} }");
            return resources;
        }
        for (NodeTuple entry : map.getValue()) {
            String name = key(entry);
            if (!(entry.getValueNode() instanceof MappingNode settings)) {
                nodes.issue(nodes.at(entry.getValueNode()), "resource '" + name + "' needs { create: POST /path, as: subject }");
                continue;
            }
            Map<String, Node> keys = nodes.keys(settings, RESOURCE, "in resource '" + name + "'");
            Request create = cases.request(keys.get("create"), settings, "create", "POST");
            String as = text(keys.get("as"));
            if (as == null) {
                nodes.issue(nodes.at(settings), "resource '" + name + "' needs 'as': the subject that creates it, like as: admin");
            }
            String read = Optional.ofNullable(text(keys.get("read")))
                    .orElse(create == null ? null : create.path() + "/${" + name + "}");
            if (read != null && !read.contains("${" + name + "}")) {
                nodes.issue(nodes.at(keys.get("read")),
                        "'read' of resource '" + name + "' must contain ${" + name + "}, where its id goes");
            }
            resources.put(name, new Resource(name, create, java(keys.get("body")), as,
                    Optional.ofNullable(text(keys.get("id"))).orElse("id"), read, nodes.at(entry.getKeyNode())));
        }
        return resources;
    }
}

package dev.tollgate.check.authz;

import static dev.tollgate.check.authz.MatrixNodes.found;
import static dev.tollgate.check.authz.MatrixNodes.java;
import static dev.tollgate.check.authz.MatrixNodes.key;
import static dev.tollgate.check.authz.MatrixNodes.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.tollgate.check.authz.Matrix.Case;
import dev.tollgate.model.AuthzCase.Decision;
import dev.tollgate.check.authz.Matrix.Explain;
import dev.tollgate.check.authz.Matrix.Request;
import dev.tollgate.check.authz.Matrix.Row;

/**
 * Reads a matrix's {@code cases:}: each case's request, who must be allowed and who denied
 * ({@code expect}), the documented success status and what the explain endpoint must say.
 */
final class CaseReader {

    private static final Set<String> CASE = Set.of("request", "body", "expect", "status", "explain");
    private static final Set<String> EXPLAIN = Set.of("action", "resource", "reason");
    private static final Set<String> DECISIONS = Set.of("allow", "deny");
    // Variables a matrix may use besides its resources.
    private static final Set<String> ENGINE_VARIABLES = Set.of("previous", "candidate");

    private final MatrixNodes nodes;

    CaseReader(MatrixNodes nodes) {
        this.nodes = nodes;
    }

    List<Case> cases(Node node, MappingNode top, Set<String> resources) {
        List<Case> cases = new ArrayList<>();
        if (node == null) {
            nodes.issue(nodes.at(top),
                    "an authz matrix needs cases:, a list of { request: METHOD /path, expect: \"admin: allow; viewer: deny\" }");
            return cases;
        }
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            nodes.issue(nodes.at(node),
                    "cases: is a non-empty list of { request: METHOD /path, expect: \"admin: allow; viewer: deny\" }");
            return cases;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode map)) {
                nodes.issue(nodes.at(item),
                        "a case is { request: METHOD /path, expect: \"admin: allow; viewer: deny\" }; found " + found(item));
                continue;
            }
            Map<String, Node> keys = nodes.keys(map, CASE, "in a case");
            Request request = request(keys.get("request"), map, "request", null);
            if (request != null) {
                for (String reference : request.references()) {
                    if (!resources.contains(reference) && !ENGINE_VARIABLES.contains(reference) && !reference.contains(".")) {
                        nodes.issue(nodes.at(keys.get("request")), "${" + reference + "} is not a resource of this matrix"
                                + (resources.isEmpty() ? "; declare it under resources:" : "; resources: "
                                + String.join(", ", new TreeSet<>(resources))));
                    }
                }
            }
            List<Row> expect = expect(keys.get("expect"), map);
            List<Integer> status = status(keys.get("status"));
            Explain explain = explain(keys.get("explain"));
            cases.add(new Case(request, java(keys.get("body")), expect, status, explain, nodes.at(item)));
        }
        return cases;
    }

    Request request(Node node, MappingNode owner, String key, String defaultMethod) {
        String text = text(node);
        if (text == null) {
            nodes.issue(node == null ? nodes.at(owner) : nodes.at(node), "'" + key + "' needs METHOD /path, like "
                    + (defaultMethod == null ? "GET /api/v1/items" : "POST /api/v1/items"));
            return null;
        }
        if (defaultMethod != null && text.startsWith("/")) {
            text = defaultMethod + " " + text;
        }
        try {
            return Request.parse(text);
        } catch (IllegalArgumentException e) {
            nodes.issue(nodes.at(node), "'" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** {@code "admin, owner: allow; viewer, anonymous: deny"}, or {@code {allow: [...], deny: [...]}}. */
    private List<Row> expect(Node node, MappingNode owner) {
        List<Row> rows = new ArrayList<>();
        String form = "like expect: \"admin, owner: allow; viewer, anonymous: deny\"";
        if (node == null) {
            nodes.issue(nodes.at(owner), "a case needs 'expect', " + form);
            return rows;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple entry : map.getValue()) {
                Decision decision = decision(key(entry), entry.getKeyNode());
                List<String> names = nodes.names(entry.getValueNode());
                if (names.isEmpty()) {
                    nodes.issue(nodes.at(entry.getValueNode()), "'" + key(entry) + "' needs a list of subjects or groups");
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
                    nodes.issue(nodes.at(node), "'" + part.trim() + "' has no decision; write names: allow or names: deny, " + form);
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
                    nodes.issue(nodes.at(node), "'" + part.trim() + "' names no subject, " + form);
                }
                if (decision != null) {
                    rows.add(new Row(names, decision));
                }
            }
        } else {
            nodes.issue(nodes.at(node), "'expect' is a row or a map, " + form + "; found " + found(node));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Row row : rows) {
            for (String name : row.names()) {
                if (!seen.add(name)) {
                    nodes.issue(nodes.at(node), "'" + name + "' appears twice in expect; give each subject one decision");
                }
            }
        }
        if (rows.isEmpty() && nodes.issues().isEmpty()) {
            nodes.issue(nodes.at(node), "'expect' names nobody, " + form);
        }
        return rows;
    }

    private Decision decision(String word, Node at) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!DECISIONS.contains(lower)) {
            nodes.issue(nodes.at(at), "unknown decision '" + word + "'; write allow or deny");
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
                nodes.issue(nodes.at(item), "'status' is the documented success status, like 200 or [200, 204]; found " + found(item));
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
            nodes.issue(nodes.at(node), "'explain' is { action: delete, resource: missions, reason: regex }");
            return null;
        }
        Map<String, Node> keys = nodes.keys(map, EXPLAIN, "in explain");
        String action = text(keys.get("action"));
        String resource = text(keys.get("resource"));
        if (action == null || resource == null) {
            nodes.issue(nodes.at(node), "'explain' needs action and resource, like { action: delete, resource: missions }");
        }
        return new Explain(action, resource, text(keys.get("reason")));
    }
}

package dev.tollgate.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;

/** The audit log for admins, and the authorization explainer for any authenticated caller. */
final class AdminRoutes {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final Guard guard;
    private final AuditLog audit;

    AdminRoutes(Guard guard, AuditLog audit) {
        this.guard = guard;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/admin/audit", this::audit)
                .add("GET", "/api/v1/authz/explain", this::explain);
    }

    private void audit(Exchange exchange, Matcher path) throws Exception {
        guard.authorize(exchange, Policy.AUDIT, "read", "admin/audit");
        int limit = limit(exchange.query("limit").orElse(null));
        ArrayNode entries = Json.MAPPER.createArrayNode();
        for (AuditEntry entry : audit.recent(limit)) {
            ObjectNode node = entries.addObject();
            node.put("id", entry.id());
            node.put("at", entry.at().toString());
            node.put("requestId", entry.requestId());
            node.put("subject", entry.subject());
            node.put("action", entry.action());
            node.put("resource", entry.resource());
            node.put("outcome", entry.outcome());
        }
        exchange.json(200, entries);
    }

    /** Explains the caller's own permission; it never reveals another subject's. */
    private void explain(Exchange exchange, Matcher path) throws Exception {
        Subject caller = guard.authenticate(exchange, "authz.explain", "authz");
        String action = exchange.query("action").orElse("");
        String resource = exchange.query("resource").orElse("");
        Policy policy = guard.policy();
        if (!policy.knows(action, resource)) {
            throw ApiException.badRequest("unknown action '" + action + "' on resource '" + resource
                    + "'; known: " + policy.vocabulary());
        }
        Decision decision = policy.decide(caller.role(), action, resource);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("subject", caller.name());
        body.put("role", caller.role().label());
        body.put("action", action);
        body.put("resource", resource);
        body.put("decision", decision.label());
        body.put("reason", decision.reason());
        exchange.json(200, body);
    }

    private static int limit(String text) throws ApiException {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ApiException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }
}

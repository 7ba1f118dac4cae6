package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * How a profile's service answers authorization questions, for {@code authz} matrices:
 *
 * <pre>
 * authz:
 *   deny: [401, 403]                   # what a denial may answer (the default)
 *   audit:                             # optional: a denial must leave an audit row
 *     sql: select count(*) from audit_log where request_id = ${requestId} and outcome = 'denied'
 *   explain:                           # optional: the service's own explanation of a decision
 *     path: /api/v1/authz/explain?action=${action}&amp;resource=${resource}
 *     decision: decision               # JSON path of allow / deny
 *     reason: reason                   # JSON path of the reason
 *   routes: [GET /api/v1/missions, DELETE /api/v1/missions/{id}]   # or openapi: openapi.yaml
 *   requireFullCoverage: true          # a route × subject no case covers fails the matrix
 * </pre>
 *
 * @param deny                statuses that count as a denial; default 401 and 403
 * @param audit               how to find the audit row of a denied request, if the service keeps one
 * @param explain             the explain endpoint, if the service has one
 * @param routes              the service's routes, {@code METHOD /path/{param}}
 * @param openapi             an OpenAPI document listing the routes, relative to the profile file
 * @param requireFullCoverage whether uncovered route × subject pairs fail a matrix
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AuthzSpec(List<Integer> deny, AuditSpec audit, ExplainSpec explain, List<String> routes, String openapi,
        Boolean requireFullCoverage) {

    public AuthzSpec {
        deny = deny == null || deny.isEmpty() ? List.of(401, 403) : List.copyOf(deny);
        routes = routes == null ? List.of() : List.copyOf(routes);
        requireFullCoverage = requireFullCoverage != null && requireFullCoverage;
    }

    public static AuthzSpec defaults() {
        return new AuthzSpec(null, null, null, null, null, null);
    }

    /**
     * Where a denial is recorded: a SQL query counting the rows of {@code ${requestId}} (bound as a
     * parameter), or an API whose JSON answer lists entries with the request id.
     *
     * @param sql          a query returning a count; {@code ${requestId}} is bound, never spliced
     * @param path         an API path listing recent entries (used when {@code sql} is absent)
     * @param as           the subject that may read it
     * @param requestIdField the field of an entry that holds the request id; default {@code requestId}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record AuditSpec(String sql, String path, String as, String requestIdField) {

        public AuditSpec {
            if ((sql == null) == (path == null)) {
                throw new IllegalArgumentException("audit takes either sql or path (with as)");
            }
            requestIdField = requestIdField == null ? "requestId" : requestIdField;
        }
    }

    /**
     * An explain endpoint, asked as each subject: {@code ${action}} and {@code ${resource}} come from
     * the case.
     *
     * @param path     the request path with its query
     * @param decision JSON path of the decision; default {@code decision}
     * @param reason   JSON path of the reason (code); default {@code reason}
     * @param allow    the value that means allowed; default {@code allow}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record ExplainSpec(String path, String decision, String reason, String allow) {

        public ExplainSpec {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("explain needs a path");
            }
            decision = decision == null ? "decision" : decision;
            reason = reason == null ? "reason" : reason;
            allow = allow == null ? "allow" : allow;
        }
    }
}

package dev.tollgate.sample;

import java.util.Map;

/**
 * Authentication and authorization for one request, and the audit rows they owe: one per denial,
 * and one per mutation whatever its outcome.
 */
final class Guard {

    @FunctionalInterface
    interface Mutation {
        /** Performs the change and returns the resource it touched, as the audit row should name it. */
        String perform(Subject subject) throws Exception;
    }

    private final Subjects subjects;
    private final Policy policy;
    private final AuditLog audit;

    Guard(Subjects subjects, Policy policy, AuditLog audit) {
        this.subjects = subjects;
        this.policy = policy;
        this.audit = audit;
    }

    Policy policy() {
        return policy;
    }

    /** The caller, or a 401 (audited) when there is no token or an unknown one. */
    Subject authenticate(Exchange exchange, String auditAction, String target) throws ApiException {
        String token = exchange.bearerToken().orElse(null);
        Subject subject = token == null ? null : subjects.authenticate(token).orElse(null);
        if (subject == null) {
            audit.record(exchange.requestId(), null, auditAction, target, AuditEntry.DENIED);
            throw new ApiException(401, token == null ? "authentication required: send Authorization: Bearer <token>"
                    : "unknown bearer token", Map.of("WWW-Authenticate",
                    token == null ? "Bearer" : "Bearer error=\"invalid_token\""));
        }
        return subject;
    }

    /** The caller, if its role may do {@code action} on {@code resource}; else a 401 or 403 (audited). */
    Subject authorize(Exchange exchange, String resource, String action, String target) throws ApiException {
        String auditAction = resource + "." + action;
        Subject subject = authenticate(exchange, auditAction, target);
        Decision decision = policy.decide(subject.role(), action, resource);
        if (!decision.allowed()) {
            audit.record(exchange.requestId(), subject, auditAction, target, AuditEntry.DENIED);
            throw new ApiException(403, "forbidden: " + decision.reason());
        }
        return subject;
    }

    /** Authorizes, performs the change, and audits it as allowed, or as error if it failed. */
    void mutate(Exchange exchange, String resource, String action, String target, Mutation mutation) throws Exception {
        Subject subject = authorize(exchange, resource, action, target);
        String auditAction = resource + "." + action;
        String touched;
        try {
            touched = mutation.perform(subject);
        } catch (Exception e) {
            audit.record(exchange.requestId(), subject, auditAction, target, AuditEntry.ERROR);
            throw e;
        }
        audit.record(exchange.requestId(), subject, auditAction, touched, AuditEntry.ALLOWED);
    }
}

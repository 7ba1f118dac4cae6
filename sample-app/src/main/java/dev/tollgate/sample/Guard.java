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

    private final Authenticator authenticator;
    private final Policy policy;
    private final AuditLog audit;

    Guard(Authenticator authenticator, Policy policy, AuditLog audit) {
        this.authenticator = authenticator;
        this.policy = policy;
        this.audit = audit;
    }

    Policy policy() {
        return policy;
    }

    /** The caller, or a 401 (audited) when there are no credentials (of this deployment's shape) or unknown ones. */
    Subject authenticate(Exchange exchange, String auditAction, String target) throws ApiException {
        Subject subject = authenticator.subject(exchange).orElse(null);
        if (subject == null) {
            boolean presented = authenticator.presented(exchange);
            audit.record(exchange.requestId(), null, auditAction, target, AuditEntry.DENIED);
            throw new ApiException(401, !presented ? authenticator.challenge()
                    : authenticator.mode() == Authenticator.Mode.BEARER ? "unknown bearer token" : "invalid credentials",
                    Map.of("WWW-Authenticate", !presented ? authenticator.scheme()
                            : authenticator.scheme() + " error=\"invalid_token\""));
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

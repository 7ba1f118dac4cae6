package dev.tollgate.sample;

import java.time.Instant;

/** One row of the append-only audit_log. */
record AuditEntry(long id, Instant at, String requestId, String subject, String action, String resource,
                  String outcome) {

    static final String ALLOWED = "allowed";
    static final String DENIED = "denied";
    static final String ERROR = "error";
}

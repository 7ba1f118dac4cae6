package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One case of an authorization matrix as it came out: a request sent as one subject, the decision
 * the matrix expected and what the service answered ({@code authz} check). The release-readiness
 * report ({@code reports} module) lists the cases that went {@link Outcome#WRONG} from these, never
 * from the check's message; the gate decides the authorization area from the check's status.
 *
 * @param subject  who the request was sent as ({@code viewer})
 * @param request  the request as the matrix writes it ({@code DELETE /api/v1/missions/${mission}})
 * @param position where the matrix declares the case; {@code null} when unknown
 * @param expected the decision the matrix expects
 * @param answered the status the request got, or 0 when it got none
 * @param outcome  whether the service decided as expected
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record AuthzCase(String subject, String request, SourcePosition position, Decision expected, int answered,
        Outcome outcome) {

    /** What a matrix expects of a case. */
    @API(status = EXPERIMENTAL, since = "0.2")
    public enum Decision {
        /** The documented success status. */
        ALLOW,
        /** One of the profile's denial statuses, the resource unchanged. */
        DENY
    }

    /** How a case came out. */
    @API(status = EXPERIMENTAL, since = "0.2")
    public enum Outcome {
        /** The service decided as the matrix expects, with every proof asked for. */
        AS_EXPECTED,
        /** The service decided otherwise (or a proof failed): an authorization defect. */
        WRONG,
        /** The case could not be carried out (no answer, a resource not created): no decision seen. */
        NOT_CARRIED_OUT
    }

    public AuthzCase {
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(expected, "expected must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
    }
}

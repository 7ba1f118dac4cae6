package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How the service correlates a request with what it logs and audits:
 *
 * <pre>
 * requestId: { header: x-correlation-id }
 * </pre>
 *
 * Every request Tollgate sends carries a fresh id in this header; the authz audit lookup asks for
 * it, and a 5xx is explained by what the service logged for it.
 *
 * @param header the header name; default {@code X-Request-Id}
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record RequestIdSpec(String header) {

    public static final String DEFAULT_HEADER = "X-Request-Id";

    public RequestIdSpec {
        header = header == null || header.isBlank() ? DEFAULT_HEADER : header.strip();
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new IllegalArgumentException("requestId.header '" + header + "' is not a valid HTTP header name");
        }
    }

    public static RequestIdSpec defaults() {
        return new RequestIdSpec(null);
    }
}

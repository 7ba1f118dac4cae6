package dev.tollgate.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * The one exception root of Tollgate. Its message is written for the person at the terminal: what
 * happened, to what, and how to fix it, so callers print {@link #getMessage()} and nothing else.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class TollgateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public TollgateException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public TollgateException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message must not be null"), cause);
        this.code = Objects.requireNonNull(code, "code must not be null");
    }

    public ErrorCode code() {
        return code;
    }
}

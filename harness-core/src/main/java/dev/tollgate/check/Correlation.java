package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The header requests are correlated by ({@code requestId.header} of the profile): every request
 * Tollgate sends carries a fresh id in it, the authz audit lookup asks for it, a 5xx is explained by
 * what the service logged for it. Set once per run, before anything is sent.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Correlation {

    private static volatile String header = "X-Request-Id";

    private Correlation() {
    }

    /** INTERNAL: the engine sets it from the profile once per run, before anything is sent; plug-ins read {@link #header()}. */
    @API(status = INTERNAL, since = "0.2")
    public static void by(String name) {
        header = name;
    }

    public static String header() {
        return header;
    }
}

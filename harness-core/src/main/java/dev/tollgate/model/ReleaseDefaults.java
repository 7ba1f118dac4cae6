package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The releases a profile rehearses when a run names none ({@code defaults:} in a profile): the one
 * in production and the one about to ship. A run that names neither, on a profile without
 * defaults, stops before anything starts, naming the option to give.
 *
 * <pre>{@code
 * defaults: { previous: 1.0.0, candidate: 1.1.0 }
 * }</pre>
 *
 * @param previous the release in production, or null
 * @param candidate the release about to ship, or null
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record ReleaseDefaults(String previous, String candidate) {

    /** No defaults: every run names its releases. */
    public static final ReleaseDefaults NONE = new ReleaseDefaults(null, null);

    public ReleaseDefaults {
        previous = blank(previous) ? null : previous.strip();
        candidate = blank(candidate) ? null : candidate.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

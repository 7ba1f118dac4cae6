package dev.tollgate.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Breaks each rule of {@link PublicApiTest} once, so the test sees each rule fail: public without
 * {@code @API}; a public-API type outside the public surface; and one that shows an internal type in a
 * signature (beside a member marked INTERNAL, which may).
 */
public final class PublicApiViolations {

    private PublicApiViolations() {
    }

    /** Public API in a package that is not part of the surface, showing an internal type. */
    @API(status = EXPERIMENTAL, since = "0.2")
    public static final class Exposing {

        public Hidden hidden() {
            return new Hidden();
        }

        /** Allowed: the member itself is marked INTERNAL. */
        @API(status = INTERNAL, since = "0.2")
        public Hidden allowed() {
            return new Hidden();
        }
    }

    /** What a plug-in must never have to touch. */
    @API(status = INTERNAL, since = "0.2")
    public static final class Hidden {
    }
}

package dev.tollgate.runtime.compose;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;

import org.apiguardian.api.API;

/**
 * One thing wrong (or worth knowing) about a compose profile's compose file, as {@link ComposeFileCheck}
 * finds it: which file, which service, what, and how to fix it.
 *
 * @param severity ERROR when a run would fail or judge the wrong thing, WARNING when it works but differently
 * @param kind     what was found, for callers that act on it
 * @param file     the compose file
 * @param service  the compose service it is about
 * @param problem  what was found, for people
 * @param fix      what to change
 */
@API(status = INTERNAL, since = "0.2")
public record ComposeFinding(Severity severity, Kind kind, Path file, String service, String problem, String fix) {

    /** Whether the run can go ahead. */
    public enum Severity { ERROR, WARNING }

    /** What a finding is about. */
    public enum Kind {
        /** A service the profile's {@code compose:} section names is not in the compose file. */
        UNKNOWN_SERVICE,
        /** A release service's {@code image:} does not change with the release variable. */
        IMAGE_IGNORES_RELEASE,
        /** A port the harness must reach is not published on loopback. */
        PORT_NOT_PUBLISHED,
        /** A port is published on every interface, not only on loopback. */
        PORT_NOT_LOOPBACK,
        /** A release service declares no container healthcheck. */
        NO_HEALTHCHECK
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error: " : "warning: ") + file + ": service '" + service + "': " + problem
                + " Fix: " + fix;
    }
}

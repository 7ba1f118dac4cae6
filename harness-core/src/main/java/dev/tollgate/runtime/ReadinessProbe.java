package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apiguardian.api.API;

/** Decides when a freshly started release is up. Small strategy objects, like Testcontainers' wait strategies. */
@API(status = INTERNAL, since = "0.1")
public interface ReadinessProbe {

    /** The default: GET the path until the service answers with any status, for at most {@code timeout}. */
    static ReadinessProbe http(String path, Duration timeout) {
        return new HttpReadinessProbe(path, timeout);
    }

    /**
     * Waits until the service is up.
     *
     * @throws dev.tollgate.api.TollgateException when it exits or does not come up in time, naming
     *         what was awaited and quoting the end of the service's log
     */
    void await(ProbeTarget target);

    /** What a probe needs to know about the service it waits for. */
    interface ProbeTarget {
        String describe();

        java.net.URI baseUri();

        boolean isAlive();

        java.util.OptionalInt exitCode();

        String logTail();

        java.nio.file.Path logFile();
    }
}

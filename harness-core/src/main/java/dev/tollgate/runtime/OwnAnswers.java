package dev.tollgate.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ServiceSpec;

/**
 * Waits for a release the local runtime started to answer its health endpoint, and tells its own
 * answer from another process's on the same port ({@link PortOwner}).
 */
final class OwnAnswers {

    private final Profile profile;
    private final Progress progress;
    // That ownership cannot be told here is said once per run, not at every start.
    private final AtomicBoolean untold = new AtomicBoolean();

    OwnAnswers(Profile profile, Progress progress) {
        this.profile = profile;
        this.progress = progress;
    }

    /**
     * Waits until the release answers, and makes sure the answer was its own: on Linux the socket
     * listening on its port must belong to it or its children. Another process on the port (it took
     * the port between Tollgate choosing it and the release binding it) is the environment's fault,
     * never the release's: INCONCLUSIVE, naming that process.
     */
    void await(ServiceProcess process) {
        ServiceSpec spec = profile.service();
        int port = process.baseUri().getPort();
        try {
            ReadinessProbe.http(healthAddress(process), spec.startTimeout()).await(process);
        } catch (TollgateException e) {
            if (e.code() == ErrorCode.RUNTIME_SERVICE_EXITED
                    && PortOwner.of(port, process.handle()) instanceof PortOwner.Other other) {
                throw portTaken(process, port, other, "the release exited (it could not bind it?)", e);
            }
            throw e;
        }
        PortOwner.Ownership ownership = PortOwner.of(port, process.handle());
        if (ownership instanceof PortOwner.Other other) {
            throw portTaken(process, port, other, "it answered GET " + spec.health() + ", not the release", null);
        }
        if (ownership instanceof PortOwner.Unknown unknown && untold.compareAndSet(false, true)) {
            progress.report("whether an answer comes from the process Tollgate started cannot be told here: " + unknown.why());
        }
    }

    private TollgateException portTaken(ServiceProcess process, int port, PortOwner.Other other, String what, Throwable cause) {
        String holder = other.pid() == 0 ? "another process " + other.command() : "pid " + other.pid() + " (" + other.command() + ")";
        return new TollgateException(ErrorCode.RUNTIME_PORT_IN_USE, "Port " + port + " chosen for " + process.describe()
                + " is held by " + holder + ": " + what + ". Another program took the port between Tollgate choosing it and"
                + " the release binding it, so this start says nothing about the release. Run again, or set service.port in "
                + profile.describe() + " to a port nothing else uses.", cause);
    }

    /** The health endpoint to wait for: on the profile's health port (a management port) when it names one. */
    private String healthAddress(ServiceProcess process) {
        ServiceSpec spec = profile.service();
        return spec.healthPort() == null ? spec.health() : process.baseUri(spec.healthPort()).resolve(spec.health()).toString();
    }
}

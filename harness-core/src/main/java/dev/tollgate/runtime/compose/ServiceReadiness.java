package dev.tollgate.runtime.compose;

import java.net.URI;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.runtime.ReadinessProbe;

/**
 * When a container of a release counts as up: its container healthcheck, where the compose file
 * declares one, and in every case the profile's health (then ready) endpoint answering from that
 * very container. A container without a healthcheck counts as healthy as soon as it runs, long
 * before the service in it has migrated and listens.
 */
final class ServiceReadiness {

    private static final java.time.Duration ANSWER = java.time.Duration.ofSeconds(2);

    private ServiceReadiness() {
    }

    /**
     * Waits until {@code container} is up.
     *
     * @param port the container port the service listens on ({@code compose.port})
     */
    static void await(DockerEngine docker, String what, String container, PhaseLog log, ServiceSpec service, int port) {
        ContainerHealth.await(docker, what, container, log, service.startTimeout(), sameQuestion(docker, container));
        String address = docker.address(container, port).orElseThrow(() -> new TollgateException(
                ErrorCode.RUNTIME_COMPOSE_FAILED, what + ": its container " + container + " has no address on a network and"
                        + " does not publish port " + port + ", so its health endpoint cannot be asked."));
        ContainerTarget target = new ContainerTarget(what, URI.create("http://" + address + "/"), container, docker, log);
        ReadinessProbe.http(service.health(), service.startTimeout()).await(target);
        if (service.ready() != null && !service.ready().equals(service.health())) {
            ReadinessProbe.http(service.ready(), service.startTimeout()).await(target);
        }
    }

    /** The container's health check, when it is a plain GET on its loopback, asked from here ({@link HealthcheckEquivalent}). */
    private static java.util.Optional<java.util.function.BooleanSupplier> sameQuestion(DockerEngine docker, String container) {
        return HealthcheckEquivalent.of(docker.healthcheckTest(container))
                .filter(HealthcheckEquivalent.HttpGet.class::isInstance).map(HealthcheckEquivalent.HttpGet.class::cast)
                .map(get -> () -> {
                    try {
                        java.util.Optional<String> address = docker.address(container, get.port());
                        return address.isPresent() && get.accepts(dev.tollgate.runtime.ProbeHttp.get(URI.create("http://"
                                + address.get() + get.pathAndQuery()), java.util.Map.of(), ANSWER, ANSWER).status());
                    } catch (java.io.IOException | RuntimeException e) {
                        return false;  // not yet: Docker's own check, or this one's next attempt, says when
                    }
                });
    }
}
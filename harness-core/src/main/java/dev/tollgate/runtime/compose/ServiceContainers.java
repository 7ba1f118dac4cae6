package dev.tollgate.runtime.compose;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * The containers compose made for the services of one project, and where this machine reaches
 * their ports: through the Docker API, the compose CLI only when the API does not say.
 */
record ServiceContainers(DockerEngine docker, ComposeProject project) {

    /** The container of {@code service} (not a one-off); fails when it has none after {@code up}. */
    String of(String service) {
        return docker.serviceContainer(project.name(), service).or(() -> project.containerId(service))
                .orElseThrow(() -> new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "Service '" + service
                        + "' of compose project " + project.name() + " has no container after 'up'."));
    }

    /** Where this machine reaches {@code port} of the service's {@code container}, as {@code host:port}. */
    String publishedPort(String service, String container, int port) {
        return docker.publishedPort(container, port).orElseGet(() -> project.publishedPort(service, port));
    }
}

package dev.tollgate.system;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.apiguardian.api.API;

import dev.tollgate.model.Release;

/**
 * A release that is up and answering.
 *
 * @param release what was deployed
 * @param baseUri where it answers HTTP
 * @param logFile     its output during this deployment (the phase's evidence)
 * @param environment the environment variables it was started with, so {@code exec} checks can run
 *                    commands in the same environment; values may be secrets, never report them
 * @param ports       where it answers on each named port of {@code service.ports} ({@code management})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunningService(Release release, URI baseUri, Path logFile, Map<String, String> environment,
        Map<String, URI> ports) {

    public RunningService {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        ports = ports == null ? Map.of() : Map.copyOf(ports);
    }

    public RunningService(Release release, URI baseUri, Path logFile, Map<String, String> environment) {
        this(release, baseUri, logFile, environment, Map.of());
    }

    /**
     * {@code path} on the named port, or on the main one when {@code port} is null.
     *
     * @throws IllegalArgumentException naming the ports there are, when the service has no such port
     */
    public URI resolve(String port, String path) {
        if (port == null || port.isBlank()) {
            return resolve(path);
        }
        URI base = ports.get(port);
        if (base == null) {
            throw new IllegalArgumentException("the service has no port '" + port + "'; its named ports: "
                    + (ports.isEmpty() ? "none (declare them in the profile: service: { ports: [" + port + "] })"
                    : String.join(", ", new java.util.TreeSet<>(ports.keySet()))));
        }
        return base.resolve(path);
    }

    public URI resolve(String path) {
        return baseUri.resolve(path);
    }
}

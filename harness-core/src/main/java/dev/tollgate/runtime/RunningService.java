package dev.tollgate.runtime;

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
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunningService(Release release, URI baseUri, Path logFile, Map<String, String> environment) {

    public RunningService {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public URI resolve(String path) {
        return baseUri.resolve(path);
    }
}

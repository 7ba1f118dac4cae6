package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.nio.file.Path;

import org.apiguardian.api.API;

import dev.tollgate.model.Release;

/**
 * A release that is up and answering.
 *
 * @param release what was deployed
 * @param baseUri where it answers HTTP
 * @param logFile its output during this deployment (the phase's evidence)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunningService(Release release, URI baseUri, Path logFile) {

    public URI resolve(String path) {
        return baseUri.resolve(path);
    }
}

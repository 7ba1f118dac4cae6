package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The image a container of a release ran, as the Docker engine reported it after the release was
 * deployed: what the verdict was decided on, for runtimes whose releases are images.
 *
 * @param release   the release id
 * @param service   the compose service that ran it
 * @param reference the image as the compose file names it ({@code tollgate/sample-app:1.1.0})
 * @param id        the image id ({@code sha256:…}), which names the exact bits
 * @param digests   its registry digests ({@code name@sha256:…}); empty for an image built here and never pushed
 */
@API(status = INTERNAL, since = "0.2")
public record DeployedImage(String release, String service, String reference, String id, List<String> digests) {

    public DeployedImage {
        digests = digests == null ? List.of() : List.copyOf(digests);
    }
}

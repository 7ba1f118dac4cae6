package dev.tollgate.runtime.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.DeployedImage;

/**
 * Makes sure a swapped container runs the release that was asked for: its image (read from the
 * engine) must be the one the release resolves to in the compose file, and not an image an earlier,
 * other release ran on the same service — the mark of an {@code image:} line that ignores the
 * release variable, with which an "upgrade" leaves the release before running.
 */
final class ReleaseImages {

    private final DockerEngine docker;
    private final Path file;
    private final String variable;
    private final java.util.function.Function<Release, Map<String, String>> resolve;
    // The image each service names, per release id: one 'config' per release, not one per deploy.
    private final Map<String, Map<String, String>> resolved = new HashMap<>();
    // service -> image id -> the release that ran it first
    private final Map<String, Map<String, String>> seen = new HashMap<>();
    private final List<DeployedImage> deployed = new ArrayList<>();

    /**
     * @param resolve the image each service names with the release variable set to the release
     *                (for that release alone, whatever the project has set)
     */
    ReleaseImages(DockerEngine docker, Path file, String variable, java.util.function.Function<Release, Map<String, String>> resolve) {
        this.docker = docker;
        this.file = file;
        this.variable = variable;
        this.resolve = resolve;
    }

    /**
     * Reads the image of {@code container} of {@code service} and compares it.
     *
     * @param record   whether this is a deployment of the release (recorded), not a one-off container
     * @throws TollgateException {@link ErrorCode#RUNTIME_IMAGE_MISMATCH} when the container runs another image
     */
    synchronized void verify(Release release, String service, String container, boolean record) {
        String resolved = this.resolved.computeIfAbsent(release.id(), id -> resolve.apply(release)).getOrDefault(service, "");
        DockerEngine.ImageInfo actual = docker.containerImage(container).orElseThrow(() -> new TollgateException(
                ErrorCode.RUNTIME_SERVICE_EXITED, "release " + release + " (" + service + "): its container " + container + " is gone."));
        if (resolved != null && !resolved.isEmpty()) {
            docker.image(resolved).filter(expected -> !expected.id().equals(actual.id())).ifPresent(expected -> {
                throw mismatch(release, service, actual, "not the image " + resolved + " (" + shortId(expected.id())
                        + ") that release " + release + " resolves to");
            });
        }
        Map<String, String> byId = seen.computeIfAbsent(service, key -> new HashMap<>());
        String earlier = byId.get(actual.id());
        if (earlier != null && !earlier.equals(release.id())) {
            throw mismatch(release, service, actual, "the same image release " + earlier + " ran before");
        }
        if (record) {
            byId.putIfAbsent(actual.id(), release.id());
            deployed.add(new DeployedImage(release.id(), service, actual.reference(), actual.id(), actual.digests()));
        }
    }

    synchronized List<DeployedImage> deployed() {
        // One per release and service: a release deployed twice (a rollback) ran the same image.
        Map<String, DeployedImage> distinct = new java.util.LinkedHashMap<>();
        deployed.forEach(image -> distinct.putIfAbsent(image.release() + "\n" + image.service() + "\n" + image.id(), image));
        return List.copyOf(distinct.values());
    }

    private TollgateException mismatch(Release release, String service, DockerEngine.ImageInfo actual, String what) {
        String line = ComposeFileLines.imageLine(file, service).map(found -> file.getFileName() + ":" + found.number() + ": "
                + found.text().strip()).orElse("the image: line of service " + service);
        return new TollgateException(ErrorCode.RUNTIME_IMAGE_MISMATCH, "release " + release + " was asked for, but service "
                + service + " runs image " + actual.reference() + " (" + shortId(actual.id()) + "), " + what
                + ": the release is not running, so nothing is judged on it. " + file + ": " + line
                + " must name the release's image with ${" + variable + "}, e.g. image: " + repository(actual.reference())
                + ":${" + variable + "} — tollgate validate shows it before a run.");
    }

    private static String repository(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return "id " + hex.substring(0, Math.min(12, hex.length()));
    }
}

package dev.tollgate.runtime.compose;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * Files a compose project bind-mounts from its profile's directory (an init script directory, an
 * {@code haproxy.cfg}), handed to a Docker engine that does not see this machine's files
 * ({@link EngineAddress#local()} is false).
 *
 * <p>How: the files go through the Docker API into a named volume of the run (an archive put into a
 * created, never started, helper container that mounts the volume), and Tollgate's override file
 * binds each container path to its copy inside that volume's directory on the engine's host (the
 * volume's {@code Mountpoint}). Compose merges a service's {@code volumes} by container path, so the
 * override's bind replaces the profile's one, with the same path and the same read-only flag: a
 * file stays a file and a directory a directory (the volume itself is not mounted, as a volume can
 * only be mounted as a directory). The volume carries the run's labels, so the run's clean-up
 * removes it with the rest. Building the files into an image was the other way; it would need an
 * image per service and release, and would change the {@code image:} Tollgate checks each release
 * against ({@link ReleaseImages}). Only binds whose source lies in the profile's directory move: a
 * host path outside it ({@code /var/run/docker.sock}) means the engine's host.
 *
 * <p>The override file itself is read by the compose command line on this machine, so it needs no
 * transfer; the labels it sets reach the engine through the API as any other setting.
 */
final class ProfileFiles {

    private static final String STAGING = "/tollgate-files";

    private final DockerEngine docker;
    private final Path directory;
    private final String volume;
    private final Map<String, String> labels;
    private final boolean needed;
    private final List<String> copied = new ArrayList<>();
    private String mountpoint;

    /**
     * @param directory the profile's directory: binds from inside it are copied
     * @param volume    the name of the volume to copy into, unique to the run
     */
    ProfileFiles(DockerEngine docker, Path directory, String volume, Map<String, String> labels) {
        this.docker = docker;
        this.directory = directory.toAbsolutePath().normalize();
        this.volume = volume;
        this.labels = Map.copyOf(labels);
        this.needed = !docker.engineAddress().local();
    }

    /**
     * The override's {@code volumes} entries for one service of the resolved compose file: its
     * binds from the profile's directory, re-pointed at their copies on the engine's host. Empty
     * when the engine sees this machine's files, or the service binds nothing from the profile.
     *
     * @param images the images the compose file names (with the service's own first): the first the
     *               engine has runs the helper container the files are put through
     */
    synchronized List<String> rebind(String service, JsonNode serviceConfig, List<String> images) {
        List<String> entries = new ArrayList<>();
        if (!needed) {
            return entries;
        }
        for (JsonNode mount : serviceConfig.path("volumes")) {
            bindOf(mount).filter(bind -> Path.of(bind.source()).normalize().startsWith(directory)).ifPresent(bind -> {
                Path source = Path.of(bind.source()).normalize();
                if (!Files.exists(source)) {
                    throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, "Service '" + service + "' bind-mounts "
                            + source + " to " + bind.target() + ", and that does not exist. Create it, or remove the bind mount.");
                }
                String copy = copy(source, helperImage(service, images));
                entries.add(copy + ":" + bind.target() + (bind.readOnly() ? ":ro" : ""));
            });
        }
        return entries;
    }

    private String helperImage(String service, List<String> images) {
        return images.stream().filter(image -> !image.isEmpty() && docker.image(image).isPresent()).findFirst()
                .orElseThrow(() -> new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "Service '" + service
                        + "' bind-mounts files of the profile, which go to the Docker engine through a container, and the"
                        + " engine has none of the images the compose file names (" + String.join(", ", images)
                        + "). Pull or load one there first, e.g. docker pull " + images.get(0) + "."));
    }

    /** The profile's files (relative to its directory) copied to the engine so far. */
    synchronized List<String> copied() {
        return List.copyOf(copied);
    }

    /** The volume they were copied into. */
    String volume() {
        return volume;
    }

    /** A bind mount as the resolved compose file writes it: short ({@code SRC:TARGET[:ro]}) or long syntax. */
    record BindMount(String source, String target, boolean readOnly) {
    }

    static Optional<BindMount> bindOf(JsonNode mount) {
        if (mount.isTextual()) {
            String[] parts = mount.asText().split(":");
            if (parts.length < 2 || !parts[0].startsWith("/")) {
                return Optional.empty(); // a named volume, or a container path alone
            }
            boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
            return Optional.of(new BindMount(parts[0], parts[1], readOnly));
        }
        if (!"bind".equals(mount.path("type").asText())) {
            return Optional.empty();
        }
        return Optional.of(new BindMount(mount.path("source").asText(), mount.path("target").asText(),
                mount.path("read_only").asBoolean(false)));
    }

    /** Copies a file or directory into the run's volume; returns where the copy is on the engine's host. */
    private String copy(Path source, String image) {
        String slot = Integer.toString(copied.size());
        String name = source.getFileName().toString();
        copied.add(directory.relativize(source).toString());
        var client = docker.client();
        if (mountpoint == null) {
            mountpoint = client.createVolumeCmd().withName(volume).withLabels(labels).exec().getMountpoint();
        }
        String helper = client.createContainerCmd(image).withLabels(labels).withEntrypoint("true").withCmd(List.of())
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(STAGING)))).exec().getId();
        try {
            client.copyArchiveToContainerCmd(helper).withRemotePath(STAGING)
                    .withTarInputStream(new ByteArrayInputStream(tar(source, slot + "/" + name))).exec();
        } finally {
            docker.removeContainer(helper);
        }
        return mountpoint + "/" + slot + "/" + name;
    }

    /** An archive of {@code source} (a file, or a directory and everything in it) under {@code name}, modes kept. */
    static byte[] tar(Path source, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tar(source, name, bytes);
        return bytes.toByteArray();
    }

    /** Writes the archive {@link #tar(Path, String)} describes to {@code out}, uncompressed, and closes it. */
    static void tar(Path source, String name, java.io.OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                Stream<Path> paths = Files.walk(source)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
            if (!parent.isEmpty()) {
                TarArchiveEntry dir = new TarArchiveEntry(parent + "/");
                dir.setMode(040755);
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
            }
            for (Path path : (Iterable<Path>) paths::iterator) {
                String entryName = name + (path.equals(source) ? "" : "/" + source.relativize(path).toString().replace('\\', '/'));
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), entryName);
                boolean executable = Files.isExecutable(path);
                entry.setMode(Files.isDirectory(path) ? 040755 : (executable ? 0100755 : 0100644));
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot read " + source + " to hand it to the Docker engine: " + e, e);
        }
    }
}

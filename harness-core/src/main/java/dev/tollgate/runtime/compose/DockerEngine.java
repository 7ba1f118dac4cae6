package dev.tollgate.runtime.compose;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * The Docker engine, through its API: the connection, and what Tollgate reads of its containers
 * (state, logs, published ports, images). Commands in containers are {@link ContainerExec}'s, their
 * stops {@link SlowStops}', the removal of what a run left behind {@link RunSweep}'s.
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerEngine implements AutoCloseable {

    /** On every container, volume and network a run creates: the run's id. */
    public static final String RUN_LABEL = "dev.tollgate.run";
    /** The process that owns the run, so a later run can tell a live run's resources from a dead one's. */
    public static final String OWNER_LABEL = "dev.tollgate.owner";
    /**
     * The machine that process runs on: an engine on another host may serve runs from several
     * machines, and a process id says whether a run is alive only on its own machine.
     */
    public static final String OWNER_HOST_LABEL = "dev.tollgate.owner.host";

    static final String HOW_TO_FIX = "Start one as root with profiles/images/setup-docker.sh (it installs Debian's docker.io"
            + " and docker-compose if absent and starts dockerd), then profiles/images/build-images.sh; or run the"
            + " embedded profile instead: -Dtollgate.profile=local.";

    private final DockerClient client;
    private final String host;
    private final EngineAddress address;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
        this.address = EngineAddress.of(host);
    }

    /** Connects to the engine {@code DOCKER_HOST} names (the local socket by default) and checks it answers. */
    public static DockerEngine connect() {
        String named = Optional.ofNullable(System.getProperty("DOCKER_HOST")).orElse(System.getenv("DOCKER_HOST"));
        if (named != null && named.startsWith("ssh://")) {
            // docker-java, which Tollgate talks to the engine with, has no SSH transport.
            throw new TollgateException(ErrorCode.RUNTIME_DOCKER_UNAVAILABLE, "DOCKER_HOST " + named + ": Tollgate reaches a"
                    + " Docker engine over tcp:// or a local socket, not ssh://. Have the engine listen on TCP (with TLS:"
                    + " dockerd --tlsverify -H tcp://0.0.0.0:2376, then DOCKER_HOST=tcp://HOST:2376 DOCKER_TLS_VERIFY=1"
                    + " DOCKER_CERT_PATH=DIR); see docs/remote-docker.md.");
        }
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofMinutes(10))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        DockerEngine engine = new DockerEngine(client, config.getDockerHost().toString());
        Optional<String> problem = engine.problem();
        if (problem.isPresent()) {
            engine.close();
            throw new TollgateException(ErrorCode.RUNTIME_DOCKER_UNAVAILABLE, "No Docker engine answers at " + engine.host
                    + " (" + problem.get() + "), and the compose profiles need one. " + HOW_TO_FIX);
        }
        return engine;
    }

    /** Why the engine does not answer, or empty when it does. */
    Optional<String> problem() {
        try {
            client.pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return Optional.of(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /** Whether an engine answers here; for tests that need one to decide whether to run. */
    public static Optional<String> unavailableReason() {
        try (DockerEngine engine = connect()) {
            return Optional.empty();
        } catch (TollgateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Copies the container's output, from its start and as it comes, into {@code sink} until it stops or the follower is closed. */
    AutoCloseable followLogs(String container, OutputStream sink) {
        return client.logContainerCmd(container).withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        try {
                            sink.write(frame.getPayload());
                            sink.flush();
                        } catch (IOException e) {
                            // the evidence file is gone (run closing): stop copying quietly
                        }
                    }
                });
    }

    /** The container's state, or empty when it does not exist. */
    Optional<InspectContainerResponse.ContainerState> state(String container) {
        try {
            return Optional.ofNullable(client.inspectContainerCmd(container).exec().getState());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The container's health check command as Docker keeps it ({@code CMD-SHELL …}, {@code CMD …}); empty without one. */
    List<String> healthcheckTest(String container) {
        try {
            var config = client.inspectContainerCmd(container).exec().getConfig();
            var healthcheck = config == null ? null : config.getHealthcheck();
            return healthcheck == null || healthcheck.getTest() == null ? List.of() : List.copyOf(healthcheck.getTest());
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    /**
     * The running or stopped container compose made for {@code service} of {@code project} (not a
     * one-off), read from compose's own labels: quicker than asking the compose CLI.
     */
    Optional<String> serviceContainer(String project, String service) {
        return serviceContainers(project, service).stream().findFirst();
    }

    /** Every running or stopped container compose made for {@code service} of {@code project}, one-offs left out. */
    List<String> serviceContainers(String project, String service) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service,
                        "com.docker.compose.oneoff", "False"))
                .exec().stream().map(Container::getId).toList();
    }

    /**
     * Where this machine reaches the container's {@code containerPort} as the engine published it,
     * as {@code host:port}: on loopback for an engine here, at the engine's host for one elsewhere
     * (see {@link EngineAddress}).
     *
     * @throws TollgateException when the port is published only on the loopback of an engine on another host
     */
    Optional<String> publishedPort(String container, int containerPort) {
        var bindings = client.inspectContainerCmd(container).exec().getNetworkSettings().getPorts().getBindings();
        var exposed = com.github.dockerjava.api.model.ExposedPort.tcp(containerPort);
        var binding = bindings.get(exposed);
        if (binding == null || binding.length == 0 || binding[0].getHostPortSpec() == null) {
            return Optional.empty();
        }
        String bindingIp = binding[0].getHostIp();
        String reached = address.reach(bindingIp).orElseThrow(() -> new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED,
                "Container " + container + " publishes port " + containerPort + " on " + bindingIp + " of "
                        + address.describe() + " (DOCKER_HOST " + host + "): that is the other host's loopback, which this"
                        + " machine cannot reach. Publish it as \"${" + EngineAddress.PUBLISH_ADDRESS_VARIABLE + ":-127.0.0.1}::"
                        + containerPort + "\" in the compose file: Tollgate sets " + EngineAddress.PUBLISH_ADDRESS_VARIABLE
                        + " to 0.0.0.0 for an engine on another host, and it stays 127.0.0.1 elsewhere."));
        return Optional.of(reached + ":" + binding[0].getHostPortSpec());
    }

    /** Where the engine runs as seen from here: where published ports are reached, whether it sees this machine's files. */
    EngineAddress engineAddress() {
        return address;
    }

    /** The client itself, for the few classes of this package that need more of the API than this class offers. */
    DockerClient client() {
        return client;
    }

    /** An image as Docker knows it: its id, the reference a container was created from, its tags and registry digests. */
    record ImageInfo(String id, String reference, List<String> tags, List<String> digests) {
        ImageInfo {
            tags = tags == null ? List.of() : List.copyOf(tags);
            digests = digests == null ? List.of() : List.copyOf(digests);
        }
    }

    /** The image a container runs: the id it was created from, and the name it was asked for by. */
    Optional<ImageInfo> containerImage(String container) {
        try {
            InspectContainerResponse inspected = client.inspectContainerCmd(container).exec();
            String reference = inspected.getConfig() == null ? "" : inspected.getConfig().getImage();
            return Optional.of(image(inspected.getImageId()).map(found -> new ImageInfo(found.id(), reference, found.tags(),
                    found.digests())).orElse(new ImageInfo(inspected.getImageId(), reference, List.of(), List.of())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The image a reference ({@code name:tag} or id) names here, or empty when there is none. */
    Optional<ImageInfo> image(String reference) {
        try {
            var inspected = client.inspectImageCmd(reference).exec();
            return Optional.of(new ImageInfo(inspected.getId(), reference, inspected.getRepoTags(), inspected.getRepoDigests()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Where this machine reaches the container's {@code containerPort}: the published loopback port
     * when there is one, else the container's own address on its network (a Linux engine routes the
     * host to its bridge networks).
     */
    Optional<String> address(String container, int containerPort) {
        Optional<String> published = publishedPort(container, containerPort);
        if (published.isPresent() || !address.onLoopback()) {
            // An engine on another host: its bridge networks are routed there, not here.
            return published;
        }
        var networks = client.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks();
        return networks == null ? Optional.empty() : networks.values().stream().map(network -> network.getIpAddress())
                .filter(ip -> ip != null && !ip.isEmpty()).findFirst().map(ip -> ip + ":" + containerPort);
    }

    void removeContainer(String container) {
        try {
            client.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /** Where the engine was reached ({@code unix:///var/run/docker.sock}, or what {@code DOCKER_HOST} says). */
    public String host() {
        return host;
    }

    /** The engine's version as {@code docker version} shows it: {@code 20.10.24 (API 1.41)}. */
    public String version() {
        var version = client.versionCmd().exec();
        return version.getVersion() + " (API " + version.getApiVersion() + ")";
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing to keep open
        }
    }
}

package dev.tollgate.runtime.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;

import dev.tollgate.runtime.Progress;

/**
 * Stops a release's container before Compose replaces or removes it, and says so when it took the
 * whole grace period: the usual cause is a process running as PID 1, which ignores SIGTERM unless
 * it handles it, so every image swap waits out Docker's stop timeout.
 */
final class SlowStops {

    private SlowStops() {
    }

    /** Stops the container if it runs; a stop that ended in SIGKILL goes to the progress and the phase log. */
    static Optional<String> stop(DockerEngine docker, String service, String container, PhaseLog log, Progress progress) {
        Optional<String> message = stop(docker, container).filter(Stop::killed).map(stop -> message(service, stop));
        message.ifPresent(line -> {
            progress.report("  " + line);
            if (log != null) {
                log.note(line);
            }
        });
        return message;
    }

    /** Stops the containers (service to container) in parallel, as compose does: a slow stop costs its grace period once. */
    static void stopAll(DockerEngine docker, java.util.Map<String, String> containers, PhaseLog log, Progress progress) {
        containers.entrySet().parallelStream().forEach(entry -> stop(docker, entry.getKey(), entry.getValue(), log, progress));
    }

    static String message(String service, Stop stop) {
        return String.format("%s did not stop on SIGTERM within %d s and was killed; a process running as PID 1 ignores SIGTERM"
                + " unless it handles it — init: true in the compose file, or handle SIGTERM", service, stop.grace().toSeconds());
    }

    /**
     * The container's grace period ({@code stop_grace_period}), in seconds: docker-java's model lacks
     * the field, so the CLI reads it; Docker's default of 10 s when it is not set.
     */
    private static int stopTimeout(String container) {
        ComposeCli.Result result = ComposeCli.run(List.of("docker", "inspect", "-f", "{{json .Config.StopTimeout}}", container),
                Map.of(), null, Duration.ofSeconds(30));
        try {
            return result.exitCode() == 0 ? Integer.parseInt(result.output().strip()) : 10;
        } catch (NumberFormatException e) {
            return 10; // "null": not set
        }
    }

    /** How a stop went: how long it took, the grace period it had, and whether the process was killed at its end. */
    record Stop(Duration took, Duration grace, boolean killed) {
    }

    /**
     * Stops a running container as {@code docker stop} does (SIGTERM, then SIGKILL when its grace
     * period, {@code stop_grace_period}, is over); empty when it was not running.
     */
    private static Optional<Stop> stop(DockerEngine docker, String container) {
        DockerClient client = docker.client();
        InspectContainerResponse inspected;
        try {
            inspected = client.inspectContainerCmd(container).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (inspected.getState() == null || !Boolean.TRUE.equals(inspected.getState().getRunning())) {
            return Optional.empty();
        }
        int grace = stopTimeout(container);
        long started = System.nanoTime();
        try {
            client.stopContainerCmd(container).withTimeout(grace).exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.NotModifiedException e) {
            return Optional.empty();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // Killed: it was still running when the grace period ended (exit 137 is SIGKILL's).
        Long exit = docker.state(container).map(InspectContainerResponse.ContainerState::getExitCodeLong).orElse(null);
        boolean killed = exit != null && exit == 137 && took.toMillis() >= grace * 1000L - 500;
        return Optional.of(new Stop(took, Duration.ofSeconds(grace), killed));
    }
}

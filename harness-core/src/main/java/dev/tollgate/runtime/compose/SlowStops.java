package dev.tollgate.runtime.compose;

import java.util.Optional;

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
        Optional<String> message = docker.stop(container).filter(DockerEngine.Stop::killed).map(stop -> message(service, stop));
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

    static String message(String service, DockerEngine.Stop stop) {
        return String.format("%s did not stop on SIGTERM within %d s and was killed; a process running as PID 1 ignores SIGTERM"
                + " unless it handles it — init: true in the compose file, or handle SIGTERM", service, stop.grace().toSeconds());
    }
}

package dev.tollgate.runtime.compose;

import java.net.URI;
import java.nio.file.Path;
import java.util.OptionalInt;

import dev.tollgate.runtime.ReadinessProbe;

/** A container as the readiness probe sees it: where it answers, whether it runs, and its log. */
final class ContainerTarget implements ReadinessProbe.ProbeTarget {

    private final String description;
    private final URI baseUri;
    private final String container;
    private final DockerEngine docker;
    private final PhaseLog log;

    ContainerTarget(String description, URI baseUri, String container, DockerEngine docker, PhaseLog log) {
        this.description = description;
        this.baseUri = baseUri;
        this.container = container;
        this.docker = docker;
        this.log = log;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public boolean isAlive() {
        return docker.state(container).map(state -> Boolean.TRUE.equals(state.getRunning())).orElse(false);
    }

    @Override
    public OptionalInt exitCode() {
        return docker.state(container).map(state -> state.getExitCodeLong())
                .map(code -> OptionalInt.of(code.intValue())).orElse(OptionalInt.empty());
    }

    @Override
    public String logTail() {
        return log.tail(20);
    }

    @Override
    public Path logFile() {
        return log.file();
    }
}

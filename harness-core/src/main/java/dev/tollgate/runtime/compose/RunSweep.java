package dev.tollgate.runtime.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * Removes what Tollgate runs created in Docker, found by their labels ({@link DockerEngine#RUN_LABEL}):
 * one run's at its end, and at the start of a run whatever runs whose process is gone left behind.
 */
final class RunSweep {

    private RunSweep() {
    }

    /**
     * Removes every container, volume and network labelled with {@link DockerEngine#RUN_LABEL} that matches
     * {@code filter}: {@code run=<id>} for one run's, or all whose owning process is no longer alive.
     *
     * @return what was removed, for the progress line; empty when nothing was left
     */
    static List<String> sweep(DockerEngine docker, java.util.function.Predicate<Map<String, String>> filter) {
        return sweep(docker, DockerEngine.RUN_LABEL, filter);
    }

    /**
     * Removes one run's containers, volumes and networks: what {@code compose down -v} removes of
     * its project (every container, network and volume of it carries the run's label, see
     * {@link ComposeProject}), through the API instead of a compose process.
     */
    static List<String> removeRun(DockerEngine docker, String runId) {
        return sweep(docker, DockerEngine.RUN_LABEL + "=" + runId, labels -> runId.equals(labels.get(DockerEngine.RUN_LABEL)));
    }

    /**
     * @param labelFilter what the engine filters by ({@code dev.tollgate.run} or {@code dev.tollgate.run=ID}), before {@code filter}
     */
    private static List<String> sweep(DockerEngine docker, String labelFilter, java.util.function.Predicate<Map<String, String>> filter) {
        DockerClient client = docker.client();
        List<String> removed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        // In parallel, as compose stops and removes a project's containers: each removal waits on its process's end.
        client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(labelFilter)).exec().parallelStream()
                .filter(container -> filter.test(labels(container.getLabels()))).forEach(container -> {
                    attempt(failures, () -> docker.removeContainer(container.getId()));
                    removed.add("container " + String.join(",", container.getNames()));
                });
        for (Network network : client.listNetworksCmd().withFilter("label", List.of(labelFilter)).exec()) {
            if (filter.test(labels(network.getLabels()))) {
                attempt(failures, () -> {
                    try {
                        client.removeNetworkCmd(network.getId()).exec();
                    } catch (NotFoundException e) {
                        // already gone
                    }
                });
                removed.add("network " + network.getName());
            }
        }
        var volumes = client.listVolumesCmd().withFilter("label", List.of(labelFilter)).exec().getVolumes();
        for (var volume : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
            if (filter.test(labels(volume.getLabels()))) {
                attempt(failures, () -> {
                    try {
                        client.removeVolumeCmd(volume.getName()).exec();
                    } catch (NotFoundException e) {
                        // already gone
                    }
                });
                removed.add("volume " + volume.getName());
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "Could not remove everything labelled "
                    + DockerEngine.RUN_LABEL + ": " + first.getMessage() + ". List it with: docker ps -a --filter label=" + DockerEngine.RUN_LABEL
                    + "; docker volume ls --filter label=" + DockerEngine.RUN_LABEL + "; docker network ls --filter label=" + DockerEngine.RUN_LABEL, first);
        }
        return List.copyOf(removed);
    }

    /**
     * Labels filter: resources of runs whose owning process on this machine is gone. A run of
     * another machine (an engine several machines share) is left alone: whether its process lives
     * cannot be told from here.
     */
    static boolean ownerIsGone(Map<String, String> labels) {
        String owner = labels.get(DockerEngine.OWNER_LABEL);
        String ownerHost = labels.get(DockerEngine.OWNER_HOST_LABEL);
        if (ownerHost != null && !ownerHost.equals(thisHost())) {
            return false;
        }
        if (owner == null) {
            return true;
        }
        try {
            return ProcessHandle.of(Long.parseLong(owner)).map(handle -> !handle.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** This machine's name, for {@link DockerEngine#DockerEngine.OWNER_HOST_LABEL}. */
    static String thisHost() {
        return HostName.VALUE;
    }

    private static final class HostName {
        static final String VALUE = read();

        private static String read() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
            }
        }
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static void attempt(List<RuntimeException> failures, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}

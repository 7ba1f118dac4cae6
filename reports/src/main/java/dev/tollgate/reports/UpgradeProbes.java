package dev.tollgate.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.report.RunRecord;

/**
 * What users would have seen during the run's rolling upgrades: the compose runtime's probe figures
 * ({@code <run>/logs/NN-<release>.probe.json}, one per upgrade through a proxy), those written while
 * the judged run ran.
 *
 * @param file the figures' file
 * @param json release, requests, failed, errors, longestUnavailableMillis, durationMillis
 */
record UpgradeProbes(Path file, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<UpgradeProbes> of(Readiness readiness) {
        if (readiness.run().isEmpty() || !Files.isDirectory(readiness.evidenceDir())) {
            return List.of();
        }
        RunRecord run = readiness.run().get();
        Instant from = run.startedAt() == null ? Instant.MIN : run.startedAt();
        Instant to = run.finishedAt() == null ? Instant.MAX : run.finishedAt().plusSeconds(5);
        try (Stream<Path> files = Files.find(readiness.evidenceDir(), 3,
                (path, attributes) -> path.getFileName().toString().endsWith(".probe.json")
                        && !attributes.lastModifiedTime().toInstant().isBefore(from)
                        && !attributes.lastModifiedTime().toInstant().isAfter(to))) {
            return files.sorted().map(UpgradeProbes::read).filter(probe -> probe.json() != null && probe.json().isObject()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static UpgradeProbes read(Path file) {
        try {
            return new UpgradeProbes(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return new UpgradeProbes(file, null);
        }
    }

    /** {@code 1.1.0: 271 requests in 26.8s, 0 failed, longest unavailability 0 ms} */
    String line() {
        return String.format(java.util.Locale.ROOT, "%s: %d requests in %.1fs, %d failed%s, longest unavailability %d ms",
                json.path("release").asText(), json.path("requests").asInt(), json.path("durationMillis").asLong() / 1000.0,
                json.path("failed").asInt(), json.path("errors").isEmpty() ? "" : " " + json.path("errors"),
                json.path("longestUnavailableMillis").asLong());
    }
}

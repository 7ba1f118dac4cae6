package dev.tollgate.reports;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tollgate.report.RunRecord;

/**
 * What users would have seen during the run's rolling upgrades: the compose runtime's probe figures,
 * as the run record carries them (one per upgrade through a proxy, suite by suite).
 *
 * @param probe the figures
 * @param file  their evidence file
 */
record UpgradeProbes(RunRecord.UpgradeProbe probe, Path file) {

    static List<UpgradeProbes> of(Readiness readiness) {
        return readiness.run().stream().flatMap(run -> run.suites().stream())
                .flatMap(suite -> suite.upgradeProbes().stream())
                .map(probe -> new UpgradeProbes(probe, Path.of(probe.file()))).toList();
    }

    /** {@code 1.1.0: 271 requests in 26.8s, 0 failed, longest unavailability 0 ms} */
    String line() {
        return String.format(java.util.Locale.ROOT, "%s: %d requests in %.1fs, %d failed%s, longest unavailability %d ms",
                probe.release(), probe.requests(), probe.durationMillis() / 1000.0, probe.failed(),
                probe.errors().isEmpty() ? "" : " " + errors(),
                probe.longestUnavailableMillis());
    }

    // As JSON writes them: {"502":3}
    private String errors() {
        return probe.errors().entrySet().stream().map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** The figures as {@code release-readiness.json} lists them. */
    void writeTo(ObjectNode node, Readiness readiness) {
        node.put("release", probe.release()).put("requests", probe.requests()).put("failed", probe.failed());
        ObjectNode errors = node.putObject("errors");
        probe.errors().forEach(errors::put);
        node.put("longestUnavailableMillis", probe.longestUnavailableMillis()).put("durationMillis", probe.durationMillis())
                .put("file", readiness.shown(file));
    }
}

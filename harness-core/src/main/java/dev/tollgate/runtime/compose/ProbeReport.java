package dev.tollgate.runtime.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tollgate.model.Release;

/** The upgrade probe's figures as a JSON file next to the phase's log, for reports to pick up. */
final class ProbeReport {

    private ProbeReport() {
    }

    static void write(Path file, Release release, UpgradeProbe.Figures figures) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("release", release.id());
        json.put("requests", figures.requests());
        json.put("failed", figures.failed());
        json.put("errors", figures.errors());
        json.put("longestUnavailableMillis", figures.longestUnavailableMillis());
        json.put("durationMillis", figures.durationMillis());
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            // the figures are also in the phase log and on the console
        }
    }
}

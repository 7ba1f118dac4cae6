package dev.tollgate.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the rehearsal's exit code does to the build: GO (or report-only) goes on; NO-GO and
 * INCONCLUSIVE fail it with the verdict and its reasons from {@code release-readiness.json}; a
 * usage or configuration error (nothing ran) and a broken environment are build errors.
 */
final class Verdicts {

    static final String JSON_FILE = "release-readiness.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Verdicts() {
    }

    static void decide(ChildProcess.Result result, Path out, Log log) throws MojoExecutionException, MojoFailureException {
        switch (result.exitCode()) {
            case 0 -> log.info("Tollgate: release-readiness files in " + out);
            case 1 -> throw new MojoFailureException(failure(out));
            case 2 -> throw new MojoExecutionException("Tollgate stopped before anything ran (a bad parameter, suite or "
                    + "profile; exit code 2):\n" + String.join("\n", result.errors()));
            case 3 -> throw new MojoExecutionException("The environment broke the rehearsal (exit code 3; see the output "
                    + "above and the service logs in " + out.resolve("tollgate") + "):\n" + String.join("\n", result.errors()));
            default -> throw new MojoExecutionException("The rehearsal's JVM ended with exit code " + result.exitCode()
                    + ":\n" + String.join("\n", result.errors()));
        }
    }

    /** {@code Release readiness NO-GO — 1.0.0 → 1.1.0-bad-dataloss on local}, then each reason, then where to look. */
    static String failure(Path out) {
        Path json = out.resolve(JSON_FILE);
        try {
            JsonNode readiness = JSON.readTree(Files.readString(json));
            List<String> lines = new ArrayList<>();
            lines.add("Release readiness " + readiness.path("summary").asText(readiness.path("verdict").asText("?")) + ":");
            readiness.path("reasons").forEach(reason -> lines.add("  - " + reason.asText()));
            lines.add("Report: " + out.resolve("release-readiness.md") + (Files.isRegularFile(out.resolve("allure-report/index.html"))
                    ? " and " + out.resolve("allure-report/index.html") : ""));
            lines.add("To write the verdict without failing the build: <gate>report-only</gate> (-Dtollgate.gate=report-only)");
            return String.join("\n", lines);
        } catch (IOException | RuntimeException e) {
            return "Release readiness is not GO (the rehearsal exited with 1), and " + json + " cannot be read ("
                    + e.getMessage() + "); see the output above";
        }
    }
}

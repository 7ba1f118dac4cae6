package dev.tollgate.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tollgate.report.RunRecord;

/**
 * The files Allure reads next to the results to describe the launch: {@code environment.properties}
 * (releases, profile, database, Tollgate, Java), {@code executor.json} (who ran it, and the verdict
 * as the report's name) and {@code categories.json} (failures sorted by area).
 */
final class AllureLaunch {

    static final String CATEGORIES = "allure-categories.json";

    private AllureLaunch() {
    }

    static void write(Readiness readiness, Path results, long buildOrder, String runner) throws IOException {
        Files.createDirectories(results);
        Files.writeString(results.resolve("environment.properties"), properties(environment(readiness)));
        ReadinessJson.JSON.writeValue(results.resolve("executor.json").toFile(), executor(readiness, buildOrder, runner));
        try (InputStream categories = Objects.requireNonNull(AllureLaunch.class.getResourceAsStream(CATEGORIES),
                CATEGORIES + " is packaged with the reports module")) {
            Files.copy(categories, results.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Map<String, String> environment(Readiness readiness) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Verdict", readiness.result().verdict().display());
        values.put("Previous release", readiness.previous());
        values.put("Candidate release", readiness.candidate());
        values.put("Profile", readiness.profile());
        RunRecord.Environment environment = readiness.run().map(RunRecord::environment).orElse(RunRecord.Environment.UNKNOWN);
        values.put("Database", environment.database().isEmpty() ? "unknown" : environment.database());
        values.put("Tollgate", readiness.run().map(RunRecord::tollgateVersion).orElse("unknown"));
        values.put("Java", environment.java().isEmpty() ? System.getProperty("java.version") : environment.java());
        environment.artifacts().forEach(artifact -> values.put("Artifact " + artifact.role() + " " + artifact.release(),
                Path.of(artifact.file()).getFileName() + " sha256:" + artifact.sha256()));
        environment.images().forEach(image -> values.put("Image " + image.role() + " " + image.release() + " " + image.service(),
                image.reference() + " " + image.id()));
        values.put("Gate", readiness.mode().key());
        return values;
    }

    private static ObjectNode executor(Readiness readiness, long buildOrder, String runner) {
        ObjectNode executor = ReadinessJson.JSON.createObjectNode();
        String url = System.getenv("GITHUB_SERVER_URL");
        if (url != null && System.getenv("GITHUB_RUN_ID") != null) {  // on GitHub Actions, link the run
            executor.put("name", "GitHub Actions").put("type", "github")
                    .put("buildUrl", url + "/" + System.getenv("GITHUB_REPOSITORY") + "/actions/runs/" + System.getenv("GITHUB_RUN_ID"));
        } else {
            executor.put("name", runner).put("type", AllureOptions.MAVEN.equals(runner) ? "maven" : "tollgate");
        }
        executor.put("buildOrder", buildOrder);
        executor.put("buildName", "rehearsal #" + buildOrder + ": " + readiness.previous() + " → " + readiness.candidate());
        executor.put("reportName", "Release readiness: " + readiness.headline());
        return executor;
    }

    /** Java properties format, escaped so spaces in keys and non-ASCII values survive. */
    private static String properties(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false)).append('\n'));
        return text.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!' || (key && c == ' ')) {
                out.append('\\').append(c);
            } else if (c > 0x7e || c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

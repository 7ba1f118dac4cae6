package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code --previous 1.0.0,1.1.0}: one upgrade path from each, each judged, and the candidate judged on all. */
class MatrixIT {

    private static final Path OUT = Path.of("target", "it-matrix").toAbsolutePath();

    @Test
    void aCandidateThatLosesDataOnTheWayFromEachPreviousReleaseIsNoGoInDataOnEveryPath() throws IOException {
        Path out = OUT.resolve("dataloss-2.0.0");

        CliProcess.Result result = rehearse("2.0.0-bad-dataloss", out);

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        JsonNode readiness = new ObjectMapper().readTree(out.resolve("release-readiness.json").toFile());
        assertEquals("NO-GO", readiness.path("verdict").asText());
        assertEquals(2, readiness.path("paths").size(), readiness::toPrettyString);
        for (JsonNode path : readiness.path("paths")) {
            assertEquals("NO-GO", path.path("verdict").asText(), path::toPrettyString);
            assertEquals("FAILED", area(path, "data").path("status").asText(), path::toPrettyString);
            assertTrue(area(path, "data").path("reasons").toString().contains("missions: "), path::toPrettyString);
            assertEquals("PASSED", area(path, "upgrade").path("status").asText(), path::toPrettyString);
        }
        assertTrue(readiness.path("reasons").toString().contains("1.0.0 → 2.0.0-bad-dataloss: data: ")
                && readiness.path("reasons").toString().contains("1.1.0 → 2.0.0-bad-dataloss: data: "), readiness::toPrettyString);
    }

    @Test
    void aCandidateThatRewritesAnAppliedMigrationIsNoGoInDataFromTheOlderAndInUpgradeFromTheNewerRelease() throws IOException {
        Path out = OUT.resolve("dataloss");

        CliProcess.Result result = rehearse("1.1.0-bad-dataloss", out);

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.out().contains("rehearsing 1.0.0 → 1.1.0-bad-dataloss, 1.1.0 → 1.1.0-bad-dataloss on profile local"),
                result::toString);
        JsonNode readiness = new ObjectMapper().readTree(out.resolve("release-readiness.json").toFile());
        assertEquals("NO-GO", readiness.path("verdict").asText());
        JsonNode from100 = readiness.path("paths").path(0);
        JsonNode from110 = readiness.path("paths").path(1);
        assertEquals("1.0.0 → 1.1.0-bad-dataloss", from100.path("path").asText(), readiness::toPrettyString);
        assertEquals("NO-GO", from100.path("verdict").asText());
        assertEquals("FAILED", area(from100, "data").path("status").asText(), from100::toPrettyString);
        assertTrue(area(from100, "data").path("reasons").toString().contains("row lost"), from100::toPrettyString);
        // The bad candidate rewrites migration 6, which 1.1.0 already applied: Flyway refuses the upgrade
        // (checksum mismatch) before any row can be lost, so that path is NO-GO in upgrade, not in data.
        assertEquals("1.1.0 → 1.1.0-bad-dataloss", from110.path("path").asText());
        assertEquals("NO-GO", from110.path("verdict").asText());
        assertEquals("FAILED", area(from110, "upgrade").path("status").asText(), from110::toPrettyString);
        assertTrue(area(from110, "upgrade").path("reasons").toString().contains("checksum mismatch"), from110::toPrettyString);
        assertTrue(readiness.path("reasons").toString().contains("1.0.0 → 1.1.0-bad-dataloss: data: "), readiness::toPrettyString);
        String markdown = Files.readString(out.resolve("release-readiness.md"));
        assertTrue(markdown.contains("| 1.0.0 → 1.1.0-bad-dataloss | **NO-GO** |"), markdown);
        assertTrue(markdown.contains("| 1.1.0 → 1.1.0-bad-dataloss | **NO-GO** |"), markdown);
    }

    private static CliProcess.Result rehearse(String candidate, Path out) {
        return CliProcess.run("run", "--tag", "upgrade", "--previous", "1.0.0,1.1.0", "--candidate", candidate,
                "--out", out.toString(), "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR);
    }

    private static JsonNode area(JsonNode path, String key) {
        for (JsonNode area : path.path("areas")) {
            if (area.path("area").asText().equals(key)) {
                return area;
            }
        }
        throw new AssertionError("no area " + key + " in " + path.toPrettyString());
    }
}

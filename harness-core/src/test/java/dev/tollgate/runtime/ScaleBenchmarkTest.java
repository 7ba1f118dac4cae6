package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The scale benchmark at 5 MB, inside the test command, so its generator, its measuring and its plot
 * stay working between the manual runs at 1 and 5 GB (docs/benchmarks.md). Asserts what it wrote,
 * never how long anything took.
 */
class ScaleBenchmarkTest {

    @Test
    void tinyRunWritesEveryPhaseAndThePlot(@TempDir Path dir) throws Exception {
        assumeTrue(ScaleBenchmark.clientToolsPresent(), "pg_dump and pg_restore must be on the PATH (Debian: postgresql-client)");

        ScaleBenchmark.run(List.of(0.002, 0.005), dir, dir.resolve("work"), 1);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("scale.json").toFile());
        assertEquals(2, json.get("sizes").size(), json.toPrettyString());
        for (JsonNode size : json.get("sizes")) {
            assertEquals(32, size.get("tables").asInt(), "the generator's 32 tables: " + size);
            assertTrue(size.get("rows").asLong() > 0, size.toString());
            assertTrue(size.get("maxHeapUsedBytes").asLong() > 0, size.toString());
            assertTrue(size.get("createDatabaseTemplateSeconds").asDouble() > 0, size.toString());
            List<String> phases = new java.util.ArrayList<>();
            for (JsonNode phase : size.get("phases")) {
                phases.add(phase.get("name").asText());
                assertTrue(phase.get("seconds").asDouble() > 0 && phase.get("peerSeconds").asDouble() > 0, phase.toString());
                assertTrue(phase.get("ratio").isNumber(), phase.toString());
            }
            assertEquals(ScaleBenchmark.PHASES, phases);
        }
        assertTrue(json.get("growth").has("dataFingerprint"), json.get("growth").toString());
        // The larger of the two made more rows: the generator follows the size asked for.
        assertTrue(json.get("sizes").get(1).get("rows").asLong() > json.get("sizes").get(0).get("rows").asLong(), json.toString());

        BufferedImage plot = ImageIO.read(dir.resolve("scale.png").toFile());
        assertNotNull(plot, "scale.png is not an image ImageIO can read");
        assertTrue(plot.getWidth() >= 1200 && plot.getHeight() >= 300, plot.getWidth() + "x" + plot.getHeight());
        assertTrue(Files.notExists(dir.resolve("work").resolve("size-0.005")), "the generated database is deleted after its run");
    }

    @Test
    void everyFamilyOfTheGeneratorIsMadeItsCountOfTimes() throws Exception {
        List<String> tasks = ScaleDatabase.tasks(Files.readString(ScaleDatabase.script()), 1.0);

        assertEquals(32, tasks.size());
        assertTrue(tasks.stream().noneMatch(task -> task.contains("{n}") || task.contains("{scale}")), tasks.get(0));
        assertTrue(tasks.stream().anyMatch(task -> task.contains("CREATE TABLE documents_4 ")), "the fourth documents table");
        assertTrue(tasks.stream().anyMatch(task -> task.contains("round(300000 * 1.000000)")), "row counts scale with the size");
    }
}

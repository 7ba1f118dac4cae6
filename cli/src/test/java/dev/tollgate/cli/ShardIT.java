package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two previous releases rehearsed as four shards, each in its own process, then merged: the merged
 * verdict is the unsharded run's, and shards that do not make one run are INCONCLUSIVE, named. The
 * two smallest suites keep it short; the bad-version candidate makes the verdict one with reasons.
 */
class ShardIT {

    private static final Path OUT = Path.of("target", "it-shard").toAbsolutePath();
    private static final String CANDIDATE = "1.1.0-bad-version";

    private static CliProcess.Result whole;
    private static List<CliProcess.Result> shards;

    private static String[] run(String candidate, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--suite", "health-version,clean-install", "--previous",
                "1.0.0,1.1.0", "--candidate", candidate, "--gate", "report-only", "--out", OUT.resolve(out).toString(),
                "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void rehearseWholeAndInFourShards() {
        CompletableFuture<CliProcess.Result> unsharded = CompletableFuture.supplyAsync(() -> CliProcess.run(run(CANDIDATE, "whole")));
        // The shards write no Allure report of their own: the merge makes one of all of them.
        List<CompletableFuture<CliProcess.Result>> parts = IntStream.rangeClosed(1, 4).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> CliProcess.run(run(CANDIDATE, "shard-" + i, "--shard", i + "/4", "--allure-home", OUT.resolve("none").toString()))))
                .toList();
        whole = unsharded.join();
        shards = parts.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void fourShardsMergedDecideAsTheUnshardedRun() throws IOException {
        assertEquals(ExitCodes.OK, whole.exitCode(), whole::toString);
        for (int i = 0; i < 4; i++) {
            CliProcess.Result shard = shards.get(i);
            assertEquals(ExitCodes.OK, shard.exitCode(), shard::toString);
            assertTrue(shard.out().contains("[tollgate] shard " + (i + 1) + "/4: 1 of 4 units ("), shard::toString);
        }

        CliProcess.Result merge = CliProcess.run("merge", dir("shard-1"), dir("shard-2"), dir("shard-3"), dir("shard-4"),
                "--out", dir("merged"));

        assertEquals(ExitCodes.FAILED, merge.exitCode(), "NO-GO under the default enforcing gate: " + merge);
        JsonNode merged = readiness("merged");
        JsonNode unsharded = readiness("whole");
        assertEquals("NO-GO", unsharded.path("verdict").asText(), unsharded::toPrettyString);
        assertEquals(unsharded.path("verdict"), merged.path("verdict"));
        assertEquals(unsharded.path("reasons"), merged.path("reasons"));
        assertEquals(unsharded.path("areas"), merged.path("areas"));
        assertEquals(verdicts(unsharded.path("paths")), verdicts(merged.path("paths")));
        assertEquals(List.of("1.0.0 → 1.1.0-bad-version", "1.1.0 → 1.1.0-bad-version"),
                merged.path("paths").findValuesAsText("path"));
        assertEquals(4, merged.path("suites").size(), merged::toPrettyString);
        assertTrue(Files.isRegularFile(OUT.resolve("merged/allure-report/index.html")), "one Allure report: " + merge);
        try (var results = Files.list(OUT.resolve("merged/allure-results"))) {
            assertTrue(results.anyMatch(file -> file.getFileName().toString().endsWith("-result.json")), "the shards' results");
        }
    }

    @Test
    void aMissingShardIsInconclusiveNamingIt() throws IOException {
        CliProcess.Result merge = CliProcess.run("merge", dir("shard-1"), dir("shard-2"), dir("shard-4"),
                "--out", dir("merged-missing"), "--allure-home", OUT.resolve("none").toString());

        assertEquals(ExitCodes.FAILED, merge.exitCode(), merge::toString);
        JsonNode readiness = readiness("merged-missing");
        assertEquals("INCONCLUSIVE", readiness.path("verdict").asText());
        assertTrue(readiness.path("reasons").toString().contains("shard 3/4 is missing"), readiness::toPrettyString);
    }

    @Test
    void aShardOfAnotherCandidateIsInconclusiveNamingIt() throws IOException {
        CliProcess.Result other = CliProcess.run(run("1.1.0", "other-candidate", "--shard", "3/4", "--allure-home",
                OUT.resolve("none").toString()));
        assertEquals(ExitCodes.OK, other.exitCode(), other::toString);

        CliProcess.Result merge = CliProcess.run("merge", dir("shard-1"), dir("shard-2"), dir("other-candidate"),
                dir("shard-4"), "--out", dir("merged-other"), "--allure-home", OUT.resolve("none").toString());

        assertEquals(ExitCodes.FAILED, merge.exitCode(), merge::toString);
        JsonNode readiness = readiness("merged-other");
        assertEquals("INCONCLUSIVE", readiness.path("verdict").asText());
        assertTrue(readiness.path("reasons").toString().contains("shard 3/4 (" + OUT.resolve("other-candidate")
                + ") is of candidate 1.1.0, not 1.1.0-bad-version"), readiness::toPrettyString);
    }

    private static List<String> verdicts(JsonNode paths) {
        List<String> verdicts = new ArrayList<>();
        paths.forEach(path -> verdicts.add(path.path("path").asText() + "=" + path.path("verdict").asText()
                + " " + path.path("areas") + " " + path.path("reasons")));
        return verdicts;
    }

    private static String dir(String name) {
        return OUT.resolve(name).toString();
    }

    private static JsonNode readiness(String dir) throws IOException {
        return new ObjectMapper().readTree(OUT.resolve(dir).resolve("release-readiness.json").toFile());
    }
}

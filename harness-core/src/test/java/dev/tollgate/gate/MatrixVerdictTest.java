package dev.tollgate.gate;

import static dev.tollgate.gate.Runs.checks;
import static dev.tollgate.gate.Runs.failed;
import static dev.tollgate.gate.Runs.passed;
import static dev.tollgate.gate.Runs.upgradeSuite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.model.Area;
import dev.tollgate.model.UpgradePath;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/** A matrix of upgrade paths is judged path by path: GO only if every path is GO, each reason naming its path. */
class MatrixVerdictTest {

    private static final UpgradePath FROM_100 = UpgradePath.of("1.0.0", "2.0.0");
    private static final UpgradePath FROM_110 = UpgradePath.of("1.1.0", "2.0.0");

    private static GateResult evaluate(RunRecord run) {
        return Gate.evaluate(run, GateRules.defaults(), List.of(), LocalDate.of(2026, 6, 1));
    }

    private static RunRecord matrix(RunRecord.SuiteRecord from100, RunRecord.SuiteRecord from110) {
        return new RunRecord(RunRecord.FORMAT, "test", "local", "1.0.0,1.1.0", "2.0.0", Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:00:09Z"), List.of(from100.onPath(FROM_100), from110.onPath(FROM_110)), null, null,
                List.of(FROM_100, FROM_110), null);
    }

    @Test
    void everyPathGoIsGoWithAVerdictPerPath() {
        GateResult result = evaluate(matrix(upgradeSuite(), upgradeSuite()));

        assertEquals(Verdict.GO, result.verdict());
        assertEquals(List.of(FROM_100, FROM_110), result.paths().stream().map(GateResult.PathResult::path).toList());
        result.paths().forEach(path -> assertEquals(Verdict.GO, path.result().verdict()));
        assertEquals(AreaStatus.PASSED, result.area(Area.DATA).status());
    }

    @Test
    void onePathLosingDataIsNoGoOverallAndOnThatPathOnly() {
        RunRecord.SuiteRecord loses = upgradeSuite(Runs.SAFE_SCHEMA, checks(passed("health")));
        loses = loses.withSteps(loses.steps().stream().map(step -> step.checks().stream().anyMatch(c -> c.type().equals("data"))
                ? checks(passed("health"), failed("data", "missions: 1 row lost")) : step).toList());

        GateResult result = evaluate(matrix(upgradeSuite(), loses));

        assertEquals(Verdict.NO_GO, result.verdict());
        assertEquals(Verdict.GO, result.paths().get(0).result().verdict());
        assertEquals(Verdict.NO_GO, result.paths().get(1).result().verdict());
        assertEquals(AreaStatus.FAILED, result.paths().get(1).result().area(Area.DATA).status());
        assertEquals(AreaStatus.FAILED, result.area(Area.DATA).status());
        assertTrue(result.reasons().stream().allMatch(reason -> reason.startsWith("1.1.0 → 2.0.0: ")), result::toString);
        assertTrue(result.area(Area.DATA).firstReason().startsWith("1.1.0 → 2.0.0: "), result::toString);
    }

    @Test
    void aPathWithoutSuitesIsInconclusiveSoTheMatrixIsNeverGoOnIt() {
        RunRecord run = matrix(upgradeSuite(), upgradeSuite());
        GateResult result = evaluate(run.withSuites(run.suites().subList(0, 1)));

        assertEquals(Verdict.INCONCLUSIVE, result.verdict());
        assertEquals(Verdict.INCONCLUSIVE, result.paths().get(1).result().verdict());
        assertTrue(result.reasons().get(0).startsWith("1.1.0 → 2.0.0: no suite ran"), result::toString);
    }

    @Test
    void eachSuiteKeepsItsPathThroughRunJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        RunRecord run = matrix(upgradeSuite(), upgradeSuite()).withShard(new RunRecord.Shard(2, 4,
                List.of(new RunRecord.Unit(FROM_100, "upgrade-from-previous")), "count"));
        RunRecordJson.write(run, dir.resolve("run.json"));

        RunRecord read = RunRecordJson.read(dir.resolve("run.json"));

        assertEquals(List.of(FROM_100, FROM_110), read.paths());
        assertEquals(List.of(FROM_100, FROM_110), read.suites().stream().map(RunRecord.SuiteRecord::path).toList());
        assertEquals(run.shard(), read.shard());
        // A record of one path, as earlier builds wrote it, reads as that path.
        RunRecord single = Runs.run(upgradeSuite());
        assertEquals(List.of(UpgradePath.of("1.0.0", "1.1.0")), single.paths());
        assertEquals(UpgradePath.of("1.0.0", "1.1.0"), single.suites().get(0).path());
    }
}

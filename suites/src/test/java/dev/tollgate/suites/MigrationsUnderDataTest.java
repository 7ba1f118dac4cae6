package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tollgate.api.Constants;
import dev.tollgate.model.LockWait;
import dev.tollgate.model.MigrationTiming;
import dev.tollgate.model.StepKind;
import dev.tollgate.model.UpgradeMigrations;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/**
 * A real upgrade of the sample on embedded PostgreSQL, with the real Flyway, to a release whose
 * migration rewrites missions: with 400,000 rows the test wrote itself, the run record shows the
 * migration's time from Flyway's history and reads and writes of missions waiting for its lock;
 * the same upgrade on an empty database shows the migration cheap and no table waiting.
 */
class MigrationsUnderDataTest {

    private static final Path SUITES = Path.of("src/test/resources/migrations").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aMigrationThatRewritesALargeTableShowsWithItsTimeAndALockWaitOnThatTableOnly() {
        EngineTestKit.engine("tollgate")
                .configurationParameters(Map.of(Constants.PREVIOUS, "1.1.0", Constants.CANDIDATE, "1.1.0-table-rewrite",
                        Constants.EVIDENCE_DIR, dir.resolve("evidence").toString(), Constants.WORK_DIR, dir.toString()))
                .selectors(selectFile(SUITES.resolve("table-rewrite-under-data.suite.yaml").toFile()),
                        selectFile(SUITES.resolve("table-rewrite-without-data.suite.yaml").toFile()))
                .execute();
        RunRecord run = RunRecordJson.read(dir.resolve("evidence").resolve(RunRecordJson.FILE_NAME));

        UpgradeMigrations underData = upgrade(run, "table-rewrite-under-data");
        System.out.println("[figures] " + underData.toText() + "[figures] " + upgrade(run, "table-rewrite-without-data").toText());
        MigrationTiming rewrite = underData.migrations().get(0);
        assertEquals(List.of("7"), underData.migrations().stream().map(MigrationTiming::id).toList(), underData.toText());
        assertEquals("add mission reviewed at", rewrite.description());
        assertEquals(MigrationTiming.Source.HISTORY, rewrite.source(), "Flyway's execution_time");
        assertTrue(rewrite.durationMillis() >= 300, underData.toText());
        LockWait missions = wait(underData, "public.missions");
        assertTrue(missions.longestReadWaitMillis() >= rewrite.durationMillis() / 2
                && missions.longestWriteWaitMillis() >= rewrite.durationMillis() / 2, underData.toText());
        assertEquals(List.of(missions.table()), underData.longestWaits(5).stream().map(LockWait::table).toList(),
                "only the rewritten table waited noticeably: " + underData.toText());
        assertTrue(underData.lockWaits().size() >= 3, "missions, mission_tags, audit_log: " + underData.toText());
        assertEquals("", underData.probeNote());

        UpgradeMigrations withoutData = upgrade(run, "table-rewrite-without-data");
        assertEquals(List.of("7"), withoutData.migrations().stream().map(MigrationTiming::id).toList(), withoutData.toText());
        assertTrue(withoutData.migrations().get(0).durationMillis() < rewrite.durationMillis(), withoutData.toText());
        assertEquals(List.of(), withoutData.longestWaits(5), "a cheap migration shows no wait: " + withoutData.toText());
        assertTrue(!withoutData.lockWaits().isEmpty(), withoutData.toText());
    }

    private static UpgradeMigrations upgrade(RunRecord run, String suite) {
        RunRecord.StepRecord step = run.suites().stream().filter(record -> record.name().equals(suite)).findFirst()
                .orElseThrow(() -> new AssertionError(suite + " ran: " + run.suites())).steps().stream()
                .filter(record -> record.kind() == StepKind.UPGRADE).findFirst().orElseThrow();
        assertEquals(dev.tollgate.check.Status.PASSED, step.status(), step.message());
        assertEquals(1, step.upgrades().size(), step.toString());
        return step.upgrades().get(0);
    }

    private static LockWait wait(UpgradeMigrations upgrade, String table) {
        return upgrade.lockWaits().stream().filter(wait -> wait.table().equals(table)).findFirst()
                .orElseThrow(() -> new AssertionError(table + " was probed: " + upgrade.toText()));
    }
}

package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped suites, run by the real engine in a child JVM, interrupted at twenty points across
 * the lifecycle — starting, installing, seeding, snapshotting, mid-backup, upgrading, installing the
 * clean-install reference, checking, probing a code rollback, restoring — with SIGINT (Ctrl-C) or
 * SIGTERM (a CI job cancelled), then the other if it has not ended: nothing of the run may remain,
 * no process (postgres, a release, a clean install) and no scratch directory.
 */
// Two rehearsals at a time: each waits on child processes most of the time, and twenty in a row
// would make the test command slow; they share nothing (own work directory, own free ports).
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class InterruptAnywhereTest {

    private static final Path SUITES = Path.of(System.getProperty("tollgate.profiles.dir", "..")).resolveSibling("suites")
            .resolve("src/suites");
    private static final Duration TO_END = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0} at ''{2}'' in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            INT  | rollback-restore      | suite rollback-restore
            TERM | rollback-restore      | embedded PostgreSQL up
            INT  | rollback-restore      | release 1.0.0 up
            TERM | rollback-restore      | captured apolloMission
            INT  | rollback-restore      | snapshot before-upgrade:
            TERM | rollback-restore      | release 1.0.0 stopped
            INT  | rollback-restore      | backup 'before-upgrade' taken
            TERM | rollback-restore      | release 1.1.0 up
            INT  | rollback-restore      | ✔ check http
            TERM | rollback-restore      | database restored from backup
            INT  | rollback-restore      | restore: the restored database
            TERM | rollback-restore      | ✔ check health, ready, version, restore
            INT  | upgrade-from-previous | ✔ seed
            TERM | upgrade-from-previous | ✔ upgrade 1.1.0
            INT  | upgrade-from-previous | clean install of 1.1.0 for reference done
            TERM | upgrade-from-previous | ✔ convergence
            INT  | upgrade-from-previous | ✔ check logs
            TERM | upgrade-from-previous | ✔ rollback 1.0.0
            INT  | upgrade-from-previous | missions-listed
            TERM | upgrade-from-previous | ✔ check health, version, missions-listed
            """)
    void interruptedRehearsalLeavesNothingBehind(String signal, String suite, String point) throws Exception {
        Path workParent = Files.createTempDirectory(LocalProfile.workParent(), "interrupt-");
        Process rehearsal = new ProcessBuilder(command(workParent, suite)).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        List<String> runIds;
        try {
            ChildRehearsal.awaitLine(rehearsal, line -> line.contains(point), "'" + point + "'", output);
            runIds = runIds(workParent);

            String sent = ChildRehearsal.interrupt(rehearsal, signal);
            if (!rehearsal.waitFor(TO_END.toSeconds(), TimeUnit.SECONDS)) {
                ChildRehearsal.interrupt(rehearsal, sent.equals("INT") ? "TERM" : "INT");
                assertTrue(rehearsal.waitFor(TO_END.toSeconds(), TimeUnit.SECONDS),
                        "the run must end after SIGINT and SIGTERM; it did not:\n" + tail(output));
            }
        } finally {
            ChildRehearsal.end(rehearsal);  // a failing test leaves no rehearsal, service or database behind
        }

        Awaitility.await("processes of the interrupted run to be gone").atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(List.of(), Leftovers.processesOf(runIds, workParent), tail(output)));
        try (Stream<Path> left = Files.list(workParent)) {
            assertEquals(List.of(), left.toList(), "scratch directories must be deleted");
        }
        Files.delete(workParent);
    }

    private static List<String> command(Path workParent, String suite) {
        return ChildRehearsal.command(List.of("-Dtollgate.work.dir=" + workParent,
                "-Dallure.results.directory=" + Path.of(System.getProperty("tollgate.evidence.dir"), "allure-interrupt")),
                EngineRehearsal.class, SUITES.resolve(suite + ".suite.yaml").toString());
    }


    private static List<String> runIds(Path workParent) throws IOException {
        try (Stream<Path> runs = Files.list(workParent)) {
            return runs.map(run -> run.getFileName().toString()).toList();
        }
    }

    private static String tail(List<String> output) {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
        }
    }
}

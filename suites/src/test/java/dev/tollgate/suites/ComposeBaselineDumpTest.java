package dev.tollgate.suites;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tollgate.api.Constants;
import dev.tollgate.runtime.compose.DockerEngine;

/**
 * The rehearsal on a copy of production on the {@code quickstart} compose profile: the dump is
 * copied into the database container and restored there by its own pg_restore (or psql), prepare:
 * runs, and only then does the release's container start. The same dump and suite as
 * {@link BaselineDumpTest} on local, judged the same way. Needs a Docker engine and the images of
 * profiles/images/build-images.sh.
 */
class ComposeBaselineDumpTest {

    @TempDir
    static Path dir;

    private static ProductionDump dumps;

    @BeforeAll
    static void dumpA100DatabaseWithRowsTheApiNeverWrites() throws Exception {
        assumeTrue(DockerEngine.unavailableReason().isEmpty(), "no Docker engine answers here");
        dumps = ProductionDump.make(dir);
    }

    @Test
    void theUpgradeFromTheDumpPassesDataConvergenceAndRestoreAfterPrepare() throws Exception {
        Path evidence = dir.resolve("evidence-go");
        BaselineDumpTest.assertGoWithDataConvergenceAndRestore(
                GateRehearsal.filesOn("quickstart", "1.1.0", evidence, List.of(dumps.suite())), evidence);
    }

    @Test
    void aCandidateThatDeletesFinishedMissionsIsNoGoInDataOnTheDump() throws Exception {
        Path evidence = dir.resolve("evidence-dataloss");
        BaselineDumpTest.assertNoGoInDataNamingTheLostRows(
                GateRehearsal.filesOn("quickstart", "1.1.0-bad-dataloss", evidence, List.of(dumps.suite())), evidence);
    }

    /** A directory-format dump restores with pg_restore --jobs in the container, a plain one with its psql; each then migrates. */
    @Test
    void directoryAndPlainDumpsRestoreInTheContainerToo() throws Exception {
        Path file = Files.writeString(dir.resolve("install-both.suite.yaml"), """
                suite: install-from-directory-then-plain
                scenario:
                  - install: { release: "${candidate}", from: %s, prepare: "delete from missions where name like 'scratch-%%'" }
                  - id: from-directory
                    check:
                      - version
                      - sql: { query: "select count(*) from missions where created_at < '1970-01-01'", expect: 3 }
                      - sql: { query: "select count(*) from missions", expect: 4 }
                  - install: { release: "${candidate}", from: %s }
                  - id: from-plain
                    check:
                      - version
                      - sql: { query: "select count(*) from missions", expect: 54 }
                """.formatted(dumps.directoryDump().getFileName(), dumps.plainDump().getFileName()));

        // The dumps go to the database container as a tar streamed through the API: no .tar.gz is made
        // in java.io.tmpdir first (docker-java's withHostResource did, and left it there on Ctrl-C).
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> archivesInTmp = new java.util.ArrayList<>();
        EngineExecutionResults results;
        try (java.nio.file.WatchService watch = tmp.getFileSystem().newWatchService()) {
            java.nio.file.WatchKey key = tmp.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);

            results = run(file, "evidence-formats");

            key.pollEvents().stream().map(created -> created.context().toString()).filter(name -> name.endsWith(".tar.gz"))
                    .forEach(archivesInTmp::add);
        }

        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:from-directory"), finishedSuccessfully()));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:from-plain"), finishedSuccessfully()));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), archivesInTmp, "archives written to " + tmp + " during the copies");
    }

    /**
     * An archive newer than the database container's pg_restore (archive 1.16 is pg_dump 17's; the
     * quickstart image has 15) fails the install before the release starts, naming both releases.
     */
    @Test
    void anArchiveNewerThanTheContainersPgRestoreFailsTheInstallNamingBoth() throws Exception {
        byte[] header = new byte[64];
        System.arraycopy(new byte[] {'P', 'G', 'D', 'M', 'P', 1, 16, 0}, 0, header, 0, 8);
        Path dump = Files.write(dir.resolve("from-17.dump"), header);
        Path file = Files.writeString(dir.resolve("too-new.suite.yaml"), """
                suite: too-new
                scenario:
                  - install: { release: "${previous}", from: from-17.dump }
                  - id: never
                    check: health
                """);

        EngineExecutionResults results = run(file, "evidence-too-new");

        results.allEvents().assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m -> m.contains(file + ":3:5: "
                + dump + " is a custom-format archive (archive version 1.16), which needs pg_restore 17 or newer; the one found is"
                + " 15 (in the database container, service db). Run service db on a PostgreSQL 17 image in ")))));
        results.testEvents().assertThatEvents().doNotHave(event(test("step:never"), finishedSuccessfully()));
    }

    private static EngineExecutionResults run(Path suite, String evidence) {
        return EngineTestKit.engine("tollgate")
                .configurationParameters(Map.of(Constants.PROFILE, "quickstart", Constants.CANDIDATE, "1.1.0",
                        Constants.EVIDENCE_DIR, dir.resolve(evidence).toString()))
                .selectors(selectFile(suite.toFile())).execute();
    }
}

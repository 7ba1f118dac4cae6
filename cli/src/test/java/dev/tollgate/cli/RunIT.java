package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code tollgate run}: the rehearsal {@code mvn verify -Pupgrade} runs, from the jar, with the same
 * verdict, release-readiness files and exit code.
 */
class RunIT {

    private static final Path OUT = Path.of("target", "it-run").toAbsolutePath();

    @Test
    void upgradeFrom100To110IsGo() throws IOException {
        Path out = OUT.resolve("go");

        CliProcess.Result result = CliProcess.run("run", "--tag", "upgrade", "--out", out.toString(),
                "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR);

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains("] rehearsing 1.0.0 → 1.1.0 on profile local"), result::toString);
        assertTrue(result.out().contains("] suite upgrade-from-previous (upgrade-from-previous.suite.yaml, "), result::toString);
        assertTrue(result.out().contains("[tollgate] ══ GO ══ 1.0.0 → 1.1.0 on local"), result::toString);
        JsonNode readiness = readiness(out);
        assertEquals("GO", readiness.path("verdict").asText());
        assertEquals("1.0.0", readiness.path("releases").path("previous").asText());
        assertEquals("1.1.0", readiness.path("releases").path("candidate").asText());
        assertEquals("local", readiness.path("profile").asText());
        assertTrue(Files.isRegularFile(out.resolve("release-readiness.md")));
        assertTrue(Files.isRegularFile(out.resolve("tollgate/run.json")));
        assertTrue(Files.readString(out.resolve("failsafe-reports/TEST-tollgate.xml")).contains("tests=\"11\""), "JUnit XML with one entry per step");
        // The Allure report names what ran it: the command line, not Maven (outside CI).
        if (System.getenv("GITHUB_RUN_ID") == null) {
            String executor = Files.readString(out.resolve("allure-results/executor.json"));
            assertTrue(executor.contains("\"tollgate (command line)\""), executor);
        }
    }

    @Test
    void aCandidateThatMisreportsItsVersionIsNoGoAndFailsTheCommand() throws IOException {
        Path out = OUT.resolve("bad-version");

        CliProcess.Result result = CliProcess.run("run", "--tag", "upgrade", "--candidate", "1.1.0-bad-version",
                "--out", out.toString(), "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR);

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.out().contains("[tollgate] ══ NO-GO ══ 1.0.0 → 1.1.0-bad-version on local"), result::toString);
        assertTrue(result.out().contains("(--gate report-only reports without failing)"), "the command line's own option, not"
                + " Maven's -D: " + result);
        JsonNode readiness = readiness(out);
        assertEquals("NO-GO", readiness.path("verdict").asText());
        assertTrue(readiness.path("reasons").toString().contains("version"), readiness::toString);
    }

    @Test
    void aRunWithoutReleasesOnAProfileWithoutDefaultsIsAUsageErrorNamingTheOptions() throws IOException {
        Path project = OUT.resolve("no-releases");
        deleteTree(project);
        CliProcess.Result init = CliProcess.run("init", project.toString(), "--command", "sh -c 'exit 7' ${release}");
        assertEquals(ExitCodes.OK, init.exitCode(), init::toString);

        CliProcess.Result run = CliProcess.run("run", "--root", project.toString(), "--tag", "upgrade");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Give --previous RELEASE (the release in production) and --candidate RELEASE"),
                run::toString);
        assertTrue(run.out().isEmpty(), "nothing started: " + run);
        assertTrue(!Files.exists(project.resolve("tollgate-out/tollgate/run.json")), "no run record: " + run);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndRunNothing() {
        CliProcess.Result badGate = CliProcess.run("run", "--gate", "sometimes");
        assertEquals(ExitCodes.USAGE, badGate.exitCode(), badGate::toString);
        assertTrue(badGate.err().contains("--gate sometimes is not a gate mode"), badGate::toString);

        CliProcess.Result unknownSuite = CliProcess.run("run", "--suite", "no-such-suite", "--out",
                OUT.resolve("unknown").toString());
        assertEquals(ExitCodes.USAGE, unknownSuite.exitCode(), unknownSuite::toString);
        assertTrue(unknownSuite.err().contains("no suite named no-such-suite"), unknownSuite::toString);

        CliProcess.Result unknownProfile = CliProcess.run("run", "--profile", "nowhere", "--out",
                OUT.resolve("unknown").toString());
        assertEquals(ExitCodes.USAGE, unknownProfile.exitCode(), unknownProfile::toString);
        assertTrue(unknownProfile.err().contains("No profile named 'nowhere'"), unknownProfile::toString);
    }

    @Test
    void aMalformedSuiteStopsTheRunBeforeAnythingStarts() {
        Path suite = CliProcess.ROOT.resolve("harness-core/src/test/resources/suites/malformed/unknown-step.suite.yaml");

        CliProcess.Result result = CliProcess.run("run", suite.toString(), "--out", OUT.resolve("malformed").toString());

        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains(suite + ":4:5: unknown step 'instal'; did you mean 'install'?"), result::toString);
        assertTrue(result.err().contains("nothing was run"), result::toString);
        assertTrue(!result.out().contains("rehearsing"), result::toString);
    }

    private static JsonNode readiness(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("release-readiness.json").toFile());
    }
}

package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** {@code tollgate validate}: the engine's discovery errors, without a run, with an exit code for CI. */
class ValidateIT {

    private static final Path CORPUS = CliProcess.ROOT.resolve("harness-core/src/test/resources/suites");

    @ParameterizedTest
    @ValueSource(strings = {"malformed", "authz-malformed"})
    void reportsTheSameErrorsAsTheEnginesDiscoveryAndFails(String corpus) {
        Path dir = CORPUS.resolve(corpus);

        CliProcess.Result result = CliProcess.run("validate", "--no-profiles", dir.toString());

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        List<String> printed = new ArrayList<>(result.outLines());
        String summary = printed.remove(printed.size() - 1);
        assertTrue(summary.startsWith("✘ "), summary);
        List<String> discovered = discoveryIssues(dir);
        assertFalse(discovered.isEmpty(), "the corpus must have errors");
        assertEquals(sorted(discovered), sorted(printed), "validate prints exactly what the engine's discovery reports");
        assertTrue(summary.contains(discovered.size() + " problems"), summary);
    }

    @Test
    void namesFileLineAndFixOfOneBrokenSuite() {
        Path file = CORPUS.resolve("malformed/unknown-step.suite.yaml");

        CliProcess.Result result = CliProcess.run("validate", "--no-profiles", file.toString());

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.outLines().get(0).startsWith(file + ":"), result::toString);
    }

    @Test
    void theProjectsSuitesAndProfilesAreValid() throws IOException {
        CliProcess.Result result = CliProcess.run("validate", "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR);

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains("✔ " + count(CliProcess.ROOT.resolve("suites/src/suites"), "*.suite.yaml")
                + " suite files and " + count(CliProcess.ROOT.resolve("profiles"), "*/profile.yaml") + " profiles valid"),
                result::toString);
    }

    @Test
    void aBrokenProfileFailsWithItsLine(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(profile, "name: broken\nruntime: local\nservice:\n  comand: [java]\n");

        CliProcess.Result result = CliProcess.run("validate", "--profile", profile.toString(),
                CliProcess.ROOT.resolve("suites/src/suites/health-version.suite.yaml").toString());

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.out().contains(profile + ":4:"), result::toString);
        assertTrue(result.out().contains("unknown key 'comand'; did you mean 'command'?"), result::toString);
    }

    @Test
    void aSubjectAProfileLacksIsNamedOncePerPlaceEvenInAFixtureSuitesShare(@TempDir Path dir) throws IOException {
        // Two suites seed the same fixture as subjects this profile does not declare.
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(profile, "name: no-subjects\nruntime: local\nservice:\n  command: [java, -jar, app.jar]\n  health: /health\n");

        CliProcess.Result result = CliProcess.run("validate", "--profile", profile.toString(),
                CliProcess.ROOT.resolve("suites/src/suites/upgrade-from-previous.suite.yaml").toString(),
                CliProcess.ROOT.resolve("suites/src/suites/rollback-restore.suite.yaml").toString());

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        List<String> named = result.out().lines().filter(line -> line.contains("which " + profile + " does not declare")).toList();
        assertTrue(named.stream().anyMatch(line -> line.contains("missions.yaml")), result::toString);
        assertEquals(named.stream().distinct().toList(), named, "each place once:\n" + result.out());
    }

    /**
     * An install from a dump is checked against each profile before anything starts: the compose
     * profile restores one (in its database container) as the local one does; a file that is no
     * dump is refused on compose too, naming the suite line.
     */
    @Test
    void anInstallFromADumpIsAcceptedOnComposeAndLocalAndANonDumpIsRefused(@TempDir Path dir) throws IOException {
        byte[] header = new byte[64];
        System.arraycopy("PGDMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, header, 0, 5);
        header[5] = 1;
        header[6] = 14;
        Files.write(dir.resolve("baseline.dump"), header);
        Path suite = Files.writeString(dir.resolve("from-dump.suite.yaml"),
                "suite: from-dump\nscenario:\n  - install: { release: \"${previous}\", from: baseline.dump }\n  - check: health\n");
        Path notADump = Files.writeString(dir.resolve("users.csv"), "id,email\n1,a@example.com\n");
        Path fromCsv = Files.writeString(dir.resolve("from-csv.suite.yaml"),
                "suite: from-csv\nscenario:\n  - install: { release: \"${previous}\", from: users.csv }\n  - check: health\n");

        CliProcess.Result compose = CliProcess.run("validate", "--profile", "quickstart", suite.toString());
        CliProcess.Result local = CliProcess.run("validate", "--profile", "local", "--set",
                "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR, suite.toString());
        CliProcess.Result csv = CliProcess.run("validate", "--profile", "quickstart", fromCsv.toString());

        assertEquals(ExitCodes.OK, compose.exitCode(), compose::toString);
        assertEquals(ExitCodes.OK, local.exitCode(), local::toString);
        assertEquals(ExitCodes.FAILED, csv.exitCode(), csv::toString);
        assertTrue(csv.out().contains(fromCsv + ":3:5: The dump to install from: " + notADump + " is not a PostgreSQL dump"),
                csv::toString);
    }

    /** What the engine reports when Failsafe or an IDE selects the same directory. */
    private static List<String> discoveryIssues(Path dir) {
        // As the engine words them under the command line (--set NAME=…, not Maven's -DNAME=…).
        System.setProperty(dev.tollgate.api.Hints.ENTRY_POINT, "cli");
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(dir.toFile()))
                .filters(EngineFilter.includeEngines("tollgate"))
                .configurationParameter("junit.platform.discovery.issue.failure.phase", "execution")
                .listeners(new LauncherDiscoveryListener() {
                    @Override
                    public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
                        if (issue.severity() == DiscoveryIssue.Severity.ERROR) {
                            messages.add(issue.message());
                        }
                    }
                }).build());
        return List.copyOf(messages);
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().flatMap(String::lines).sorted().toList();
    }

    /** Every file the default selection holds, so the test says whether all of them were read. */
    private static long count(Path dir, String glob) throws IOException {
        java.nio.file.PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (java.util.stream.Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(file -> matcher.matches(dir.relativize(file))).count();
        }
    }
}

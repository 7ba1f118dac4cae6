package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rehearsal interrupted with SIGINT (Ctrl-C) half-way leaves no postgres, no service process and
 * no scratch directory behind.
 */
class InterruptCleanupTest {

    @ParameterizedTest(name = "SIGINT at {0}")
    @ValueSource(strings = {"database-up", "deploying", "service-up"})
    void interruptedRunLeavesNothingBehind(String point) throws Exception {
        Path workParent = Files.createTempDirectory(LocalProfile.workParent(), "sigint-");
        Process rehearsal = new ProcessBuilder(command(workParent)).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String[] reached = awaitPoint(rehearsal, point, output);
        String runId = reached[2];
        Path runDirectory = Path.of(reached[3]);

        new ProcessBuilder("kill", "-INT", Long.toString(rehearsal.pid())).inheritIO().start().waitFor();

        assertTrue(rehearsal.waitFor(30, TimeUnit.SECONDS), "the interrupted run must end by itself: " + output);
        Awaitility.await("processes of run " + runId + " to be gone").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(List.of(), Leftovers.processesOf(runId, runDirectory), String.join("\n", output)));
        assertFalse(Files.exists(runDirectory), runDirectory + " must be deleted");
        assertEquals(List.of(), Leftovers.processesOf(runId, runDirectory));
    }

    private static String[] awaitPoint(Process rehearsal, String point, List<String> output) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(rehearsal.getInputStream(), StandardCharsets.UTF_8));
        // Keep draining output after the point, so the child never blocks on a full pipe.
        for (String line; (line = lines.readLine()) != null; ) {
            output.add(line);
            if (line.startsWith("POINT " + point + " ")) {
                Thread drain = new Thread(() -> lines.lines().forEach(output::add));
                drain.setDaemon(true);
                drain.start();
                return line.split(" ");
            }
        }
        rehearsal.destroyForcibly();
        return fail("the rehearsal ended before reaching " + point + ": " + output);
    }

    private static List<String> command(Path workParent) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath,
                "-Dtollgate.sampleApp.jar=" + System.getProperty("tollgate.sampleApp.jar"),
                "-Dtollgate.profiles.dir=" + System.getProperty("tollgate.profiles.dir"),
                "-Dtollgate.evidence.dir=" + System.getProperty("tollgate.evidence.dir"),
                HeldRehearsal.class.getName(), workParent.toString());
    }
}

package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
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
        interruptAt(point, false);
    }

    /** Issue 19: as a background job of a non-interactive shell, the rehearsal ignores SIGINT; SIGTERM stands in. */
    @Test
    void anInterruptUnderAParentThatIgnoresSigintStillLeavesNothingBehind() throws Exception {
        assertEquals("TERM", interruptAt("service-up", true));
    }

    private String interruptAt(String point, boolean sigintIgnored) throws Exception {
        Path workParent = Files.createTempDirectory(LocalProfile.workParent(), "sigint-");
        List<String> command = ChildRehearsal.command(List.of(), HeldRehearsal.class, workParent.toString());
        Process rehearsal = new ProcessBuilder(sigintIgnored ? ChildRehearsal.ignoringSigint(command) : command)
                .redirectErrorStream(true).start();
        try {
            List<String> output = new ArrayList<>();
            String[] reached = ChildRehearsal.awaitLine(rehearsal, line -> line.startsWith("POINT " + point + " "), point, output)
                    .split(" ");
            String runId = reached[2];
            Path runDirectory = Path.of(reached[3]);

            String sent = ChildRehearsal.interrupt(rehearsal, "INT");

            assertTrue(rehearsal.waitFor(30, TimeUnit.SECONDS), "the interrupted run must end by itself: " + output);
            Awaitility.await("processes of run " + runId + " to be gone").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertEquals(List.of(), Leftovers.processesOf(runId, runDirectory), String.join("\n", output)));
            assertFalse(Files.exists(runDirectory), runDirectory + " must be deleted");
            assertEquals(List.of(), Leftovers.processesOf(runId, runDirectory));
            return sent;
        } finally {
            ChildRehearsal.end(rehearsal);  // a failing test leaves no rehearsal, service or database behind
        }
    }


}

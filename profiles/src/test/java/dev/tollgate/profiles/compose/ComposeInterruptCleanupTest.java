package dev.tollgate.profiles.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A compose rehearsal interrupted with SIGINT (Ctrl-C) during its upgrade leaves no container,
 * volume or network with its label: docker ps -a, docker volume ls and docker network ls show
 * nothing of it.
 */
import dev.tollgate.profiles.ChildRehearsal;

class ComposeInterruptCleanupTest {

    @Test
    void interruptedUpgradeLeavesNothingInDocker() throws Exception {
        ComposeProfiles.assumeDocker();
        Path workParent = Files.createTempDirectory(ComposeProfiles.workParent(), "sigint-compose-");
        Process rehearsal = new ProcessBuilder(ChildRehearsal.command(List.of(), HeldComposeRehearsal.class, workParent.toString())).redirectErrorStream(true).start();
        try {
            interruptDuringTheUpgrade(rehearsal);
        } finally {
            // A failing test leaves no rehearsal behind, nor its compose project: SIGTERM lets it clean up first.
            rehearsal.destroy();
            if (!rehearsal.waitFor(60, TimeUnit.SECONDS)) {
                ChildRehearsal.end(rehearsal);
            }
        }
    }

    private static void interruptDuringTheUpgrade(Process rehearsal) throws Exception {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        String[] reached = ChildRehearsal.awaitLine(rehearsal, line -> line.startsWith("POINT upgrading "), "upgrading", output)
                .split(" ");
        String runId = reached[2];
        // Let the upgrade get going (compose starts recreating the service's container), but not
        // finish: on a quiet machine with images at hand the swap takes well under a second.
        Thread.sleep(200);

        // What matters is that the signal came before the upgrade was done; the clean-up may let the
        // upgrade in progress finish first, so what the child prints afterwards does not count.
        boolean upgradeDoneBeforeSignal = output.stream().anyMatch(line -> line.startsWith("POINT upgraded"));
        // Under a parent that ignores SIGINT (a background job of a non-interactive shell) the child
        // inherits that, as Ctrl-C never reaches such a job: it is sent SIGTERM instead, as a CI runner would.
        String sent = ChildRehearsal.interrupt(rehearsal, "INT");

        assertTrue(rehearsal.waitFor(120, TimeUnit.SECONDS), "the interrupted run (SIG" + sent + ") must end by itself: " + output);
        assertEquals(List.of(), ComposeProfiles.leftovers(runId), "left in Docker by run " + runId + ":\n"
                + String.join("\n", output));
        assertTrue(!upgradeDoneBeforeSignal, "the interrupt must have come during the upgrade: " + output);
    }


}

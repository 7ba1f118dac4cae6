package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProcessExitsTest {

    @Test
    void seesAProcessEndWithoutTheGrowingSleepsOfOnExit() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "0.2").start();
        long started = System.nanoTime();

        assertTrue(ProcessExits.await(sleeper.toHandle(), Duration.ofSeconds(5)));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 2, "saw the end after " + seconds + " s");
    }

    @Test
    void givesUpOnAProcessStillRunningAtTheTimeout() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertFalse(ProcessExits.await(sleeper.toHandle(), Duration.ofMillis(100)));
            assertFalse(ProcessExits.ended(sleeper.toHandle()));
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }
}

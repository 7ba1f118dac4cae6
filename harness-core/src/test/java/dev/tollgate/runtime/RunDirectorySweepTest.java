package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed without its shutdown hook (SIGKILL, a JVM crash) left its database server running
 * on its run directory, for good: the next run ends it and deletes the directory. A live run's
 * directory, and anything without an owner file, is left alone.
 */
class RunDirectorySweepTest {

    @TempDir
    Path parent;

    @Test
    void aKilledRunsServerIsEndedAndItsDirectoryDeleted() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path abandoned = Files.createDirectories(parent.resolve("tollgate-1234"));
        Files.writeString(abandoned.resolve(RunDirectory.OWNER), gone.pid() + " " + gone.info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(0L));
        // Stands for its PostgreSQL server: a process whose command line names the directory.
        Process server = new ProcessBuilder("sh", "-c", "sleep 300", abandoned.resolve("pgdata").toString()).start();
        Path notARun = Files.createDirectories(parent.resolve("tollgate-pg-template-v1-abc"));
        Process other = new ProcessBuilder("sh", "-c", "sleep 300", notARun.toString()).start();

        try (RunDirectory live = RunDirectory.create(parent); RunDirectory next = RunDirectory.create(parent)) {
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the abandoned run's server was ended");
            assertFalse(Files.exists(abandoned), "and its directory deleted");
            assertTrue(Files.exists(live.path()), "a live run's directory stays");
            assertTrue(Files.exists(notARun) && other.isAlive(), "what has no owner file is not a run's");
        } finally {
            server.destroyForcibly();
            other.destroyForcibly();
        }
    }
}

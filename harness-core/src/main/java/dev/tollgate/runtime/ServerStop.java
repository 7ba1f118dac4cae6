package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops the run's embedded PostgreSQL server for good, its data directory deleted right after. An
 * immediate shutdown (SIGQUIT to the postmaster, what {@code pg_ctl -m immediate} sends; it ends
 * its children before it exits) writes no checkpoint, which nothing would ever read; the
 * postmaster's end is watched every 20 ms ({@link ProcessExits}), where {@code pg_ctl -w} looks
 * every 100 ms, most of a small server's stop. The signal goes through the shell's {@code kill}:
 * Java sends only SIGTERM and SIGKILL, and {@code pg_ctl} refuses to run as root, as Tollgate does
 * in containers. A server still there after the patience is killed.
 */
final class ServerStop {

    private static final Duration SIGNAL_WAIT = Duration.ofSeconds(5);

    private ServerStop() {
    }

    /** The postmaster of the server running on {@code dataDirectory}, from its {@code postmaster.pid}. */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            String firstLine = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(firstLine));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // not started, or already stopped
        }
    }

    /**
     * Stops the server immediately and waits for its postmaster to end.
     *
     * @return false when it could not be signalled this way (no shell, or it refused): the caller
     *         stops it another way
     */
    static boolean immediate(ProcessHandle postmaster, Duration patience) {
        try {
            Process signal = new ProcessBuilder(List.of("sh", "-c", "kill -QUIT \"$1\"", "sh", Long.toString(postmaster.pid())))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!signal.waitFor(SIGNAL_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                signal.destroyForcibly();
                return false;
            }
            if (signal.exitValue() != 0 && !ProcessExits.ended(postmaster)) {
                return false;
            }
            awaitExit(postmaster, patience);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            postmaster.destroyForcibly();
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Waits for the postmaster to end: SIGTERM after {@code patience}, then SIGKILL. */
    static void awaitExit(ProcessHandle process, Duration patience) {
        try {
            if (ProcessExits.await(process, patience)) {
                return;
            }
            process.destroy();  // SIGTERM: PostgreSQL's smart shutdown
            if (!ProcessExits.await(process, patience)) {
                process.destroyForcibly();
                ProcessExits.await(process, patience);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

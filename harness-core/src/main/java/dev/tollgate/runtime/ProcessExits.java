package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a process that is not this JVM's child to end. {@link ProcessHandle#onExit()} cannot
 * tell an ended process from a zombie and polls with growing sleeps (0.3 s, 0.33 s, …): where the
 * init process reaps orphans late (a PostgreSQL postmaster, orphaned by {@code pg_ctl}, in a
 * container), it waited two seconds per database for a process that had already ended.
 */
final class ProcessExits {

    private static final long POLL_MILLIS = 20;

    private ProcessExits() {
    }

    /** @return whether the process ended (or is a zombie, which has ended) within {@code timeout} */
    static boolean await(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    static boolean ended(ProcessHandle process) {
        return !process.isAlive() || zombie(process.pid());
    }

    /** Linux: the state in {@code /proc/PID/stat}, after the command name in parentheses, is {@code Z}. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;  // no /proc (not Linux) or already gone: isAlive() decides
        }
    }
}

package dev.tollgate.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Release;
import dev.tollgate.system.SystemWait;

/**
 * One start of a release at a time: a release's launcher may rebuild files inside its own
 * distribution as it starts (Keycloak's {@code kc.sh start-dev} does), so two starts of the same
 * release at once (the convergence check's clean install beside the scenario's start) can break
 * each other. Starts of different releases still run side by side.
 */
final class ReleaseStarts {

    private final ConcurrentHashMap<Release, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Progress progress;

    ReleaseStarts(Progress progress) {
        this.progress = progress;
    }

    /** Holds the release's start until {@link Held#close()}; waits (interruptibly) while another start of it runs. */
    Held hold(Release release, String which) {
        ReentrantLock lock = locks.computeIfAbsent(release, r -> new ReentrantLock());
        try {
            if (!lock.tryLock()) {
                progress.report(which + " of " + release + " waits for the other start of " + release
                        + " to be up (one start of a release at a time)");
                try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.CLEAN_INSTALL)) {
                    while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                        // polled, so an interrupt (Ctrl-C) ends the wait at once
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.RUNTIME_SERVICE_LAUNCH_FAILED, "interrupted while " + which + " of " + release
                    + " waited for another start of it", e);
        }
        return lock::unlock;
    }

    /** A held start; closing it lets the next start of the release begin. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
